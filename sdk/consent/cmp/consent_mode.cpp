#include "consent/cmp/consent_mode.hpp"

#include "common/quote.hpp"

namespace confidant::consent::cmp {

Result<ConsentModeFacts> read_consent_mode(const std::map<std::string, std::string>& signals) {
  if (signals.empty()) return Status::invalid_field("consent_mode", "empty");
  ConsentModeFacts facts;
  for (const auto& [key, value] : signals) {
    const std::string field = "consent_mode." + (key.size() <= 64 ? key : key.substr(0, 64));
    bool* slot = key == "ad_storage"           ? &facts.ad_storage
                 : key == "analytics_storage"  ? &facts.analytics_storage
                 : key == "ad_user_data"       ? &facts.ad_user_data
                 : key == "ad_personalization" ? &facts.ad_personalization
                                               : nullptr;
    const bool personalization = key == "personalization_storage";
    const bool ignored = key == "functionality_storage" || key == "security_storage";
    if (slot == nullptr && !personalization && !ignored) {
      return Status::invalid_field("consent_mode", text::quoted(key) +
                                                       " is not a Consent Mode signal (ad_storage, analytics_storage, "
                                                       "ad_user_data, ad_personalization, personalization_storage, "
                                                       "functionality_storage, security_storage)");
    }
    if (value != "granted" && value != "denied") {
      return Status::invalid_field(field, "expected granted or denied, got " + text::quoted(value));
    }
    const bool granted = value == "granted";
    if (slot != nullptr) *slot = granted;
    if (personalization) facts.personalization_storage = granted;
    if (slot != nullptr || personalization) facts.state += key + "=" + value + "\n";
  }
  return facts;
}

}  // namespace confidant::consent::cmp

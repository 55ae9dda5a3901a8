// Sdk::perform_privacy_action: an action the privacy center model offered,
// carried out through the same public calls an app would make, so it is
// checked, consented and purged exactly as they are.
#include "api/privacy_action_rules.hpp"
#include "confidant/sdk.hpp"
#include "consent/types.hpp"

namespace confidant {
namespace {

std::string text_of(std::string_view v) { return std::string(v); }

}  // namespace

Result<PrivacyActionResult> Sdk::perform_privacy_action(const PrivacyAction& action) {
  if (Status st = api::check_privacy_action(action); !st) return st;
  const auto value = [&](std::string_view name) { return api::target_value(action, name); };
  PrivacyActionResult result{action.id, {}};
  Status st;
  if (action.id == "forget") {
    st = forget(value("target"));
  } else if (action.id == "block" || action.id == "like" || action.id == "dislike") {
    const PreferenceKind kind = action.id == "block" ? PreferenceKind::kBlock
                                : action.id == "like" ? PreferenceKind::kLike
                                                      : PreferenceKind::kDislike;
    st = prefer(kind, value("target"), value("text"));
  } else if (action.id == "grant" || action.id == "deny") {
    // Checked by check_privacy_action: both parse.
    const DataCategory category = consent::parse_category(value("category")).value();
    const Use use = consent::parse_use(value("use")).value();
    ConsentContext context;  // source: the person, who pressed the button
    if (!value("policy_version").empty()) context.policy_version = text_of(value("policy_version"));
    st = action.id == "grant" ? grant({category}, {use}, context) : deny({category}, {use}, context);
  } else if (action.id == "pause" || action.id == "resume") {
    st = set_paused(action.id == "pause");
  } else if (action.id == "export") {
    auto exported = export_json();
    if (!exported) return exported.status();
    result.export_json = std::move(exported.value());
  } else if (action.id == "erase") {
    st = erase();
  }
  if (!st) return st;
  return result;
}

Result<PrivacyActionResult> Sdk::perform_privacy_action(std::string_view action_json) {
  auto action = parse_privacy_action(action_json);
  if (!action) return action.status();
  return perform_privacy_action(action.value());
}

}  // namespace confidant

// Google Consent Mode v2 signals, as the app's CMP sets them (gtag's
// consent types; the Firebase SDKs' ConsentType): each "granted" or
// "denied".
//
// The four of Consent Mode v2 are read: ad_storage, analytics_storage,
// ad_user_data, ad_personalization; one left out counts as denied (Consent
// Mode's own default where consent is required). Of gtag's other three
// consent types, personalization_storage is read when given (denied, it
// denies personalization too); functionality_storage and security_storage
// are checked and ignored. Any other key, or a value other than the two
// (case-sensitive), is refused naming it.
//
// Thread-safety: pure function.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "confidant/status.hpp"

namespace confidant::consent::cmp {

struct ConsentModeFacts {
  bool ad_storage = false;
  bool analytics_storage = false;
  bool ad_user_data = false;
  bool ad_personalization = false;
  std::optional<bool> personalization_storage;  // when given
  // The signals given, canonically ("ad_storage=granted\n..." in key order),
  // for the state's fingerprint.
  std::string state;
};

// `signals` must not be empty (the caller gives Consent Mode or not at all).
Result<ConsentModeFacts> read_consent_mode(const std::map<std::string, std::string>& signals);

}  // namespace confidant::consent::cmp

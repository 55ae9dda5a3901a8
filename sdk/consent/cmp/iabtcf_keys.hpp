// The IABTCF_ values a CMP keeps in the app's preferences (IAB Tech Lab, "CMP
// API v2", "In-App Details": SharedPreferences on Android, NSUserDefaults on
// iOS), read from the key -> text map the app hands over
// (CmpSignals::iabtcf) and checked for form.
//
// Numbers are decimal text; "binary strings" hold '0' and '1' only, position
// n for id n+1. Keys this reader does not use but the specification defines
// are checked for form too; other IABTCF_ keys are ignored (the list grows
// with the specification), and a key without the prefix is refused.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "confidant/status.hpp"

namespace confidant::consent::cmp {

inline constexpr const char* kTcStringKey = "IABTCF_TCString";

struct IabtcfValues {
  std::optional<bool> gdpr_applies;               // IABTCF_gdprApplies; unset: undetermined
  std::optional<std::string> tc_string;           // IABTCF_TCString, when not empty
  std::optional<int> policy_version;              // IABTCF_PolicyVersion
  std::optional<int> cmp_sdk_id;                  // IABTCF_CmpSdkID
  std::optional<int> cmp_sdk_version;             // IABTCF_CmpSdkVersion
  std::optional<std::string> purpose_consents;    // IABTCF_PurposeConsents
  std::optional<std::string> special_features;    // IABTCF_SpecialFeaturesOptIns
  std::optional<std::string> publisher_consent;   // IABTCF_PublisherConsent
  std::optional<std::string> vendor_consents;     // IABTCF_VendorConsents
  // IABTCF_PublisherRestrictions<purpose>, by purpose 1..24: '0' not
  // allowed, '1' require consent, '2' require legitimate interest, at
  // position n for vendor n+1.
  std::map<int, std::string> publisher_restrictions;
};

// kInvalidArgument naming the key ("IABTCF_PurposeConsents: ...").
Result<IabtcfValues> read_iabtcf(const std::map<std::string, std::string>& keys);

// Whether binary string `bits` has a '1' at id `id` (position id-1); ids past
// its end are '0'.
bool bit_at(const std::string& bits, std::uint32_t id) noexcept;

}  // namespace confidant::consent::cmp

// Consent from the app's consent-management platform (CMP): the IAB
// Transparency & Consent Framework v2.2 (a TC string, or the IABTCF_ values a
// CMP keeps in the app's preferences) and Google Consent Mode v2, read and
// mapped onto Confidant's categories x uses (docs/consent.md, "Consent from
// a CMP", has the table and the reasons).
//
//   CmpSignals signals;
//   signals.iabtcf = {{"IABTCF_gdprApplies", "1"}, {"IABTCF_TCString", tc_string}};
//   signals.consent_mode = {{"ad_storage", "granted"}, {"ad_personalization", "granted"},
//                           {"analytics_storage", "denied"}, {"ad_user_data", "denied"}};
//   auto outcome = sdk->apply_cmp(signals);   // Sdk::apply_cmp, sdk.hpp
//
// The mapping is conservative: a pair is granted only when every input given
// grants it, and nothing that is not clearly granted is; `sensitive` is never
// granted by a CMP. What a CMP decides is recorded in the consent ledger with
// source "cmp", the CMP's versions as policy version and a SHA-256 of the
// CMP's state (never the TC string itself) as text hash, so the receipt
// shows which choices came from the CMP. A later choice by the person
// (Sdk::grant / deny) wins until the CMP's state changes: applying the same
// state again records nothing.
//
// Thread-safety: plain values; the JSON functions are pure.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "confidant/consent.hpp"
#include "confidant/export.hpp"
#include "confidant/status.hpp"

namespace confidant {

// What the CMP says, as the app has it.
struct CmpSignals {
  // IAB TCF v2.2: the IABTCF_ values the CMP wrote to SharedPreferences /
  // NSUserDefaults, by key, as text (numbers in decimal: "1"). Keys used:
  // IABTCF_TCString (the TC string; when present it decides, and the keys
  // below must agree with it), IABTCF_gdprApplies ("0": the TCF decides
  // nothing; unset: undetermined, allowed only with a TC string),
  // IABTCF_PolicyVersion, IABTCF_CmpSdkID, IABTCF_CmpSdkVersion,
  // IABTCF_PurposeConsents, IABTCF_SpecialFeaturesOptIns,
  // IABTCF_PublisherConsent, IABTCF_VendorConsents and
  // IABTCF_PublisherRestrictions<purpose> ("0101..." strings, position n for
  // id n+1). Other IABTCF_ keys are checked for form and otherwise ignored;
  // a key without the IABTCF_ prefix is refused. Default: empty (no TCF input).
  std::map<std::string, std::string> iabtcf;
  // Google Consent Mode v2: "ad_storage", "analytics_storage",
  // "ad_user_data", "ad_personalization" (and optionally
  // "personalization_storage", "functionality_storage", "security_storage")
  // to "granted" or "denied". A signal left out counts as denied; any other
  // key or value is refused. Default: empty (no Consent Mode input).
  std::map<std::string, std::string> consent_mode;
};

struct CmpOptions {
  // The app's vendor id on the IAB Global Vendor List, when the brand is a
  // registered TCF vendor (1..65535): the TC string must then also give that
  // vendor consent, and no publisher restriction may disallow it a purpose
  // or require legitimate interest for it. Default 0: the brand is not a
  // vendor, and only the purposes decide (with the publisher's own purposes
  // too, when the string carries them).
  std::uint32_t vendor_id = 0;
};

// One call's input, as the C ABI and the CLI give it in JSON
// (cmp_request_from_json).
struct CmpRequest {
  CmpSignals signals;
  CmpOptions options;
};

// What a CMP's state decides for one (category, use) pair: nothing (the pair
// keeps its state), a grant or a withdrawal. Names: "none", "granted",
// "withdrawn".
enum class CmpDecision : std::uint8_t { kNone, kGranted, kWithdrawn };

struct CmpOutcome {
  // true when the CMP's state differs from the one applied last and decided
  // at least one pair: its decisions were recorded (one ledger record per
  // decided pair) and withdrawals purged, as Sdk::deny purges. false when it
  // is the state applied last (the person's later choices stand) or decides
  // nothing: nothing was recorded.
  bool applied = false;
  // Lower-case hex SHA-256 of the state's canonical form (docs/consent.md),
  // each record's text_hash.
  std::string cmp_hash;
  // Each record's policy_version: what the CMP reported of its versions,
  // e.g. "tcf:policy=5,gvl=93,cmp=56/2;consent_mode:v2".
  std::string policy_version;
  // What the state decides, pair by pair (category-major, as ConsentStates),
  // whether or not it was applied by this call.
  std::array<CmpDecision, kAllCategories.size() * kAllUses.size()> decisions{};
  // Every pair's state after the call.
  ConsentStates states;

  CmpDecision of(DataCategory category, Use use) const {
    return decisions[static_cast<std::size_t>(category) * kAllUses.size() + static_cast<std::size_t>(use)];
  }
};

// "none", "granted", "withdrawn".
CONFIDANT_EXPORT std::string_view cmp_decision_name(CmpDecision decision) noexcept;

// Reads one JSON object (strict; unknown fields refused):
//   {"iabtcf":{"IABTCF_gdprApplies":1,"IABTCF_TCString":"CQ..."},
//    "consent_mode":{"ad_storage":"granted","ad_user_data":"denied",...},
//    "tc_string":"CQ...", "vendor_id":755}
// every member optional. "tc_string" is short for iabtcf.IABTCF_TCString
// (giving both is refused); iabtcf values are strings or integers (kept as
// decimal text). kInvalidArgument names the field ("consent_mode.ad_storage:
// expected a string, got a number"). What the values mean is checked when
// they are applied.
CONFIDANT_EXPORT Result<CmpRequest> cmp_request_from_json(std::string_view json);

// {"applied":true,"cmp_hash":"...","policy_version":"...",
//  "decisions":{"preferences":{"personalize":"granted","share":"withdrawn"},...},
//  "states":{"preferences":{"personalize":"granted","share":"denied"},...}}
CONFIDANT_EXPORT std::string to_json(const CmpOutcome& outcome);

}  // namespace confidant

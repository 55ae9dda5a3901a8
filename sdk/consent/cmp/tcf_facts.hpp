// What the mapping reads of the TCF, whichever way it arrived: a TC string
// (decoded by tc_string.hpp), or only the IABTCF_ values a CMP keeps in the
// app's preferences (iabtcf_keys.hpp).
//
// Rules, in order (docs/consent.md, "Consent from a CMP"):
//   * IABTCF_gdprApplies "0": GDPR does not apply here, so the TCF decides
//     nothing (a TC string given with it is still decoded and must be valid).
//   * Unset and no TC string: the CMP has not decided yet; refused.
//   * With a TC string, it decides: IsServiceSpecific must be 1 and
//     TcfPolicyVersion at least 4 (TCF v2.2; older strings are invalid since
//     2023-09-30). IABTCF_PolicyVersion, _PurposeConsents,
//     _SpecialFeaturesOptIns, _PublisherConsent and (with a vendor id) the
//     vendor's position of _VendorConsents, when given, must agree with the
//     string: a CMP whose keys and string disagree is refused, not guessed at.
//   * Without one, IABTCF_PolicyVersion (at least 4) and
//     IABTCF_PurposeConsents are required.
//   * A purpose counts as consented when the purposes' consent bit is set,
//     and the publisher's own consent bit too when the CMP carries the
//     publisher's purposes (the PublisherTC segment, IABTCF_PublisherConsent),
//     and, with a vendor id, the vendor has consent and no publisher
//     restriction disallows the purpose for it or requires legitimate
//     interest (Confidant relies on consent only). Legitimate interest never
//     counts; neither does PurposeOneTreatment.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "confidant/status.hpp"
#include "consent/cmp/tc_string.hpp"

namespace confidant::consent::cmp {

// The first TCF policy version of TCF v2.2.
inline constexpr int kMinPolicyVersion = 4;

struct TcfFacts {
  bool applies = false;                 // false: GDPR does not apply; the TCF decides nothing
  PurposeBits consented;                // purposes with consent, by the rules above
  SpecialFeatureBits special_features;  // special features opted in
  // For the records' policy version; 0 when not known.
  int policy_version = 0;
  int vendor_list_version = 0;
  int cmp_id = 0;
  int cmp_version = 0;
  // What was read, canonically, for the state's fingerprint: the TC string
  // as given, or the IABTCF_ values used.
  std::string state;
};

// `vendor_id`: 0 for none, else 1..65535 (checked by the caller).
Result<TcfFacts> tcf_facts(const std::map<std::string, std::string>& iabtcf, std::uint32_t vendor_id);

}  // namespace confidant::consent::cmp

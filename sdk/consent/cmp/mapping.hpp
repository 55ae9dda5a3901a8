// The mapping of a CMP's answers onto Confidant's categories x uses: the
// table of docs/consent.md ("Consent from a CMP"), in code.
//
//   use          TCF v2.2 (every purpose consented,      Consent Mode v2 (every
//                by tcf_facts.hpp's rules)               signal granted)
//   personalize  1 store/access, 5 create profiles to    ad_storage, ad_personalization
//                personalise content, 6 use profiles     (and personalization_storage
//                to select personalised content          when given)
//   share        1, 8 measure content performance,       analytics_storage, ad_user_data
//                9 understand audiences through
//                statistics
//
// For preferences, browsing, search and purchases the use is granted when
// its inputs are all there and withdrawn otherwise. `location` needs more:
// under the TCF, special feature 1 (precise geolocation) opted in as well,
// else withdrawn; Consent Mode has no location signal, so it withdraws
// location with the use and never grants it. `sensitive` is never granted by
// a CMP: withdrawn with the use, otherwise left as the person set it.
//
// With both inputs, a pair is withdrawn when either withdraws it, granted
// when one grants it and the other does not withdraw it, and left alone when
// neither decides it.
//
// Thread-safety: pure functions over constants.
#pragma once

#include <array>
#include <optional>

#include "consent/cmp/consent_mode.hpp"
#include "consent/cmp/tcf_facts.hpp"
#include "consent/types.hpp"

namespace confidant::consent::cmp {

// The TCF purposes each use needs.
inline constexpr std::array<int, 3> kPersonalizePurposes = {1, 5, 6};
inline constexpr std::array<int, 3> kSharePurposes = {1, 8, 9};
// The TCF special feature `location` needs as well: precise geolocation.
inline constexpr int kPreciseGeolocation = 1;

// A decision per pair (pair_index order); nullopt leaves the pair alone.
using PairDecisions = std::array<std::optional<Decision>, kPairCount>;

PairDecisions from_tcf(const TcfFacts& facts);
PairDecisions from_consent_mode(const ConsentModeFacts& facts);
PairDecisions combine(const PairDecisions& a, const PairDecisions& b);

}  // namespace confidant::consent::cmp

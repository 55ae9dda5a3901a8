#include "consent/cmp/mapping.hpp"

namespace confidant::consent::cmp {
namespace {

// One input's answer for one use: whether it grants the use, and what it
// says of precise location (nullopt: nothing, so location follows only a
// withdrawal of the use).
void decide(PairDecisions& out, Use use, bool granted, std::optional<bool> precise_location) {
  const auto set = [&](DataCategory category, std::optional<Decision> decision) {
    out[pair_index(category, use)] = decision;
  };
  const Decision by_use = granted ? Decision::kGranted : Decision::kWithdrawn;
  for (const DataCategory category :
       {DataCategory::kPreferences, DataCategory::kBrowsing, DataCategory::kSearch, DataCategory::kPurchases}) {
    set(category, by_use);
  }
  if (precise_location) {
    set(DataCategory::kLocation, granted && *precise_location ? Decision::kGranted : Decision::kWithdrawn);
  } else {
    set(DataCategory::kLocation, granted ? std::nullopt : std::optional<Decision>(Decision::kWithdrawn));
  }
  set(DataCategory::kSensitive, granted ? std::nullopt : std::optional<Decision>(Decision::kWithdrawn));
}

template <std::size_t N>
bool all_consented(const TcfFacts& facts, const std::array<int, N>& purposes) {
  for (const int purpose : purposes) {
    if (!has(facts.consented, purpose)) return false;
  }
  return true;
}

}  // namespace

PairDecisions from_tcf(const TcfFacts& facts) {
  PairDecisions out{};
  if (!facts.applies) return out;
  const bool location = facts.special_features[kPreciseGeolocation - 1];
  decide(out, Use::kPersonalize, all_consented(facts, kPersonalizePurposes), location);
  decide(out, Use::kShare, all_consented(facts, kSharePurposes), location);
  return out;
}

PairDecisions from_consent_mode(const ConsentModeFacts& facts) {
  PairDecisions out{};
  const bool personalize =
      facts.ad_storage && facts.ad_personalization && facts.personalization_storage.value_or(true);
  decide(out, Use::kPersonalize, personalize, std::nullopt);
  decide(out, Use::kShare, facts.analytics_storage && facts.ad_user_data, std::nullopt);
  return out;
}

PairDecisions combine(const PairDecisions& a, const PairDecisions& b) {
  PairDecisions out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (a[i] == Decision::kWithdrawn || b[i] == Decision::kWithdrawn) {
      out[i] = Decision::kWithdrawn;
    } else if (a[i] || b[i]) {
      out[i] = Decision::kGranted;
    }
  }
  return out;
}

}  // namespace confidant::consent::cmp

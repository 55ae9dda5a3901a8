// What one ranking reads besides the candidates and the request: the
// profile, the consent facts that decide whether it may be used, the time,
// and what the ranking itself has learned.
//
// Thread-safety: plain values holding const pointers; the pointees must not
// change during the call (the engine ranks on its worker, between batches).
#pragma once

#include <cstdint>
#include <string>

#include "confidant/consent.hpp"
#include "profile/profile_state.hpp"
#include "ranking/learned/learned_state.hpp"
#include "ranking/ranking_params.hpp"

namespace confidant::ranking {

class IndexCache;

struct ConsentFacts {
  // Some data category is granted for `personalize`: the profile exists for
  // a reason and may be used.
  bool personalize = false;
  // The person paused personalization (Sdk::set_paused).
  bool paused = false;
  // `sensitive` is granted for `personalize`: sensitive candidates may be
  // shown and sensitive profile rows used.
  bool sensitive = false;
  // `location` is granted for `personalize`: the request's place may be used.
  bool location = false;
  // Last, so that positional initializers of the fields above stay valid.
  // The brand's experiment holds this person out of personalization for
  // the period (docs/sync.md, "Experiments"): the order is non-personal and
  // every result says why (reason experiment_holdout).
  bool holdout = false;
  // The experiment's period in whole days (7: the text says "this week").
  std::uint32_t holdout_period_days = 0;

  // A personal ranking is allowed; otherwise the order is non-personal.
  bool personal() const noexcept { return personalize && !paused && !holdout; }

  static ConsentFacts from(const ConsentStates& states, bool paused) noexcept {
    ConsentFacts facts;
    for (const DataCategory category : kAllCategories) {
      if (category != DataCategory::kSensitive && states.granted(category, Use::kPersonalize)) facts.personalize = true;
    }
    facts.paused = paused;
    facts.sensitive = states.granted(DataCategory::kSensitive, Use::kPersonalize);
    facts.location = states.granted(DataCategory::kLocation, Use::kPersonalize);
    return facts;
  }
};

struct RankingInputs {
  const profile::ProfileState* profile = nullptr;  // required
  ConsentFacts consent;
  std::int64_t now_ms = 0;                          // the SDK's clock
  // What the ranking learned (time of day, today's impressions, the
  // learner's multipliers); nullptr: nothing yet.
  const LearnedState* learned = nullptr;
  // nullptr: RankingParams::defaults().
  const RankingParams* params = nullptr;
  // Where the profile index is kept between calls (index_cache.hpp);
  // nullptr: built for this call alone. The answer is the same either way.
  IndexCache* cache = nullptr;
};

// One served result as the learner needs it: which item, with which
// component values (so the feedback that follows can teach the learner).
struct ServedItem {
  std::string id;
  ComponentVector values{};
};

}  // namespace confidant::ranking

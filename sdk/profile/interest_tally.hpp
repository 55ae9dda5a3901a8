// Interest per target at one moment: the terms' decayed sums added up per
// target, with a category rolled up — its score is its own terms' plus every
// descendant's, so interest in "footwear/running_shoes" is interest in
// "footwear" too.
//
// Two shapes: InterestScores (just the numbers, what ranking needs per
// request) and InterestTally (with per-type detail, what an explanation
// needs). Both are computed in one pass over the terms, with ExactSum, so
// the same stored terms give the same numbers however the maps iterate.
//
// Thread-safety: pure functions over a const table; results are plain values.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "confidant/signal.hpp"
#include "profile/exact_sum.hpp"
#include "common/string_map.hpp"
#include "profile/model_params.hpp"
#include "profile/terms.hpp"

namespace confidant::profile {

struct InterestScores {
  text::StringMap<double> categories;  // by path, rolled up
  text::StringMap<double> attributes;  // by "key=value"
  text::StringMap<double> items;       // by item id
};

struct TypeTally {
  ExactSum score;
  std::int64_t count = 0;
  std::int64_t last_ms = 0;
};

struct TargetTally {
  ExactSum score;
  std::int64_t count = 0;
  std::int64_t last_ms = 0;
  std::array<TypeTally, kAllSignalTypes.size()> by_type{};

  void add(SignalType type, double decayed_score, const Term& term);
  // The type whose terms add the most score here (the verb of "viewed 5 times").
  SignalType dominant_type() const;
};

// Items are left out: the view shows categories and attributes only.
struct InterestTally {
  text::StringMap<TargetTally> categories;
  text::StringMap<TargetTally> attributes;
};

InterestScores interest_scores(const TermTable& terms, const ModelParams& params, std::int64_t now_ms);
InterestTally interest_tally(const TermTable& terms, const ModelParams& params, std::int64_t now_ms);

}  // namespace confidant::profile

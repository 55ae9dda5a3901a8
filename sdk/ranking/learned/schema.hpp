// The ranking layer's tables, as a fragment of the store's migration list
// (the pattern of consent/schema.hpp; docs/ranking.md shows the columns).
//
//   ranking_model        the learner's multipliers and bias, one row per number
//   ranking_time_of_day  per category path, the hour histogram of engagement
//   ranking_impressions  per item, today's unchosen impressions (frequency cap)
//
// Thread-safety: returns a fresh value.
#pragma once

#include <vector>

#include "store/store.hpp"

namespace confidant::ranking {

// The ranking layer's migration steps (tables ranking_*), numbered 1..n on
// their own; the SDK renumbers them in its manifest (api/manifest.cpp).
// A released step is never edited: a change is a new step at the end.
std::vector<store::Migration> migrations();

}  // namespace confidant::ranking

// The brand's item model, where the catalog gives none. In production a
// brand computes it from aggregate data and ships it in its config
// (docs/sync.md): a popularity prior and, per item, the items people
// engage with alongside it. A catalog file made from a public log usually
// has neither, and without them Confidant would be ranking with less than a
// brand gives it. Both are computed from the training parts only (what the
// replay saw; never a held-out interaction), like the baselines.
//
// Thread-safety: pure functions on the caller's data.
#pragma once

#include <cstddef>
#include <vector>

#include "eval/dataset.hpp"
#include "eval/split.hpp"

namespace confidant::eval {

// When every item's popularity is 0: log(1 + n) / log(1 + max n), n = the
// item's positive training interactions (what most_popular counts).
// Returns whether it filled anything.
bool fill_missing_popularity(Dataset& data, const Split& split);

// Related items per item, kept at most.
inline constexpr std::size_t kRelatedPerItem = 20;
// A user's most recent positive items taken into the co-occurrence, at most:
// bounds the work per user (it grows with the square of this).
inline constexpr std::size_t kItemsPerUser = 200;

// When no item has related items: per item, the kRelatedPerItem items whose
// users overlap most with its users (cosine of the two sets of users with a
// positive training interaction), scaled so the closest is 1. Returns
// whether it filled anything.
bool fill_missing_related(Dataset& data, const Split& split);

// The catalog as confidant_no_item_model is given it: every candidate with
// no related items, the rest (popularity included) as it is. What the
// item model's "people who chose this also chose" adds to Confidant is the
// difference between the two.
std::vector<Candidate> without_related(const std::vector<Candidate>& catalog);

}  // namespace confidant::eval

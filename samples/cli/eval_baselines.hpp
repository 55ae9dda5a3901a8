// The two non-personal baselines eval reports beside Confidant, on the same
// split and the same candidates (the catalog minus the user's training
// items):
//
//   most_popular    items by their number of positive interactions in the
//                   training parts of all evaluated users (what the replay
//                   saw, pooled); ties by catalog order.
//   recent_popular  the same count, but only of interactions in the 7 days
//                   before the user's held-out time, [t - 7 d, t); ties by
//                   the most_popular order (so a quiet week falls back to it).
//
// Each returns, per case, the 1-based position of the held-out item in the
// method's full order of that user's candidates.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <vector>

#include "eval_dataset.hpp"
#include "eval_split.hpp"

namespace confidant::cli {

std::vector<std::size_t> most_popular_positions(const Dataset& data, const Split& split);

// The brand's popularity prior where the catalog gives none (every item's
// popularity is 0): log(1 + n) / log(1 + max n), n = an item's positive
// interactions in the training parts (what most_popular counts). A brand
// computes the same from aggregate data and ships it in its item model
// (docs/sync.md); without it Confidant would be ranking blind where the
// baselines are not. Returns whether it filled anything.
bool fill_missing_popularity(Dataset& data, const Split& split);
std::vector<std::size_t> recent_popular_positions(const Dataset& data, const Split& split);

}  // namespace confidant::cli

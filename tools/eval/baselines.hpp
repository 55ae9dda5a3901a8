// The two non-personal baselines eval reports beside Confidant, on the same
// split and the same candidates (split.hpp: the catalog minus the user's
// training items, or all of it in the repeat split):
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
#include <cstdint>
#include <vector>

#include "eval/dataset.hpp"
#include "eval/split.hpp"

namespace confidant::eval {

std::vector<std::size_t> most_popular_positions(const Dataset& data, const Split& split);
std::vector<std::size_t> recent_popular_positions(const Dataset& data, const Split& split);

// Per catalog item, its positive interactions in the training parts of all
// evaluated users: what most_popular orders by.
std::vector<std::uint64_t> training_counts(const Dataset& data, const Split& split);
// Per catalog item, its place in the most_popular order (0 = first): what
// the other baselines break ties by.
std::vector<std::size_t> most_popular_places(const Dataset& data, const Split& split);

}  // namespace confidant::eval

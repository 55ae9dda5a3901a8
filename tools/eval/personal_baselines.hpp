// The two personal baselines eval reports beside Confidant: simple methods
// a ranking that learns the person must beat to be worth its complexity.
// Same split, same candidates as every other method (split.hpp).
//
//   item_knn_recent    the user's last kKnnRecentItems distinct positive
//                      training items (most recent first); a candidate j
//                      scores the sum, over those items i, of j's related
//                      weight for i (Candidate::related[i]): the item model
//                      exactly as Confidant is given it (the catalog's, or
//                      the one eval derives from the training parts). So
//                      the difference from Confidant is what Confidant does
//                      with the same neighbours, not the neighbours.
//   decayed_frequency  the repeat split's "the usual": a candidate scores
//                      the sum, over the user's positive training
//                      interactions with it at t_k, of
//                      0.5^((t - t_k) / kDecayHalfLifeMs), t the held-out
//                      time. Every earlier choice counts, the recent ones
//                      more. (In the new split every candidate would score
//                      0, so it would only repeat most_popular.)
//
// Ties, those at 0 included, by the most_popular order, so a user with no
// evidence gets most_popular's list. Each returns, per case, the 1-based
// position of the held-out item in the method's full order of that user's
// candidates.
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "eval/dataset.hpp"
#include "eval/split.hpp"

namespace confidant::eval {

// The recent items item_knn_recent looks at: a few, as a "because you
// recently chose" shelf would; more would let old items dilute the last
// ones.
inline constexpr std::size_t kKnnRecentItems = 5;
// Two weeks: a weekly shop's item bought a fortnight ago counts half of one
// bought today, and one bought two months ago about a twentieth.
inline constexpr std::int64_t kDecayHalfLifeMs = std::chrono::milliseconds(std::chrono::days(14)).count();

// The catalog indices of the user's last `count` distinct positive training
// items, most recent first (file order among equal times, as the split's).
std::vector<std::size_t> recent_positive_items(const Dataset& data, const UserCase& c, std::size_t count);

// The item model turned around: per catalog item i, the items j whose
// related items name i, with j's weight for it. Built once, so a user's few
// recent items reach the candidates that name them without a look-up in
// every candidate's map.
class RelatedIndex {
 public:
  explicit RelatedIndex(const Dataset& data);
  // Per catalog item j, the sum of j's related weights for `items` (added in
  // the order given); 0 for an item that names none of them.
  std::vector<double> scores(const std::vector<std::size_t>& items) const;

 private:
  std::vector<std::vector<std::pair<std::size_t, double>>> named_by_;
};

// Per catalog item, item_knn_recent's score for the user.
std::vector<double> item_knn_recent_scores(const Dataset& data, const RelatedIndex& related, const UserCase& c);
// Per catalog item, decayed_frequency's score for the user.
std::vector<double> decayed_frequency_scores(const Dataset& data, const UserCase& c);

std::vector<std::size_t> item_knn_recent_positions(const Dataset& data, const Split& split);
std::vector<std::size_t> decayed_frequency_positions(const Dataset& data, const Split& split);

}  // namespace confidant::eval

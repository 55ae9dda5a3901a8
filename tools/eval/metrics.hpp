// Top-K accuracy for one held-out item per user, averaged over users.
//
// With the held-out item at 1-based position r of a method's list (no
// position when it is not in the top K):
//   HR@K   = 1 if r <= K, else 0
//   NDCG@K = 1 / log2(r + 1) if r <= K, else 0   (binary relevance, one
//            relevant item, so the ideal DCG is 1)
//   MRR@K  = 1 / r if r <= K, else 0             (Confidant returns at most
//            K results, so every method is cut at K alike)
//   HR@1   = 1 if r = 1, else 0                  (from the same list: the
//            first place of a top-K list is the first place of a top-1 one)
// Hence, per user and on average, HR >= NDCG >= MRR >= HR@1, all in [0, 1].
//
// Thread-safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "confidant_eval/eval.hpp"

namespace confidant::eval {

// One user's figures. `position`: 1-based place of the held-out item, if
// listed at all (0 is no place).
Metrics user_metrics(std::optional<std::size_t> position, std::size_t k);

class MetricSum {
 public:
  explicit MetricSum(std::size_t k) : k_(k) {}
  void add(std::optional<std::size_t> position);
  // Means over the users added; all 0 when there were none.
  Metrics mean() const;

 private:
  std::size_t k_;
  std::uint64_t users_ = 0;
  Metrics sum_;
};

}  // namespace confidant::eval

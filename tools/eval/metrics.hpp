// Top-K accuracy for one held-out item per user, averaged over users.
//
// With the held-out item at 1-based position r of a method's list (no
// position when it is not in the top K):
//   HR@K   = 1 if r <= K, else 0
//   NDCG@K = 1 / log2(r + 1) if r <= K, else 0   (binary relevance, one
//            relevant item, so the ideal DCG is 1)
//   MRR@K  = 1 / r if r <= K, else 0             (Confidant returns at most
//            K results, so every method is cut at K alike)
// Hence, per user and on average, HR >= NDCG >= MRR, all in [0, 1].
//
// Thread-safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "confidant_eval/eval.hpp"

namespace confidant::eval {

class MetricSum {
 public:
  explicit MetricSum(std::size_t k) : k_(k) {}
  // `position`: 1-based place of the held-out item, if listed at all.
  void add(std::optional<std::size_t> position);
  // Means over the users added; all 0 when there were none.
  Metrics mean() const;

 private:
  std::size_t k_;
  std::uint64_t users_ = 0;
  Metrics sum_;
};

}  // namespace confidant::eval

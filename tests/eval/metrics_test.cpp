// HR@K, NDCG@K, MRR@K and HR@1 for one held-out item per user, one user's
// and averaged: the figures of a few positions worked out by hand, the cut
// at K, and the empty average.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <optional>

#include "eval/metrics.hpp"

namespace {

using confidant::eval::MetricSum;
using confidant::eval::Metrics;

Metrics mean_of(std::size_t k, std::initializer_list<std::optional<std::size_t>> positions) {
  MetricSum sum(k);
  for (const auto& position : positions) sum.add(position);
  return sum.mean();
}

}  // namespace

TEST_CASE("eval metrics: positions 1, 3, missing, K + 1 and K at K = 10") {
  // 1: hr 1, ndcg 1/log2(2) = 1, mrr 1; 3: hr 1, ndcg 1/log2(4) = 0.5, mrr
  // 1/3; missing and K + 1 count 0; 10: hr 1, ndcg 1/log2(11), mrr 0.1.
  const Metrics m = mean_of(10, {1, 3, std::nullopt, 11, 10});
  CHECK(m.hr == Approx(3.0 / 5).epsilon(1e-15));
  CHECK(m.ndcg == Approx((1 + 0.5 + 1 / std::log2(11.0)) / 5).epsilon(1e-15));
  CHECK(m.mrr == Approx((1 + 1.0 / 3 + 0.1) / 5).epsilon(1e-15));
  CHECK(m.hr1 == Approx(1.0 / 5).epsilon(1e-15));  // only position 1
}

TEST_CASE("eval metrics: one user's own figures") {
  const Metrics first = confidant::eval::user_metrics(1, 10);
  CHECK(first.hr == 1);
  CHECK(first.ndcg == 1);
  CHECK(first.mrr == 1);
  CHECK(first.hr1 == 1);
  const Metrics fourth = confidant::eval::user_metrics(4, 10);
  CHECK(fourth.hr == 1);
  CHECK(fourth.ndcg == Approx(1 / std::log2(5.0)).epsilon(1e-15));
  CHECK(fourth.mrr == 0.25);
  CHECK(fourth.hr1 == 0);
  using Position = std::optional<std::size_t>;
  for (const Position position : {Position(), Position(0), Position(11)}) {
    const Metrics none = confidant::eval::user_metrics(position, 10);
    CHECK(none.hr == 0);
    CHECK(none.ndcg == 0);
    CHECK(none.mrr == 0);
    CHECK(none.hr1 == 0);
  }
}

TEST_CASE("eval metrics: one user at position 2") {
  const Metrics m = mean_of(5, {2});
  CHECK(m.hr == 1);
  CHECK(m.ndcg == Approx(1 / std::log2(3.0)).epsilon(1e-15));
  CHECK(m.mrr == 0.5);
  CHECK(m.hr1 == 0);
}

TEST_CASE("eval metrics: K = 1 counts only the first place, position 0 is no position") {
  for (const Metrics& m : {mean_of(1, {1, 2}), mean_of(10, {0, 1})}) {
    CHECK(m.hr == 0.5);
    CHECK(m.ndcg == 0.5);
    CHECK(m.mrr == 0.5);
    CHECK(m.hr1 == 0.5);
  }
}

TEST_CASE("eval metrics: no users average to 0") {
  const Metrics none = mean_of(10, {});
  CHECK(none.hr == 0);
  CHECK(none.ndcg == 0);
  CHECK(none.mrr == 0);
  CHECK(none.hr1 == 0);
}

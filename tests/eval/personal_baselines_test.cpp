// The personal baselines on data laid out by hand: item_knn_recent's
// recent items (the last 5 distinct positive ones, most recent first), its
// scores from the candidates' own related weights and its ties by the
// most-popular order; decayed_frequency's halving every 14 days, and both
// on the repeat split's whole catalog.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "eval/personal_baselines.hpp"
#include "eval/split.hpp"
#include "eval_data.hpp"

namespace {

using namespace confidant;
using namespace confidant::eval;
using namespace confidant::eval::testing;

// Catalog, in this order: P1..P6 (0..5), W (6), V (7), X (8), Y (9), Z (10).
// Related weights, the candidates' own:
//   X {P1 0.9, P6 0.25}   Y {P2 0.5, P3 0.5}   Z {P5 0.75, P4 0.25}
//   V {Q 1} (Q is not in the catalog)           W, P1..P6: none
// u, u2 and u3 order P1, P2, P3, P2, P4, P5, P6, see an impression of P1,
// and hold out X, Y and V. Their 5 most recent distinct positive items are
// P6, P5, P4, P2, P3 (P2's last order is after P3's; P1 is the sixth, and
// the impression is not positive). Scores: X 0.25 (P1 is too old), Y 0.5 +
// 0.5 = 1, Z 0.75 + 0.25 = 1, W and V 0. v orders Z and holds out W, so Z
// has a training count (1) that Y, W, V and X lack (0): Z wins the tie with
// Y, and W (earlier in the catalog) the one with V.
DatasetBuilder knn_case() {
  DatasetBuilder b;
  for (const char* id : {"P1", "P2", "P3", "P4", "P5", "P6", "W", "V", "X", "Y", "Z"}) b.item(id);
  Dataset& data = b.data();
  data.catalog[8].related = {{"P1", 0.9}, {"P6", 0.25}};
  data.catalog[9].related = {{"P2", 0.5}, {"P3", 0.5}};
  data.catalog[10].related = {{"P5", 0.75}, {"P4", 0.25}};
  data.catalog[7].related = {{"Q", 1}};
  const std::vector<std::pair<std::string, std::string>> held = {{"u", "X"}, {"u2", "Y"}, {"u3", "V"}};
  for (const auto& [user, held_out] : held) {
    std::int64_t at = kT0;
    for (const char* item : {"P1", "P2", "P3", "P2", "P4", "P5", "P6"}) b.order(user, item, at += kHourMs);
    b.signal(user, SignalType::kImpression, "P1", at += kHourMs);
    b.order(user, held_out, at + kHourMs);
  }
  b.order("v", "Z", kT0).order("v", "W", kT0 + kDayMs);
  return b;
}

}  // namespace

TEST_CASE("eval personal baselines: the recent items are the last distinct positive ones, most recent first") {
  DatasetBuilder b = knn_case();
  const Split split = split_users(b.data());
  REQUIRE(split.cases.size() == 4);
  CHECK(recent_positive_items(b.data(), split.cases[0], kKnnRecentItems) == std::vector<std::size_t>{5, 4, 3, 1, 2});
  CHECK(recent_positive_items(b.data(), split.cases[0], 2) == std::vector<std::size_t>{5, 4});
  CHECK(recent_positive_items(b.data(), split.cases[3], kKnnRecentItems) == std::vector<std::size_t>{10});
}

TEST_CASE("eval personal baselines: item_knn_recent scores are the candidates' related weights for the recent items") {
  DatasetBuilder b = knn_case();
  const Split split = split_users(b.data());
  const RelatedIndex related(b.data());
  CHECK(item_knn_recent_scores(b.data(), related, split.cases[0]) ==
        std::vector<double>{0, 0, 0, 0, 0, 0, 0, 0, 0.25, 1, 1});
  // v's one recent item, Z, is no candidate's related item.
  CHECK(item_knn_recent_scores(b.data(), related, split.cases[3]) == std::vector<double>(11, 0.0));
  CHECK(related.scores({0}) == std::vector<double>{0, 0, 0, 0, 0, 0, 0, 0, 0.9, 0, 0});
}

TEST_CASE("eval personal baselines: item_knn_recent positions, ties by the most-popular order") {
  DatasetBuilder b = knn_case();
  const Split split = split_users(b.data());
  // u, u2, u3: candidates W, V, X, Y, Z (their P's are out) in the order
  // Z (1, count 1), Y (1, count 0), X (0.25), W, V (0; catalog order):
  // X third, Y second, V fifth. v: everything but Z, all 0: most-popular
  // order P2 (6), P1, P3, P4, P5, P6 (3 each), W, V, X, Y: W seventh.
  CHECK(item_knn_recent_positions(b.data(), split) == std::vector<std::size_t>{3, 2, 5, 7});
}

TEST_CASE("eval personal baselines: on the repeat split the recent items are candidates too") {
  // u holds out P6 after ordering it before: the whole catalog is u's
  // candidates. Recent items P6, P5, P4, P2, P3 (P6 itself among them: its
  // earlier order is kept). Y and Z score 1, X 0.25, every P 0; P6 (count
  // 1 of u's training, like P1, P3, P4, P5; P2 has 2) comes after the
  // scored three and after P2, P1, P3, P4, P5: ninth.
  DatasetBuilder b;
  for (const char* id : {"P1", "P2", "P3", "P4", "P5", "P6", "W", "V", "X", "Y", "Z"}) b.item(id);
  b.data().catalog[8].related = {{"P1", 0.9}, {"P6", 0.25}};
  b.data().catalog[9].related = {{"P2", 0.5}, {"P3", 0.5}};
  b.data().catalog[10].related = {{"P5", 0.75}, {"P4", 0.25}};
  std::int64_t at = kT0;
  for (const char* item : {"P1", "P2", "P3", "P2", "P6", "P4", "P5"}) b.order("u", item, at += kHourMs);
  b.order("u", "P6", at + kHourMs);
  const Split split = split_users(b.data(), SplitMode::kRepeat);
  REQUIRE(split.cases.size() == 1);
  CHECK(split.cases[0].repeat);
  CHECK(recent_positive_items(b.data(), split.cases[0], kKnnRecentItems) == std::vector<std::size_t>{4, 3, 5, 1, 2});
  CHECK(item_knn_recent_positions(b.data(), split) == std::vector<std::size_t>{9});
}

TEST_CASE("eval personal baselines: decayed frequency halves every 14 days") {
  // r, held out A at t = 28 days: A at t - 28 d and t - 14 d (0.25 + 0.5),
  // B at t - 7 d (0.5^(1/2)), an impression of B (not positive), C at t
  // itself, earlier in the file (1). Order C, A, B: A second, though it was
  // chosen most often: recency wins here. s orders E at t - 1 d
  // (0.5^(1/14)) and holds out D, never chosen before: E first, then the
  // zeros by most-popular order, A (2), B, C (1), D (0): D fifth.
  DatasetBuilder b;
  b.item("A").item("B").item("C").item("D").item("E");
  const std::int64_t t = kT0 + 28 * kDayMs;
  b.order("r", "A", t - 28 * kDayMs).order("r", "A", t - 14 * kDayMs).order("r", "B", t - 7 * kDayMs);
  b.signal("r", SignalType::kImpression, "B", t - kDayMs);
  b.order("r", "C", t).order("r", "A", t);
  b.order("s", "E", t - kDayMs).order("s", "D", t);
  const Split split = split_users(b.data(), SplitMode::kRepeat);
  REQUIRE(split.cases.size() == 2);
  const std::vector<double> r = decayed_frequency_scores(b.data(), split.cases[0]);
  REQUIRE(r.size() == 5);
  CHECK(r[0] == Approx(0.75).epsilon(1e-15));
  CHECK(r[1] == Approx(std::sqrt(0.5)).epsilon(1e-15));
  CHECK(r[2] == 1);
  CHECK(r[3] == 0);
  CHECK(r[4] == 0);
  const std::vector<double> s = decayed_frequency_scores(b.data(), split.cases[1]);
  CHECK(s[4] == Approx(std::exp2(-1.0 / 14)).epsilon(1e-15));
  CHECK(s[0] == 0);
  // Training counts: A 2, B 1, C 1, E 1, D 0: most-popular A, B, C, E, D.
  CHECK(decayed_frequency_positions(b.data(), split) == std::vector<std::size_t>{2, 5});
  CHECK(kDecayHalfLifeMs == 14 * kDayMs);
}

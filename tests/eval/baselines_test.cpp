// The most-popular and recent-popular baselines on data laid out by hand:
// the pooled training counts, ties by catalog order, the user's own items
// taken out, and the recent window [t - 7 days, t) at both of its ends.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "eval/baselines.hpp"
#include "eval/split.hpp"
#include "eval_data.hpp"

namespace {

using namespace confidant::eval;
using namespace confidant::eval::testing;

// Catalog A, B, C, D. Each user's last order is held out:
//   u1: A @0d, B @1d, C @10d   training {A, B}
//   u2: A @5d, D @10d          training {A}
//   u3: C @8d, B @12d          training {C}
//   u4: D @2d, C @3d           training {D}
//   u5: C @9d, A @11d          training {C}
// Training counts: A 2, B 1, C 2, D 1, so the most-popular order is
// A, C, B, D (ties by catalog order).
DatasetBuilder five_users() {
  DatasetBuilder b;
  b.item("A").item("B").item("C").item("D");
  b.order("u1", "A", kT0).order("u1", "B", kT0 + 1 * kDayMs).order("u1", "C", kT0 + 10 * kDayMs);
  b.order("u2", "A", kT0 + 5 * kDayMs).order("u2", "D", kT0 + 10 * kDayMs);
  b.order("u3", "C", kT0 + 8 * kDayMs).order("u3", "B", kT0 + 12 * kDayMs);
  b.order("u4", "D", kT0 + 2 * kDayMs).order("u4", "C", kT0 + 3 * kDayMs);
  b.order("u5", "C", kT0 + 9 * kDayMs).order("u5", "A", kT0 + 11 * kDayMs);
  return b;
}

}  // namespace

TEST_CASE("eval baselines: training counts pool the evaluated users' positive training items") {
  DatasetBuilder b = five_users();
  const Split split = split_users(b.data());
  REQUIRE(split.cases.size() == 5);
  CHECK(training_counts(b.data(), split) == std::vector<std::uint64_t>{2, 1, 2, 1});
}

TEST_CASE("eval baselines: most-popular positions, the user's own items taken out") {
  DatasetBuilder b = five_users();
  const Split split = split_users(b.data());
  // u1: C behind A, but A and B are u1's own: C first.
  // u2: D, A taken out: C, B, D: third.
  // u3: B, C taken out: A, B, D: second.
  // u4: C, D taken out: A, C, B: second.
  // u5: A, C taken out: A, B, D: first.
  CHECK(most_popular_positions(b.data(), split) == std::vector<std::size_t>{1, 3, 2, 2, 1});
}

TEST_CASE("eval baselines: recent-popular counts the week before each user's held-out time") {
  DatasetBuilder b = five_users();
  const Split split = split_users(b.data());
  // u4 (t = 3d): the week holds A @0d, B @1d, D @2d: A 1, B 1, C 0 with D
  //   taken out: A, B, C: third (most-popular put it second).
  // u1 (t = 10d): A @5d, C @8d, C @9d: C 2 first among C, D.
  // u2 (t = 10d): C 2, B 0, D 0 (ties: B before D in most-popular order): third.
  // u3 (t = 12d): A @5d (the window's first instant counts), C twice: A 1,
  //   B 0, D 0 with C taken out: A, B, D: second.
  // u5 (t = 11d): A 1, B 0, D 0 with C taken out: first.
  CHECK(recent_popular_positions(b.data(), split) == std::vector<std::size_t>{1, 3, 2, 3, 1});
}

TEST_CASE("eval baselines: the recent window includes t - 7 days and excludes t") {
  // Catalog H, E, F, G; each of w1..w3 has one training item and holds out
  // G much later. Counts: H 1, E 1, F 1, G 1, so most-popular is catalog
  // order and H comes first.
  DatasetBuilder b;
  b.item("H").item("E").item("F").item("G");
  b.order("w0", "G", kT0 + 1 * kDayMs).order("w0", "H", kT0 + 8 * kDayMs);  // holds out H at t = 8d
  b.order("w1", "E", kT0 + 1 * kDayMs).order("w1", "G", kT0 + 20 * kDayMs);  // E exactly at t - 7d: counted
  b.order("w2", "F", kT0 + 8 * kDayMs).order("w2", "G", kT0 + 21 * kDayMs);  // F exactly at t: not counted
  b.order("w3", "H", kT0).order("w3", "G", kT0 + 22 * kDayMs);               // H before the window
  const Split split = split_users(b.data());
  REQUIRE(split.cases.size() == 4);
  // w0: E 1 ahead of H 0; F 0 ties H and H is first in most-popular order:
  // second. Were E's instant out, H would be first; were F's in, third.
  // The others hold out G in an empty week: behind the three others but
  // their own item.
  CHECK(recent_popular_positions(b.data(), split) == std::vector<std::size_t>{2, 3, 3, 3});
  CHECK(most_popular_positions(b.data(), split) == std::vector<std::size_t>{1, 3, 3, 3});
}

TEST_CASE("eval baselines: no cases, no positions") {
  DatasetBuilder b;
  b.item("A");
  const Split split = split_users(b.data());
  CHECK(most_popular_positions(b.data(), split).empty());
  CHECK(recent_popular_positions(b.data(), split).empty());
  CHECK(training_counts(b.data(), split) == std::vector<std::uint64_t>{0});
}

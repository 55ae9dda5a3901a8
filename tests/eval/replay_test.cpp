// The replay through the real SDK with two catalog variants in one store
// (with and without related items): each variant's positions are those a
// store of its own gives, and the variants differ where the item model
// matters; and the SDK's own order once paused (not personal).
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "eval/item_model.hpp"
#include "eval/replay.hpp"
#include "eval/scratch_dir.hpp"
#include "eval/split.hpp"
#include "eval_data.hpp"

namespace {

using namespace confidant;
using namespace confidant::eval;
using namespace confidant::eval::testing;

// Catalog P, Q, X, Y, Z. pair0..7 order X and Y, then Z (held out); crowd0..9
// order P, then Q (held out); test0..3 order X twice, then Y (held out).
// Training counts: P 10, X 16, Y 8: popularity puts P above Y among the test
// users' candidates (P, Q, Y, Z); the co-occurrence relates Y to X, which the
// test users chose.
DatasetBuilder related_case() {
  DatasetBuilder b;
  for (const char* id : {"P", "Q", "X", "Y", "Z"}) b.item(id);
  for (int u = 0; u < 8; ++u) {
    const std::string user = "pair" + std::to_string(u);
    b.order(user, "X", kT0).order(user, "Y", kT0 + kHourMs).order(user, "Z", kT0 + kDayMs);
  }
  for (int u = 0; u < 10; ++u) {
    const std::string user = "crowd" + std::to_string(u);
    b.order(user, "P", kT0).order(user, "Q", kT0 + kDayMs);
  }
  for (int u = 0; u < 4; ++u) {
    const std::string user = "test" + std::to_string(u);
    b.order(user, "X", kT0 + kDayMs).order(user, "X", kT0 + 2 * kDayMs).order(user, "Y", kT0 + 2 * kDayMs + kHourMs);
  }
  return b;
}

}  // namespace

TEST_CASE("eval replay: a second catalog ranked in the same store ranks as in a store of its own") {
  DatasetBuilder b = related_case();
  Dataset& data = b.data();
  const Split split = split_users(data);
  REQUIRE(split.cases.size() == 22);
  REQUIRE(fill_missing_popularity(data, split));
  REQUIRE(fill_missing_related(data, split));
  const std::vector<Candidate> bare = without_related(data.catalog);

  std::string why;
  std::optional<ScratchDir> scratch = ScratchDir::create(why);
  REQUIRE(scratch);
  const std::size_t k = 3;
  const auto both = replay_confidant(data, split, k, {&data.catalog, &bare}, scratch->path());
  const auto with_only = replay_confidant(data, split, k, {&data.catalog}, scratch->path());
  const auto bare_only = replay_confidant(data, split, k, {&bare}, scratch->path());
  REQUIRE(both);
  REQUIRE(with_only);
  REQUIRE(bare_only);
  REQUIRE(both->positions.size() == 2);
  CHECK(both->positions[0] == with_only->positions[0]);
  CHECK(both->positions[1] == bare_only->positions[0]);
  CHECK(both->dropped == 0);

  // In the opposite order, the same again: neither call moves the other.
  const auto reversed = replay_confidant(data, split, k, {&bare, &data.catalog}, scratch->path());
  REQUIRE(reversed);
  CHECK(reversed->positions[0] == both->positions[1]);
  CHECK(reversed->positions[1] == both->positions[0]);

  // The test users (the last four cases): the item model puts Y, related
  // to their X, first; without it, popularity puts P there.
  for (std::size_t i = 18; i < 22; ++i) {
    INFO("case " << i);
    CHECK(both->positions[0][i] == std::optional<std::size_t>(1));
    CHECK(both->positions[1][i] != std::optional<std::size_t>(1));
    // Paused, the SDK ranks by popularity alone: P (10 orders) above Y (8).
    CHECK(both->not_personal[i] == std::optional<std::size_t>(2));
  }
  REQUIRE(both->not_personal.size() == split.cases.size());
  CHECK(both->not_personal == with_only->not_personal);
}

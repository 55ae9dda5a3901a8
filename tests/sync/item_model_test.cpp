// The brand's item model (from its signed config) completes the candidates
// an app passes to rank(); what the app sets wins.
#include <catch2/catch.hpp>

#include "support/sync_harness.hpp"

using namespace sdk_test;

namespace {

const char* kConfigWithItems = R"({"version":1,"brand":"cafe","epoch_seconds":604800,"budget_window_days":30,
 "budget_total_cap":8,"min_group_size":100,
 "metrics":[{"id":"top_drink","source":"top_category","domain":["drinks/coffee","drinks/tea"],"epsilon":2,"budget_cap":4}],
 "items":[{"item":"tea-1","popularity":0.9},
          {"item":"latte-1","popularity":0.2,"related":[{"item":"croissant-1","weight":0.8}]},
          {"item":"juice-1","popularity":0.95}]})";

Candidate item(std::string id, std::string path, double popularity = 0) {
  Candidate c;
  c.id = std::move(id);
  c.categories = {std::move(path)};
  c.popularity = popularity;
  return c;
}

std::vector<std::string> order(const std::vector<RankedItem>& items) {
  std::vector<std::string> ids;
  for (const RankedItem& i : items) ids.push_back(i.id);
  return ids;
}

}  // namespace

TEST_CASE("candidates without popularity or related items take the brand's item model") {
  SyncHarness h(kConfigWithItems);
  // No consent: a non-personal order, by popularity alone.
  const std::vector<Candidate> menu = {item("latte-1", "drinks/coffee"), item("tea-1", "drinks/tea"),
                                       item("juice-1", "drinks/juice", 0.05), item("cake-1", "food/cake")};
  RankRequest by_score;
  by_score.variety = false;  // the plain order by score, without the variety re-rank
  auto ranked = h.sdk->rank(menu, by_score);
  REQUIRE(ranked);
  // juice-1's own 0.05 wins over the model's 0.95; cake-1 is not in the model.
  CHECK(order(ranked.value()) == std::vector<std::string>{"tea-1", "latte-1", "juice-1", "cake-1"});
  CHECK(ranked->front().reasons.front().code == "popular");

  // The model's relations: croissant goes with the latte in a related slot.
  RankRequest related;
  related.slot = Slot{Slot::Kind::kRelated, "croissant-1"};
  auto beside = h.sdk->rank({item("latte-1", "drinks/coffee"), item("cake-1", "food/cake")}, related);
  REQUIRE(beside);
  CHECK(beside->front().id == "latte-1");
  CHECK(beside->front().reasons.front().code == "related_to_item");

  SECTION("before any config, the candidates are ranked as given") {
    Harness plain;
    auto as_given = plain.sdk->rank(menu, by_score);
    REQUIRE(as_given);
    CHECK(as_given->front().id == "juice-1");
  }
}

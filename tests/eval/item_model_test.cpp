// The item model eval gives a catalog that has none: the popularity prior
// log(1 + n) / log(1 + max n) from the training counts, and related items
// by the cosine of their sets of users, scaled so the closest is 1; that a
// catalog which has either is left as it is; and the catalog
// confidant_no_item_model is given, without related items.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "eval/item_model.hpp"
#include "eval/split.hpp"
#include "eval_data.hpp"
#include "support/numbered.hpp"

namespace {

using namespace confidant::eval;
using namespace confidant::eval::testing;
using confidant::testing::numbered;

// Training counts A 2, B 1, C 0; D is only ever held out.
DatasetBuilder counted() {
  DatasetBuilder b;
  b.item("A").item("B").item("C").item("D");
  b.order("u1", "A", kT0).order("u1", "B", kT0 + kHourMs).order("u1", "D", kT0 + 2 * kHourMs);
  b.order("u2", "A", kT0).order("u2", "D", kT0 + kHourMs);
  return b;
}

// Positive training items: p1 {X, Y}, p2 {X, Y}, p3 {X, Z}, p4 {Y}; each
// holds W out. Users of X: p1 p2 p3; of Y: p1 p2 p4; of Z: p3.
DatasetBuilder co_occurring() {
  DatasetBuilder b;
  b.item("X").item("Y").item("Z").item("W");
  const auto user = [&](const std::string& name, std::initializer_list<const char*> items) {
    std::int64_t at = kT0;
    for (const char* item : items) b.order(name, item, at += kHourMs);
    b.order(name, "W", at + kHourMs);
  };
  user("p1", {"X", "Y"});
  user("p2", {"X", "Y"});
  user("p3", {"X", "Z"});
  user("p4", {"Y"});
  return b;
}

}  // namespace

TEST_CASE("eval item model: the popularity prior from the training counts") {
  DatasetBuilder b = counted();
  Dataset& data = b.data();
  const Split split = split_users(data);
  REQUIRE(fill_missing_popularity(data, split));
  CHECK(data.catalog[0].popularity == 1);  // the most counted: log 3 / log 3
  CHECK(data.catalog[1].popularity == Approx(std::log(2.0) / std::log(3.0)).epsilon(1e-15));
  CHECK(data.catalog[2].popularity == 0);
  CHECK(data.catalog[3].popularity == 0);  // held out only: never counted
}

TEST_CASE("eval item model: a catalog with any popularity keeps its own") {
  DatasetBuilder b = counted();
  Dataset& data = b.data();
  data.catalog[2].popularity = 0.25;
  const Split split = split_users(data);
  CHECK_FALSE(fill_missing_popularity(data, split));
  CHECK(data.catalog[0].popularity == 0);
  CHECK(data.catalog[2].popularity == 0.25);
}

TEST_CASE("eval item model: nothing counted, nothing filled") {
  DatasetBuilder b;
  b.item("A").item("B");
  b.signal("u1", confidant::SignalType::kImpression, "A", kT0).order("u1", "B", kT0 + kHourMs);
  Dataset& data = b.data();
  const Split split = split_users(data);
  REQUIRE(split.cases.size() == 1);
  CHECK_FALSE(fill_missing_popularity(data, split));
  CHECK(data.catalog[0].popularity == 0);
}

TEST_CASE("eval item model: related items by the cosine of their users, the closest scaled to 1") {
  DatasetBuilder b = co_occurring();
  Dataset& data = b.data();
  const Split split = split_users(data);
  REQUIRE(split.cases.size() == 4);
  REQUIRE(fill_missing_related(data, split));
  // X: with Y 2 users of 3 and 3, cosine 2/3; with Z 1 of 3 and 1, 1/sqrt(3).
  // Scaled by 2/3: Y 1, Z sqrt(3)/2.
  const std::map<std::string, double>& x = data.catalog[0].related;
  REQUIRE(x.size() == 2);
  CHECK(x.at("Y") == 1);
  CHECK(x.at("Z") == Approx(std::sqrt(3.0) / 2).epsilon(1e-12));
  // Y and Z each share users with X only.
  CHECK(data.catalog[1].related == std::map<std::string, double>{{"X", 1.0}});
  CHECK(data.catalog[2].related == std::map<std::string, double>{{"X", 1.0}});
  // W is only ever held out: nothing is known of it.
  CHECK(data.catalog[3].related.empty());
}

TEST_CASE("eval item model: at most 20 related items, ties by catalog order") {
  // One user had items i0..i22 (all equally related: cosine 1) and holds
  // out "last".
  DatasetBuilder b;
  for (int i = 0; i < 23; ++i) b.item(numbered("i", i));
  b.item("last");
  for (int i = 0; i < 23; ++i) b.order("u1", numbered("i", i), kT0 + i);
  b.order("u1", "last", kT0 + kHourMs);
  Dataset& data = b.data();
  REQUIRE(fill_missing_related(data, split_users(data)));
  std::map<std::string, double> expected;
  for (int i = 1; i <= 20; ++i) expected.emplace(numbered("i", i), 1.0);
  CHECK(kRelatedPerItem == 20);
  CHECK(data.catalog[0].related == expected);
  // i22 keeps the first 20 others, i0..i19 (i20, i21 are past the cut).
  CHECK(data.catalog[22].related.size() == 20);
  CHECK(data.catalog[22].related.count("i0") == 1);
  CHECK(data.catalog[22].related.count("i20") == 0);
}

TEST_CASE("eval item model: a catalog with any related items keeps its own") {
  DatasetBuilder b = co_occurring();
  Dataset& data = b.data();
  data.catalog[3].related = {{"X", 0.5}};
  CHECK_FALSE(fill_missing_related(data, split_users(data)));
  CHECK(data.catalog[0].related.empty());
  CHECK(data.catalog[3].related == std::map<std::string, double>{{"X", 0.5}});
}

TEST_CASE("eval item model: without_related empties every candidate's related items and keeps the rest") {
  DatasetBuilder b = co_occurring();
  Dataset& data = b.data();
  data.catalog[0].categories = {"food/pasta"};
  data.catalog[0].attrs = {{"style", "a"}};
  data.catalog[0].kind = confidant::CandidateKind::kConsumable;
  data.catalog[0].sensitive = true;
  REQUIRE(fill_missing_popularity(data, split_users(data)));
  REQUIRE(fill_missing_related(data, split_users(data)));
  REQUIRE_FALSE(data.catalog[0].related.empty());
  const std::vector<confidant::Candidate> bare = without_related(data.catalog);
  REQUIRE(bare.size() == data.catalog.size());
  for (std::size_t i = 0; i < bare.size(); ++i) {
    INFO(data.catalog[i].id);
    CHECK(bare[i].related.empty());
    confidant::Candidate expected = data.catalog[i];
    expected.related.clear();
    CHECK(confidant::to_json(bare[i]) == confidant::to_json(expected));
  }
  CHECK(bare[0].popularity == data.catalog[0].popularity);
  CHECK(bare[0].popularity > 0);
  CHECK_FALSE(data.catalog[0].related.empty());  // the catalog itself keeps them
}

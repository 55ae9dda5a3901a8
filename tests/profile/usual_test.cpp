// Scenario 4, the barista knows my order: repeated oat/grande latte orders
// make milk=oat and size=grande the usual, explained with the order count;
// one afternoon tea with no milk does not replace it. Thresholds: at least
// 3 orders and at least half the attribute's decayed order weight.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "profile_test_util.hpp"

namespace {

using namespace profile_test;

Signal latte(std::int64_t at, const std::string& milk = "oat") {
  return signal(SignalType::kOrder, at, "latte-1", {"drinks/coffee/latte"}, {{"milk", milk}, {"size", "grande"}});
}

TEST_CASE("scenario 4: ten morning oat lattes and one afternoon tea: the usual stays oat, grande") {
  TestStore t;
  auto state = load(*t.store);
  std::vector<Signal> batch;
  for (int day = 0; day < 10; ++day) batch.push_back(latte(kT0 + day * kDay));  // 08:00 each day
  batch.push_back(signal(SignalType::kOrder, kT0 + 9 * kDay + 7 * kHour, "tea-1", {"drinks/tea"}, {{"milk", "none"}}));
  ingest(t, *state, batch);

  const std::int64_t now = kT0 + 10 * kDay;
  const Profile p = state->view(now, false);
  REQUIRE(p.usual.size() == 2);
  const auto* milk = find_usual(p, "milk");
  REQUIRE(milk != nullptr);
  CHECK(milk->value == "oat");
  CHECK(milk->orders == 10);
  CHECK(milk->share > 0.85);
  CHECK(milk->share < 1.0);
  CHECK(milk->explanation == "oat milk — your usual (10 of 11 orders)");
  const auto* size = find_usual(p, "size");
  REQUIRE(size != nullptr);
  CHECK(size->value == "grande");
  CHECK(size->share == Approx(1.0));
  CHECK(size->explanation == "grande size — your usual (10 of 10 orders)");
  CHECK(p.usual[0].attribute == "milk");  // by attribute name

  // The orders are also interest, explained with their verb.
  REQUIRE(find_interest(p, "drinks/coffee/latte") != nullptr);
  CHECK(find_interest(p, "drinks/coffee/latte")->explanation == "latte — ordered 10 times this week");

  // Ranking reads the same through usual().
  const auto choices = state->usual(now);
  REQUIRE(choices.size() == 2);
  CHECK(choices[0].attribute_orders == 11);
}

TEST_CASE("a consumable purchase feeds the usual like an order") {
  TestStore t;
  auto state = load(*t.store);
  for (int day = 0; day < 3; ++day) {
    state->apply(signal(SignalType::kPurchase, kT0 + day * kDay, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}),
                 false);
  }
  const Profile p = state->view(kT0 + 3 * kDay, false);
  const auto* milk = find_usual(p, "milk");
  REQUIRE(milk != nullptr);
  CHECK(milk->orders == 3);
}

TEST_CASE("no usual below 3 orders, or below half the attribute's weight") {
  TestStore t;
  SECTION("two orders are not a habit") {
    auto state = load(*t.store);
    state->apply(latte(kT0), false);
    state->apply(latte(kT0 + kDay), false);
    CHECK(state->view(kT0 + 2 * kDay, false).usual.empty());
  }
  SECTION("three of seven is not the usual") {
    auto state = load(*t.store);
    for (int i = 0; i < 3; ++i) state->apply(latte(kT0 + i * kHour, "oat"), false);
    for (int i = 0; i < 2; ++i) state->apply(latte(kT0 + i * kHour, "whole"), false);
    for (int i = 0; i < 2; ++i) state->apply(latte(kT0 + i * kHour, "soy"), false);
    const Profile p = state->view(kT0 + kDay, false);
    CHECK(find_usual(p, "milk") == nullptr);
    CHECK(find_usual(p, "size") != nullptr);  // all seven were grande
  }
  SECTION("recent orders outweigh old ones: decayed weight decides") {
    auto state = load(*t.store);
    for (int i = 0; i < 6; ++i) state->apply(latte(kT0 - 120 * kDay + i * kDay, "whole"), false);
    for (int i = 0; i < 4; ++i) state->apply(latte(kT0 + i * kDay, "oat"), false);
    const Profile p = state->view(kT0 + 4 * kDay, false);
    const auto* milk = find_usual(p, "milk");
    REQUIRE(milk != nullptr);
    CHECK(milk->value == "oat");
    CHECK(milk->explanation == "oat milk — your usual (4 of 10 orders)");
  }
}

}  // namespace

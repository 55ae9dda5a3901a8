// Scenario 1, the battery bought elsewhere: "I already have this" (or a
// purchase) suppresses the item and its near-duplicates at once, for the
// durable period, and never the department above them. Dismissals suppress
// the item only, for less; a consumable purchase suppresses nothing.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "profile_test_util.hpp"

namespace {

using namespace profile_test;

const std::vector<std::string> kBatteryPaths = {"electronics", "electronics/camera/batteries"};

Signal battery(SignalType type, std::int64_t at) { return signal(type, at, "battery-1", kBatteryPaths); }

bool suppressed(const ProfileState& state, const std::string& item, std::vector<std::string> paths,
                std::int64_t now) {
  return state.suppressions().suppressed(item, paths, now);
}

TEST_CASE("scenario 1: already_have suppresses the item and its leaf at once, for 180 days, never 'electronics'") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state,
         {battery(SignalType::kView, kT0), battery(SignalType::kView, kT0 + kHour),
          battery(SignalType::kAlreadyHave, kT0 + 2 * kHour)});
  const std::int64_t said = kT0 + 2 * kHour;

  SECTION("at once") {
    const Profile now = state->view(said, false);
    const auto* item = find_suppression(now, "item:battery-1");
    REQUIRE(item != nullptr);
    CHECK(item->reason == SignalType::kAlreadyHave);
    CHECK(item->since_ms == said);
    CHECK(item->until_ms == said + 180 * kDay);
    CHECK(item->explanation == "battery-1 — you already have this");
    const auto* leaf = find_suppression(now, "electronics/camera/batteries");
    REQUIRE(leaf != nullptr);
    CHECK(leaf->explanation == "camera batteries — you already have one of these");
    CHECK(find_suppression(now, "electronics") == nullptr);
    CHECK(now.suppressions.size() == 2);

    CHECK(suppressed(*state, "battery-1", {}, said));
    CHECK(suppressed(*state, "battery-2", {"electronics/camera/batteries"}, said));       // a near-duplicate
    CHECK(suppressed(*state, "battery-3", {"electronics/camera/batteries/aa"}, said));    // under the leaf
    CHECK_FALSE(suppressed(*state, "camera-1", {"electronics/camera"}, said));
    CHECK_FALSE(suppressed(*state, "tv-1", {"electronics"}, said));
  }

  SECTION("still suppressed at 179 days, also after a restart") {
    t.reopen();
    auto reloaded = load(*t.store);
    const std::int64_t day179 = said + 179 * kDay;
    CHECK(suppressed(*reloaded, "battery-1", {}, day179));
    CHECK(suppressed(*reloaded, "battery-2", {"electronics/camera/batteries"}, day179));
    const Profile p = reloaded->view(day179, false);
    CHECK(find_suppression(p, "item:battery-1") != nullptr);
  }

  SECTION("gone at 181 days") {
    const std::int64_t day181 = said + 181 * kDay;
    CHECK_FALSE(suppressed(*state, "battery-1", {}, day181));
    CHECK_FALSE(suppressed(*state, "battery-2", {"electronics/camera/batteries"}, day181));
    CHECK(state->view(day181, false).suppressions.empty());
  }

  SECTION("owning says nothing of taste: already_have adds no interest") {
    const Term* owned = state->terms().find(
        {confidant::profile::TargetKind::kItem, SignalType::kAlreadyHave, false, "battery-1", ""});
    CHECK(owned == nullptr);
  }
}

TEST_CASE("a durable purchase suppresses like already_have, explained as bought") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state, {battery(SignalType::kPurchase, kT0)});
  const Profile p = state->view(kT0 + kDay, false);
  const auto* item = find_suppression(p, "item:battery-1");
  REQUIRE(item != nullptr);
  CHECK(item->reason == SignalType::kPurchase);
  CHECK(item->explanation == "battery-1 — you bought this");
  CHECK(item->until_ms == kT0 + 180 * kDay);
  // A purchase is also strong interest.
  REQUIRE(find_interest(p, "electronics/camera/batteries") != nullptr);
  CHECK(find_interest(p, "electronics/camera/batteries")->explanation == "camera batteries — bought once this week");
}

TEST_CASE("an unknown category and no category at all count as durable") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state, {signal(SignalType::kPurchase, kT0, "gadget-1", {"gadgets/widgets"}),
                     signal(SignalType::kPurchase, kT0, "thing-1")});
  CHECK(suppressed(*state, "gadget-1", {}, kT0 + kDay));
  CHECK(suppressed(*state, "other", {"gadgets/widgets"}, kT0 + kDay));
  CHECK(suppressed(*state, "thing-1", {}, kT0 + kDay));
}

TEST_CASE("a consumable purchase counts as an order and suppresses nothing, an experience only adds interest") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state,
         {signal(SignalType::kPurchase, kT0, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}),
          signal(SignalType::kPurchase, kT0, "suite-1", {"rooms/suite"})});
  CHECK_FALSE(suppressed(*state, "latte-1", {"drinks/coffee/latte"}, kT0 + kDay));
  CHECK_FALSE(suppressed(*state, "suite-1", {"rooms/suite"}, kT0 + kDay));
  using confidant::profile::TargetKind;
  CHECK(state->terms().find({TargetKind::kAttribute, SignalType::kOrder, false, "milk", "oat"}) != nullptr);
  CHECK(state->terms().find({TargetKind::kAttribute, SignalType::kPurchase, false, "milk", "oat"}) == nullptr);
  CHECK(state->terms().find({TargetKind::kCategory, SignalType::kPurchase, false, "rooms/suite", ""}) != nullptr);
}

TEST_CASE("dismiss suppresses the item only, for 30 days, and pulls its categories down") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state, {signal(SignalType::kDismiss, kT0, "shoe-9", {"footwear/running_shoes"})});
  const Profile p = state->view(kT0 + kDay, false);
  REQUIRE(p.suppressions.size() == 1);
  CHECK(p.suppressions[0].target == "item:shoe-9");
  CHECK(p.suppressions[0].explanation == "shoe-9 — you dismissed this");
  CHECK(suppressed(*state, "shoe-9", {}, kT0 + 29 * kDay));
  CHECK_FALSE(suppressed(*state, "shoe-9", {}, kT0 + 31 * kDay));
  CHECK_FALSE(suppressed(*state, "shoe-10", {"footwear/running_shoes"}, kT0 + kDay));
  CHECK(state->interest_scores(kT0).categories.at("footwear/running_shoes") == -1.5);
}

TEST_CASE("a later signal extends a suppression, an earlier one arriving late does not shorten it") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state, {battery(SignalType::kAlreadyHave, kT0 + 10 * kDay), battery(SignalType::kAlreadyHave, kT0)});
  const Profile p = state->view(kT0 + 10 * kDay, false);
  const auto* item = find_suppression(p, "item:battery-1");
  REQUIRE(item != nullptr);
  CHECK(item->since_ms == kT0 + 10 * kDay);
  CHECK(item->until_ms == kT0 + 190 * kDay);
}

TEST_CASE("active suppressions are listed soonest to end first") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state, {signal(SignalType::kDismiss, kT0, "shoe-9"), battery(SignalType::kAlreadyHave, kT0 - kDay),
                     signal(SignalType::kDismiss, kT0 - 5 * kDay, "shoe-1")});
  const Profile p = state->view(kT0, false);
  REQUIRE(p.suppressions.size() == 4);
  CHECK(p.suppressions[0].target == "item:shoe-1");
  CHECK(p.suppressions[1].target == "item:shoe-9");
  for (std::size_t i = 1; i < p.suppressions.size(); ++i) {
    CHECK(p.suppressions[i - 1].until_ms <= p.suppressions[i].until_ms);
  }
}

}  // namespace

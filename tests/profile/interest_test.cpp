// Scenario 2, the one-off pasta search: a single search weighs little and
// fades in days, below the view threshold within two weeks, while repeated
// views stay; repetition grows interest. Also: roll-up, the explanation's
// verb and recency, and the view's threshold and cap.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "profile_test_util.hpp"

namespace {

using namespace profile_test;

TEST_CASE("scenario 2: one pasta search fades below the threshold in two weeks, repeated coffee views stay") {
  TestStore t;
  auto state = load(*t.store);
  std::vector<Signal> batch = {signal(SignalType::kSearch, kT0, std::nullopt, {"food/pasta"})};
  for (int day = 0; day < 14; ++day) {
    batch.push_back(signal(SignalType::kView, kT0 + day * kDay, "latte-1", {"drinks/coffee/latte"}));
  }
  ingest(t, *state, batch);

  const Profile first_day = state->view(kT0 + kHour, false);
  const auto* pasta_then = find_interest(first_day, "food/pasta");
  REQUIRE(pasta_then != nullptr);
  CHECK(pasta_then->explanation == "pasta — searched for once this week");

  const std::int64_t two_weeks = kT0 + 14 * kDay;
  const double pasta = state->interest_scores(two_weeks).categories.at("food/pasta");
  CHECK(pasta == Approx(0.5 * std::exp2(-14.0 / 3.0)));
  CHECK(pasta < ModelParams::defaults().view_min_score);

  const Profile later = state->view(two_weeks, false);
  CHECK(find_interest(later, "food/pasta") == nullptr);
  CHECK(find_interest(later, "food") == nullptr);
  const auto* latte = find_interest(later, "drinks/coffee/latte");
  REQUIRE(latte != nullptr);
  CHECK(latte->score > 5);
  CHECK(latte->signals == 14);
  CHECK(latte->explanation == "latte — viewed 14 times this week");
  CHECK(later.interests.front().target.rfind("drinks", 0) == 0);
}

TEST_CASE("five searches weigh more than one") {
  TestStore t;
  auto once = load(*t.store);
  auto five = load(*t.store);
  once->apply(signal(SignalType::kSearch, kT0, std::nullopt, {"food/pasta"}), false);
  for (int i = 0; i < 5; ++i) five->apply(signal(SignalType::kSearch, kT0 + i * kHour, std::nullopt, {"food/pasta"}), false);
  const std::int64_t now = kT0 + 2 * kDay;
  const double one_score = once->interest_scores(now).categories.at("food/pasta");
  const double five_score = five->interest_scores(now).categories.at("food/pasta");
  CHECK(five_score > 4 * one_score);
  const Profile p = five->view(now, false);
  REQUIRE(find_interest(p, "food/pasta") != nullptr);
  CHECK(find_interest(p, "food/pasta")->explanation == "pasta — searched for 5 times this week");
}

TEST_CASE("a category's interest is its own terms plus its descendants'") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state,
         {signal(SignalType::kView, kT0, "shoe-1", {"footwear/running_shoes"}),
          signal(SignalType::kView, kT0, "boot-1", {"footwear/boots"}),
          signal(SignalType::kClick, kT0, "boot-1", {"footwear/boots"}),
          signal(SignalType::kView, kT0, "shoe-x", {"footwear"})});
  const Profile p = state->view(kT0, false);
  REQUIRE(find_interest(p, "footwear") != nullptr);
  CHECK(find_interest(p, "footwear")->score == Approx(1.0 + 1.0 + 1.5 + 1.0));
  CHECK(find_interest(p, "footwear")->signals == 4);
  CHECK(find_interest(p, "footwear/boots")->score == Approx(2.5));
  // The verb is the type contributing most: the click outweighs the view.
  CHECK(find_interest(p, "footwear/boots")->explanation == "boots — clicked once this week");
  CHECK(find_interest(p, "footwear")->explanation == "footwear — viewed 3 times this week");
  CHECK(p.interests.front().target == "footwear");
}

TEST_CASE("explanations say 'last on' for contributions older than a week") {
  TestStore t;
  auto state = load(*t.store);
  const std::int64_t oct1 = 1790841600000;  // 2026-10-01T08:00:00.000Z
  for (int i = 0; i < 6; ++i) state->apply(signal(SignalType::kView, oct1 - i * kDay, "shoe-1", {"footwear/running_shoes"}), false);
  const Profile p = state->view(kT0, false);
  const auto* shoes = find_interest(p, "footwear/running_shoes");
  REQUIRE(shoes != nullptr);
  CHECK(shoes->explanation == "running shoes — viewed 6 times last on 2026-10-01");
  CHECK(shoes->last_ms == oct1);
}

TEST_CASE("attribute interests are shown as value and key") {
  TestStore t;
  auto state = load(*t.store);
  state->apply(signal(SignalType::kView, kT0, "room-1", {"rooms/suite"}, {{"floor_level", "high"}}), false);
  const Profile p = state->view(kT0, false);
  const auto* floor = find_interest(p, "floor_level=high");
  REQUIRE(floor != nullptr);
  CHECK(floor->explanation == "high floor level — viewed once this week");
}

TEST_CASE("the view keeps interests at or above 0.05, strongest first, at most 100") {
  TestStore t;
  auto state = load(*t.store);
  for (int i = 0; i < 150; ++i) {
    const std::string path = "catalog/c" + std::to_string(i);
    for (int k = 0; k <= i % 5; ++k) state->apply(signal(SignalType::kView, kT0, "x", {path}), false);
  }
  const Profile p = state->view(kT0, false);
  REQUIRE(p.interests.size() == 100);
  CHECK(p.interests.front().target == "catalog");
  for (std::size_t i = 1; i < p.interests.size(); ++i) CHECK(p.interests[i - 1].score >= p.interests[i].score);

  // Negative interest (dismissals) and impressions are never shown.
  TestStore t2;
  auto other = load(*t2.store);
  other->apply(signal(SignalType::kDismiss, kT0, "shoe-9", {"footwear/running_shoes"}), false);
  other->apply(signal(SignalType::kImpression, kT0, "shoe-8", {"footwear/boots"}), false);
  CHECK(other->view(kT0, false).interests.empty());
  CHECK(other->terms().find({TargetKind::kItem, SignalType::kImpression, false, "shoe-8", ""})->count == 1);
  CHECK(other->terms().find({TargetKind::kCategory, SignalType::kImpression, false, "footwear/boots", ""}) == nullptr);
}

}  // namespace

// SCENARIOS.md 1, 2, 4, 5, 6, 7, 10 and 11, through the public Sdk with a
// fake clock: what the person's profile says, not how the model computes it
// (tests/profile covers that).
#include "support/sdk_harness.hpp"

using namespace sdk_test;

namespace {

const std::vector<std::string> kBatteries = {"electronics/camera/batteries"};

Signal order(std::string item, std::vector<std::string> categories, std::map<std::string, std::string> attrs) {
  return signal(SignalType::kOrder, std::move(item), std::move(categories), std::move(attrs));
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("Scenario 1: an item the person already has is suppressed at once, with its near-duplicates, for the durable period") {
  Harness h;
  h.grant({DataCategory::kBrowsing, DataCategory::kPurchases});
  for (int i = 0; i < 5; ++i) h.track(signal(SignalType::kView, "battery-" + std::to_string(i % 2), kBatteries));
  h.flush();
  REQUIRE(find_interest(h.profile(), "electronics/camera/batteries") != nullptr);

  h.track(signal(SignalType::kAlreadyHave, "battery-1", kBatteries));
  h.flush();
  Profile now = h.profile();
  const Suppression* item = find_suppression(now, "item:battery-1");
  const Suppression* near = find_suppression(now, "electronics/camera/batteries");
  REQUIRE(item != nullptr);
  REQUIRE(near != nullptr);
  CHECK(item->reason == SignalType::kAlreadyHave);
  CHECK(find_suppression(now, "electronics") == nullptr);
  CHECK(find_suppression(now, "electronics/camera") == nullptr);

  h.clock->advance(179 * kDayMs);
  CHECK(find_suppression(h.profile(), "item:battery-1") != nullptr);
  CHECK(find_suppression(h.profile(), "electronics/camera/batteries") != nullptr);
  h.clock->advance(2 * kDayMs);
  CHECK(find_suppression(h.profile(), "item:battery-1") == nullptr);
  CHECK(find_suppression(h.profile(), "electronics/camera/batteries") == nullptr);
}

TEST_CASE("Scenario 2: a one-off search weighs little and fades within days, repeated interest grows") {
  Harness h;
  h.grant({DataCategory::kBrowsing, DataCategory::kSearch});
  h.track(search("pasta brands", {"food/pasta"}));
  h.track(signal(SignalType::kView, "espresso-1", {"drinks/coffee/espresso"}));
  h.flush();
  const Profile pasta_day0_profile = h.profile();
  const Interest* pasta_day0 = find_interest(pasta_day0_profile, "food/pasta");
  REQUIRE(pasta_day0 != nullptr);
  const double one_search = pasta_day0->score;

  for (int day = 1; day <= 14; ++day) {
    h.clock->advance(kDayMs);
    h.track(signal(SignalType::kView, "espresso-1", {"drinks/coffee/espresso"}));
  }
  h.flush();
  Profile two_weeks = h.profile();
  const Interest* coffee = find_interest(two_weeks, "drinks/coffee/espresso");
  REQUIRE(coffee != nullptr);
  const Interest* pasta = find_interest(two_weeks, "food/pasta");
  // Gone from the profile, or at least an order of magnitude under the habit.
  if (pasta != nullptr) CHECK(pasta->score * 10 < coffee->score);
  CHECK((pasta == nullptr || pasta->score < one_search / 8));

  // Repeated searches build interest: five today outweigh the one of day 0 as it was.
  for (int i = 0; i < 5; ++i) h.track(search("pasta brands", {"food/pasta"}));
  h.flush();
  const Profile repeated_profile = h.profile();
  const Interest* repeated = find_interest(repeated_profile, "food/pasta");
  REQUIRE(repeated != nullptr);
  CHECK(repeated->score > 4 * one_search);
}

TEST_CASE("Scenario 4: repeated morning orders make the usual, one afternoon tea does not replace it") {
  Harness h;
  h.grant({DataCategory::kPurchases});
  for (int day = 0; day < 10; ++day) {
    h.track(order("latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}, {"size", "grande"}}));
    h.clock->advance(kDayMs);
  }
  h.clock->advance(7 * kHourMs);  // 15:00
  h.track(order("tea-2", {"drinks/tea"}, {{"milk", "none"}, {"size", "tall"}}));
  h.flush();
  Profile p = h.profile();
  const Usual* milk = find_usual(p, "milk");
  const Usual* size = find_usual(p, "size");
  REQUIRE(milk != nullptr);
  REQUIRE(size != nullptr);
  CHECK(milk->value == "oat");
  CHECK(size->value == "grande");
  CHECK(milk->orders == 10);
  CHECK(contains(milk->explanation, "usual"));
  CHECK(contains(milk->explanation, "oat"));
}

TEST_CASE("Scenario 5: stated preferences are shown exactly as stated and never decay") {
  Harness h;
  h.grant({DataCategory::kPreferences, DataCategory::kBrowsing});
  const std::string words = "I'm vegetarian \xe2\x80\x94 no meat, please";
  REQUIRE(h.sdk->prefer(PreferenceKind::kLike, "food/vegetarian", words));
  REQUIRE(h.sdk->prefer(PreferenceKind::kLike, "room=quiet", "quiet room, high floor"));
  for (int i = 0; i < 20; ++i) h.track(signal(SignalType::kView, "steak-1", {"food/steak"}));
  h.flush();
  REQUIRE(find_interest(h.profile(), "food/steak") != nullptr);

  h.clock->advance(365 * kDayMs);
  Profile later = h.profile();
  REQUIRE(later.preferences.size() == 2);
  CHECK(later.preferences[0].kind == PreferenceKind::kLike);
  CHECK(later.preferences[0].target == "food/vegetarian");
  CHECK(later.preferences[0].text == words);
  CHECK(later.preferences[1].target == "room=quiet");
  CHECK(later.preferences[1].text == "quiet room, high floor");
  CHECK(find_interest(later, "food/steak") == nullptr);  // inferred interest faded; the stated one did not

  h.reopen();
  Profile reopened = h.profile();
  REQUIRE(reopened.preferences.size() == 2);
  CHECK(reopened.preferences[0].text == words);
}

TEST_CASE("Scenario 6: sensitive signals are dropped unless sensitive is granted, and purged when it is withdrawn") {
  Harness h;
  h.grant({DataCategory::kBrowsing, DataCategory::kPreferences});
  const Signal pregnancy = signal(SignalType::kView, "test-kit-1", {"baby/pregnancy/tests"});
  const Status dropped = h.sdk->track(pregnancy);
  CHECK(dropped.code() == ErrorCode::kNotPermitted);
  CHECK(h.sdk->prefer(PreferenceKind::kLike, "baby/pregnancy", "").code() == ErrorCode::kNotPermitted);
  h.flush();
  CHECK_FALSE(contains(h.exported(), "test-kit-1"));
  CHECK_FALSE(contains(h.exported(), "baby/pregnancy"));

  h.grant({DataCategory::kSensitive});
  h.track(pregnancy);
  h.track(signal(SignalType::kView, "stroller-1", {"baby/strollers"}));
  h.flush();
  CHECK(contains(h.exported(), "test-kit-1"));
  CHECK(find_interest(h.profile(), "baby/pregnancy/tests") != nullptr);

  h.deny({DataCategory::kSensitive});
  const std::string after = h.exported();
  CHECK_FALSE(contains(after, "test-kit-1"));
  CHECK_FALSE(contains(after, "baby/pregnancy"));
  CHECK(contains(after, "stroller-1"));  // not sensitive: kept
}

TEST_CASE("Scenario 7: a category marked 'don't personalize this' is never used, even when browsed") {
  Harness h;
  h.grant({DataCategory::kBrowsing, DataCategory::kSensitive});
  for (int i = 0; i < 3; ++i) h.track(signal(SignalType::kView, "bra-1", {"fashion/lingerie"}));
  h.flush();
  REQUIRE(find_interest(h.profile(), "fashion/lingerie") != nullptr);

  // Honoured without the preferences grant: a block only narrows use.
  REQUIRE(h.sdk->prefer(PreferenceKind::kBlock, "fashion/lingerie", "not on a shared tablet"));
  for (int i = 0; i < 10; ++i) (void)h.sdk->track(signal(SignalType::kView, "bra-2", {"fashion/lingerie/bras"}));
  h.flush();
  Profile p = h.profile();
  for (const Interest& interest : p.interests) CHECK(interest.target.rfind("fashion/lingerie", 0) != 0);
  REQUIRE(p.preferences.size() == 1);
  CHECK(p.preferences[0].kind == PreferenceKind::kBlock);
  CHECK(p.preferences[0].text == "not on a shared tablet");
  CHECK_FALSE(contains(h.exported(), "bra-2"));
}

TEST_CASE("Scenario 10: withdrawing purchases deletes purchase history and its effect before the call returns") {
  Harness h;
  h.grant({DataCategory::kBrowsing, DataCategory::kPurchases});
  for (int i = 0; i < 4; ++i) h.track(order("latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
  h.track(signal(SignalType::kPurchase, "camera-9", {"electronics/camera/bodies"}));
  h.track(signal(SignalType::kView, "tea-7", {"drinks/tea"}));
  h.flush();
  Profile before = h.profile();
  REQUIRE(find_usual(before, "milk") != nullptr);
  REQUIRE(find_suppression(before, "item:camera-9") != nullptr);

  h.deny({DataCategory::kPurchases});
  const auto check_purged = [&] {
    Profile p = h.profile();
    CHECK(find_usual(p, "milk") == nullptr);
    CHECK(find_interest(p, "drinks/coffee/latte") == nullptr);
    CHECK(find_interest(p, "milk=oat") == nullptr);
    CHECK(find_suppression(p, "item:camera-9") == nullptr);
    CHECK(find_interest(p, "drinks/tea") != nullptr);  // browsing stays
    const std::string all = h.exported();
    CHECK_FALSE(contains(all, "latte-1"));
    CHECK_FALSE(contains(all, "camera-9"));
    CHECK(contains(all, "tea-7"));
  };
  check_purged();
  h.reopen();  // durably
  check_purged();

  // New orders are refused at once now.
  CHECK(h.sdk->track(order("latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}})).code() == ErrorCode::kNotPermitted);
}

TEST_CASE("Scenario 11: after erase no readable byte of any signal is left, and a new instance starts empty") {
  Harness h;
  h.grant({DataCategory::kBrowsing, DataCategory::kSearch, DataCategory::kPreferences});
  h.track(signal(SignalType::kView, "canary-item-5521", {"food/canary_cake"}));
  h.track(search("canary-query-9013", {"food/pasta"}));
  REQUIRE(h.sdk->prefer(PreferenceKind::kLike, "drinks/tea", "canary-words-3371"));
  h.flush();
  REQUIRE(h.sdk->erase());
  CHECK(h.sdk->profile().status().code() == ErrorCode::kClosed);
  for (const std::string canary : {"canary-item-5521", "canary-query-9013", "canary-words-3371", "canary_cake"}) {
    CHECK(files_holding(h.tmp.path(), canary).empty());
  }
  h.sdk.reset();

  h.open();
  auto states = h.sdk->consent();
  REQUIRE(states);
  for (const ConsentState s : states->states) CHECK(s == ConsentState::kUnknown);
  Profile empty = h.profile();
  CHECK(empty.interests.empty());
  CHECK(empty.preferences.empty());
  CHECK(empty.usual.empty());
  CHECK(empty.suppressions.empty());
  CHECK_FALSE(contains(h.exported(), "canary"));
}

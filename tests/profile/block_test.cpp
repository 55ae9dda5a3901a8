// Scenario 7, the lingerie shop: "don't personalize this" deletes what was
// inferred under the target, and afterwards browsing it contributes nothing,
// signals entirely under it are refused by blocks(), and the view never shows
// an interest or usual under it. Blocks survive a withdrawal of
// `preferences`: they only ever narrow use.
#include <catch2/catch.hpp>

#include <string>

#include "profile_test_util.hpp"

namespace {

using namespace profile_test;
using confidant::DataCategory;
using confidant::PreferenceKind;

TEST_CASE("scenario 7: block fashion/lingerie") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state,
         {signal(SignalType::kView, kT0, "bra-1", {"fashion/lingerie/bras"}),
          signal(SignalType::kView, kT0, "top-1", {"fashion/tops"})},
         false);
  const Profile browsed = state->view(kT0, false);
  REQUIRE(find_interest(browsed, "fashion/lingerie") != nullptr);

  t.exec("BEGIN");
  require_ok(state->add_preference(*t.store, PreferenceKind::kBlock, target("fashion/lingerie"), "", kT0 + 1));
  t.exec("COMMIT");
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE key LIKE 'fashion/lingerie%'") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE key = 'fashion/tops'") == 1);

  const Signal browse = signal(SignalType::kView, kT0 + kDay, "bra-2", {"fashion/lingerie"});
  const Signal under = signal(SignalType::kView, kT0 + kDay, "bra-3", {"fashion/lingerie/bras"});
  const Signal mixed = signal(SignalType::kView, kT0 + kDay, "set-1", {"fashion/lingerie", "fashion/tops"});
  CHECK(state->blocks(browse));
  CHECK(state->blocks(under));
  CHECK_FALSE(state->blocks(mixed));  // not every path is blocked: the rest may be used
  CHECK_FALSE(state->blocks(signal(SignalType::kView, kT0, "top-2", {"fashion/tops"})));

  // Even if applied, blocked paths contribute nothing.
  state->apply(browse, false);
  state->apply(mixed, false);
  ingest(t, *state, {under});
  const Profile p = state->view(kT0 + kDay, false);
  for (const auto& interest : p.interests) {
    INFO(interest.target);
    CHECK(interest.target.rfind("fashion/lingerie", 0) != 0);
  }
  REQUIRE(find_interest(p, "fashion/tops") != nullptr);
  CHECK(find_interest(p, "fashion/tops")->signals == 2);
  REQUIRE(p.preferences.size() == 1);
  CHECK(p.preferences[0].explanation == "lingerie — you asked us not to personalize this");
  state->terms().for_each([](const auto& key, const Term&) {
    INFO(key.key);
    CHECK(key.key.rfind("fashion/lingerie", 0) != 0);
  });
}

TEST_CASE("blocks on an item and on an attribute value") {
  TestStore t;
  auto state = load(*t.store);
  for (int i = 0; i < 4; ++i) {
    state->apply(signal(SignalType::kOrder, kT0 + i, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}), false);
  }
  const Profile ordered = state->view(kT0 + kHour, false);
  REQUIRE(find_usual(ordered, "milk") != nullptr);

  require_ok(state->add_preference(*t.store, PreferenceKind::kBlock, target("milk=oat"), "", kT0 + kHour));
  require_ok(state->add_preference(*t.store, PreferenceKind::kBlock, target("item:pill-1"), "", kT0 + kHour));
  CHECK(state->blocks(signal(SignalType::kView, kT0, "pill-1", {"drinks/tea"})));
  CHECK_FALSE(state->blocks(signal(SignalType::kView, kT0, "pill-2", {"drinks/tea"})));

  state->apply(signal(SignalType::kOrder, kT0 + 2 * kHour, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}), false);
  const Profile p = state->view(kT0 + 3 * kHour, false);
  CHECK(find_usual(p, "milk") == nullptr);
  CHECK(find_interest(p, "milk=oat") == nullptr);
  CHECK(state->terms().find({TargetKind::kAttribute, SignalType::kOrder, false, "milk", "oat"}) == nullptr);
  CHECK(find_interest(p, "drinks/coffee/latte") != nullptr);
}

TEST_CASE("a block survives withdrawing preferences and is honoured after a restart") {
  TestStore t;
  auto state = load(*t.store);
  require_ok(state->add_preference(*t.store, PreferenceKind::kBlock, target("fashion/lingerie"), "private", kT0));
  require_ok(state->add_preference(*t.store, PreferenceKind::kLike, target("drinks/tea"), "", kT0));
  require_ok(state->purge(*t.store, DataCategory::kPreferences));
  CHECK(t.count("SELECT count(*) FROM profile_preferences") == 1);

  t.reopen();
  auto reloaded = load(*t.store);
  CHECK(reloaded->blocks(signal(SignalType::kView, kT0, "bra-1", {"fashion/lingerie"})));
  const Profile p = reloaded->view(kT0, false);
  REQUIRE(p.preferences.size() == 1);
  CHECK(p.preferences[0].kind == PreferenceKind::kBlock);
  CHECK(p.preferences[0].text == "private");
}

TEST_CASE("a like replacing a block lifts it") {
  TestStore t;
  auto state = load(*t.store);
  require_ok(state->add_preference(*t.store, PreferenceKind::kBlock, target("drinks/tea"), "", kT0));
  CHECK(state->blocks(signal(SignalType::kView, kT0, "tea-1", {"drinks/tea"})));
  require_ok(state->add_preference(*t.store, PreferenceKind::kLike, target("drinks/tea"), "", kT0 + 1));
  CHECK_FALSE(state->blocks(signal(SignalType::kView, kT0, "tea-1", {"drinks/tea"})));
  CHECK_FALSE(state->preferences().has_blocks());
}

}  // namespace

// forget(target): the target's terms (a category with its descendants), its
// preference and its suppressions go, in memory and in the store; nothing
// else does, and blocks under a forgotten category stay.
#include <catch2/catch.hpp>

#include "profile_test_util.hpp"

namespace {

using namespace profile_test;
using confidant::PreferenceKind;

std::unique_ptr<ProfileState> filled(TestStore& t) {
  auto state = load(*t.store);
  ingest(t, *state,
         {signal(SignalType::kOrder, kT0, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}),
          signal(SignalType::kView, kT0, "tea-1", {"drinks/tea"}, {{"milk", "none"}}),
          signal(SignalType::kView, kT0, "croissant-1", {"food/bakery"}),
          signal(SignalType::kAlreadyHave, kT0, "battery-1", {"electronics/camera/batteries"})});
  require_ok(state->add_preference(*t.store, PreferenceKind::kLike, target("drinks/tea"), "", kT0));
  require_ok(state->add_preference(*t.store, PreferenceKind::kBlock, target("drinks/juice"), "", kT0));
  require_ok(state->add_preference(*t.store, PreferenceKind::kDislike, target("food/pasta"), "", kT0));
  return state;
}

void forget(TestStore& t, ProfileState& state, const char* text) {
  t.exec("BEGIN");
  require_ok(state.forget(*t.store, target(text)));
  t.exec("COMMIT");
}

TEST_CASE("forgetting a category forgets its descendants, their likes, not their blocks") {
  TestStore t;
  auto state = filled(t);
  forget(t, *state, "drinks");
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE kind = 'category' AND key LIKE 'drinks%'") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE key = 'food/bakery'") == 1);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE kind = 'attribute'") == 2);  // not a category
  CHECK(t.count("SELECT count(*) FROM profile_preferences WHERE target = 'drinks/tea'") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_preferences WHERE target = 'drinks/juice'") == 1);
  const Profile p = state->view(kT0, false);
  CHECK(find_interest(p, "drinks") == nullptr);
  CHECK(find_interest(p, "food/bakery") != nullptr);
  CHECK(p.preferences.size() == 2);
  CHECK(state->blocks(signal(SignalType::kView, kT0, "juice-1", {"drinks/juice"})));
}

TEST_CASE("forgetting an item forgets its terms and suppression, not its category's") {
  TestStore t;
  auto state = filled(t);
  forget(t, *state, "item:battery-1");
  CHECK(t.count("SELECT count(*) FROM profile_suppressions WHERE kind = 'item'") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_suppressions WHERE key = 'electronics/camera/batteries'") == 1);
  CHECK_FALSE(state->suppressions().suppressed("battery-1", {}, kT0 + kDay));
  CHECK(state->suppressions().suppressed("battery-2", std::vector<std::string>{"electronics/camera/batteries"},
                                         kT0 + kDay));
}

TEST_CASE("forgetting an attribute value forgets its terms and preference") {
  TestStore t;
  auto state = filled(t);
  require_ok(state->add_preference(*t.store, PreferenceKind::kLike, target("milk=oat"), "", kT0));
  forget(t, *state, "milk=oat");
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE kind = 'attribute' AND value = 'oat'") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE kind = 'attribute' AND value = 'none'") == 1);
  CHECK(t.count("SELECT count(*) FROM profile_preferences WHERE target = 'milk=oat'") == 0);
  const Profile p = state->view(kT0, false);
  CHECK(find_interest(p, "milk=oat") == nullptr);
}

TEST_CASE("forgetting a block lifts it, forgetting a disliked target drops the dislike") {
  TestStore t;
  auto state = filled(t);
  forget(t, *state, "drinks/juice");
  CHECK_FALSE(state->blocks(signal(SignalType::kView, kT0, "juice-1", {"drinks/juice"})));
  forget(t, *state, "food/pasta");
  t.reopen();
  const Profile p = load(*t.store)->view(kT0, false);
  REQUIRE(p.preferences.size() == 1);
  CHECK(p.preferences[0].target == "drinks/tea");
}

}  // namespace

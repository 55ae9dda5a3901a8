// Scenario 5, stated preferences win: a like never decays, is shown back
// verbatim a year later, and the view ranks the interest it covers above
// inferred ones, marked "you told us"; a dislike is explained and ranked
// last. One preference per target: a new one replaces the old.
#include <catch2/catch.hpp>

#include <string>

#include "profile_test_util.hpp"

namespace {

using namespace profile_test;
using confidant::PreferenceKind;

TEST_CASE("scenario 5: a stated like is still there a year later, verbatim, and outranks inference") {
  TestStore t;
  auto state = load(*t.store);
  const std::string words = "I love green tea — \"no sugar\", please";
  t.exec("BEGIN");
  require_ok(state->add_preference(*t.store, PreferenceKind::kLike, target("drinks/tea"), words, kT0));
  t.exec("COMMIT");

  const std::int64_t year = kT0 + 365 * kDay;
  std::vector<Signal> batch;
  for (int i = 0; i < 20; ++i) batch.push_back(signal(SignalType::kView, year - i * kHour, "latte-1", {"drinks/coffee/latte"}));
  batch.push_back(signal(SignalType::kView, year - kDay, "tea-1", {"drinks/tea/green"}));
  ingest(t, *state, batch);

  t.reopen();
  auto reloaded = load(*t.store);
  const Profile p = reloaded->view(year, false);
  REQUIRE(p.preferences.size() == 1);
  CHECK(p.preferences[0].kind == PreferenceKind::kLike);
  CHECK(p.preferences[0].target == "drinks/tea");
  CHECK(p.preferences[0].text == words);
  CHECK(p.preferences[0].at_ms == kT0);
  CHECK(p.preferences[0].explanation == "tea — you told us");

  // Inferred coffee scores far higher, yet the stated like comes first.
  REQUIRE(p.interests.size() >= 2);
  CHECK(p.interests[0].target == "drinks/tea");
  CHECK(p.interests[0].explanation == "tea — you told us; viewed once this week");
  CHECK(p.interests[1].target == "drinks/tea/green");  // covered by the like on its ancestor
  CHECK(p.interests[1].explanation == "green tea — you told us; viewed once this week");
  CHECK(find_interest(p, "drinks/coffee/latte")->score > p.interests[0].score);
}

TEST_CASE("a dislike is explained, and what it covers is listed after inferred interests") {
  TestStore t;
  auto state = load(*t.store);
  require_ok(state->add_preference(*t.store, PreferenceKind::kDislike, target("food/pasta"), "not a fan", kT0));
  for (int i = 0; i < 10; ++i) state->apply(signal(SignalType::kView, kT0 + i, "pasta-1", {"food/pasta"}), false);
  state->apply(signal(SignalType::kView, kT0, "tea-1", {"drinks/tea"}), false);
  const Profile p = state->view(kT0 + kHour, false);
  REQUIRE(p.preferences.size() == 1);
  CHECK(p.preferences[0].explanation == "pasta — you told us you don't like it");
  CHECK(p.preferences[0].text == "not a fan");
  CHECK(p.interests.back().target == "food/pasta");
  CHECK(p.interests.back().explanation == "pasta — you told us you don't like it; viewed 10 times this week");
}

TEST_CASE("one preference per target: restating replaces it and moves it to the end") {
  TestStore t;
  auto state = load(*t.store);
  require_ok(state->add_preference(*t.store, PreferenceKind::kLike, target("milk=oat"), "", kT0));
  require_ok(state->add_preference(*t.store, PreferenceKind::kLike, target("item:latte-1"), "my favourite", kT0 + 1));
  require_ok(state->add_preference(*t.store, PreferenceKind::kDislike, target("milk=oat"), "changed my mind", kT0 + 2));
  CHECK(t.count("SELECT count(*) FROM profile_preferences") == 2);

  t.reopen();
  const Profile p = load(*t.store)->view(kT0 + 3, false);
  REQUIRE(p.preferences.size() == 2);
  CHECK(p.preferences[0].target == "item:latte-1");
  CHECK(p.preferences[0].explanation == "latte-1 — you told us");
  CHECK(p.preferences[1].target == "milk=oat");
  CHECK(p.preferences[1].kind == PreferenceKind::kDislike);
  CHECK(p.preferences[1].text == "changed my mind");
  CHECK(p.preferences[1].explanation == "oat milk — you told us you don't like it");
}

TEST_CASE("a preference without words keeps an empty text") {
  TestStore t;
  auto state = load(*t.store);
  require_ok(state->add_preference(*t.store, PreferenceKind::kLike, target("drinks/tea"), "", kT0));
  t.reopen();
  const Profile p = load(*t.store)->view(kT0, false);
  REQUIRE(p.preferences.size() == 1);
  CHECK(p.preferences[0].text.empty());
  CHECK(t.count("SELECT count(*) FROM profile_preferences WHERE text IS NULL") == 1);
}

}  // namespace

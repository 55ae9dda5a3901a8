// Withdrawal purges (PRIVACY.md, promise 3; scenario 10): purge(category)
// deletes exactly the rows learned from that category's signals — in the
// store (checked with SQL) and in memory — and nothing else; kSensitive
// deletes every row flagged sensitive; kPreferences the likes and dislikes.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "consent/types.hpp"
#include "profile_test_util.hpp"
#include "signals/signal.hpp"

namespace {

using namespace profile_test;
using confidant::DataCategory;
using confidant::PreferenceKind;

// One signal of each consent category, plus a sensitive one, all saved.
std::unique_ptr<ProfileState> filled(TestStore& t) {
  auto state = load(*t.store);
  ingest(t, *state,
         {signal(SignalType::kView, kT0, "shoe-1", {"footwear/running_shoes"}),                              // browsing
          signal(SignalType::kDismiss, kT0, "shoe-2", {"footwear/running_shoes"}),                           // browsing
          signal(SignalType::kSearch, kT0, std::nullopt, {"food/pasta"}),                                    // search
          signal(SignalType::kOrder, kT0, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}),             // purchases
          signal(SignalType::kAlreadyHave, kT0, "battery-1", {"electronics/camera/batteries"}),              // purchases
          signal(SignalType::kVisit, kT0, "hotel-berlin", {"rooms/suite"})});                                // location
  ingest(t, *state, {signal(SignalType::kView, kT0, "vitamins-1", {"health/vitamins", "food/bakery"}),
                     signal(SignalType::kPurchase, kT0, "bra-1", {"fashion/lingerie/bras"})},
         /*sensitive=*/true);
  t.exec("BEGIN");
  require_ok(state->add_preference(*t.store, PreferenceKind::kLike, target("drinks/tea"), "yes", kT0));
  require_ok(state->add_preference(*t.store, PreferenceKind::kDislike, target("health/diets"), "", kT0));
  require_ok(state->add_preference(*t.store, PreferenceKind::kBlock, target("religion"), "", kT0));
  t.exec("COMMIT");
  return state;
}

std::int64_t memory_rows(const ProfileState& state, bool (*match)(const confidant::profile::RowKey&)) {
  std::int64_t n = 0;
  state.terms().for_each([&](const auto& key, const auto&) { n += match(key) ? 1 : 0; });
  state.suppressions().rows().for_each([&](const auto& key, const auto&) { n += match(key) ? 1 : 0; });
  return n;
}

void purge(TestStore& t, ProfileState& state, DataCategory category) {
  t.exec("BEGIN");
  require_ok(state.purge(*t.store, category));
  t.exec("COMMIT");
}

TEST_CASE("purging purchases deletes order and ownership rows only") {
  TestStore t;
  auto state = filled(t);
  const std::int64_t before = t.count("SELECT count(*) FROM profile_terms");
  const std::int64_t purchase_rows = t.count("SELECT count(*) FROM profile_terms WHERE category = 'purchases'");
  REQUIRE(purchase_rows > 0);
  REQUIRE(t.count("SELECT count(*) FROM profile_suppressions WHERE category = 'purchases'") > 0);

  purge(t, *state, DataCategory::kPurchases);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE category = 'purchases'") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_suppressions WHERE category = 'purchases'") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE type IN ('order','purchase','already_have')") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_terms") == before - purchase_rows);
  CHECK(t.count("SELECT count(*) FROM profile_suppressions WHERE reason = 'dismiss'") == 1);
  CHECK(memory_rows(*state, [](const auto& key) {
          return confidant::signals::data_category(key.type) == DataCategory::kPurchases;
        }) == 0);

  const Profile p = state->view(kT0 + kHour, false);
  CHECK(p.usual.empty());
  CHECK(find_suppression(p, "item:battery-1") == nullptr);
  CHECK(find_suppression(p, "item:shoe-2") != nullptr);
  CHECK(find_interest(p, "drinks/coffee/latte") == nullptr);
  CHECK(find_interest(p, "food/pasta") != nullptr);

  // A restart reads the same: memory never ran ahead of the store.
  t.reopen();
  CHECK(to_json(load(*t.store)->view(kT0 + kHour, false)) == to_json(p));
}

TEST_CASE("purging each inferred category leaves the others") {
  for (const DataCategory category : {DataCategory::kBrowsing, DataCategory::kSearch, DataCategory::kLocation}) {
    TestStore t;
    auto state = filled(t);
    const std::string name(confidant::consent::name(category));
    INFO(name);
    const std::int64_t others = t.count("SELECT count(*) FROM profile_terms WHERE category != '" + name + "'");
    REQUIRE(t.count("SELECT count(*) FROM profile_terms WHERE category = '" + name + "'") > 0);
    purge(t, *state, category);
    CHECK(t.count("SELECT count(*) FROM profile_terms WHERE category = '" + name + "'") == 0);
    CHECK(t.count("SELECT count(*) FROM profile_suppressions WHERE category = '" + name + "'") == 0);
    CHECK(t.count("SELECT count(*) FROM profile_terms") == others);
    std::int64_t left = 0;
    state->terms().for_each([&](const auto& key, const auto&) {
      left += confidant::signals::data_category(key.type) == category ? 1 : 0;
    });
    CHECK(left == 0);
    CHECK(static_cast<std::int64_t>(state->terms().size()) == others);
    CHECK(state->preferences().size() == 3);
  }
}

TEST_CASE("purging sensitive deletes every sensitive row, whatever its category, and sensitive likes") {
  TestStore t;
  auto state = filled(t);
  REQUIRE(t.count("SELECT count(*) FROM profile_terms WHERE sensitive = 1") > 0);
  REQUIRE(t.count("SELECT count(*) FROM profile_suppressions WHERE sensitive = 1") > 0);
  const std::int64_t plain = t.count("SELECT count(*) FROM profile_terms WHERE sensitive = 0");

  purge(t, *state, DataCategory::kSensitive);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE sensitive = 1") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_suppressions WHERE sensitive = 1") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE sensitive = 0") == plain);
  // The bakery path rode on a sensitive signal: its row was flagged, and went.
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE key = 'food/bakery'") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_preferences WHERE target = 'health/diets'") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_preferences") == 2);  // the tea like, the religion block
  CHECK(memory_rows(*state, [](const auto& key) { return key.sensitive; }) == 0);

  const Profile p = state->view(kT0 + kHour, false);
  CHECK(find_interest(p, "health") == nullptr);
  CHECK(find_suppression(p, "item:bra-1") == nullptr);
  CHECK(find_interest(p, "food/pasta") != nullptr);
}

TEST_CASE("purging preferences deletes likes and dislikes, keeps blocks and everything inferred") {
  TestStore t;
  auto state = filled(t);
  const std::int64_t terms = t.count("SELECT count(*) FROM profile_terms");
  purge(t, *state, DataCategory::kPreferences);
  CHECK(t.count("SELECT count(*) FROM profile_preferences") == 1);
  CHECK(t.count("SELECT count(*) FROM profile_preferences WHERE kind = 'block'") == 1);
  CHECK(t.count("SELECT count(*) FROM profile_terms") == terms);
  const Profile p = state->view(kT0, false);
  REQUIRE(p.preferences.size() == 1);
  CHECK(p.preferences[0].target == "religion");
}

TEST_CASE("purge also drops rows applied but not yet saved") {
  TestStore t;
  auto state = load(*t.store);
  state->apply(signal(SignalType::kOrder, kT0, "latte-1", {"drinks/coffee/latte"}), false);
  state->apply(signal(SignalType::kView, kT0, "tea-1", {"drinks/tea"}), false);
  t.exec("BEGIN");
  require_ok(state->purge(*t.store, DataCategory::kPurchases));
  require_ok(state->save(*t.store));
  t.exec("COMMIT");
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE category = 'purchases'") == 0);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE category = 'browsing'") == 2);
}

}  // namespace

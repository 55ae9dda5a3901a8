// Save and load: a fresh load() after a restart sees the same profile;
// save() writes only the rows apply() changed; a rolled-back transaction
// followed by load() (what the engine does) leaves memory matching the store.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "profile_test_util.hpp"

namespace {

using namespace profile_test;
using confidant::PreferenceKind;

std::vector<Signal> a_month(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::vector<std::string> paths = {"drinks/coffee/latte", "drinks/tea", "footwear/running_shoes",
                                          "electronics/camera/batteries", "rooms/suite"};
  const std::vector<SignalType> types = {SignalType::kView,  SignalType::kClick,    SignalType::kOrder,
                                         SignalType::kSearch, SignalType::kPurchase, SignalType::kDismiss,
                                         SignalType::kRate,  SignalType::kVisit};
  std::vector<Signal> out;
  for (int i = 0; i < 300; ++i) {
    const SignalType type = types[rng() % types.size()];
    const std::int64_t at = kT0 - static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(30 * kDay));
    Signal s = signal(type, at, "item-" + std::to_string(rng() % 20), {paths[rng() % paths.size()]},
                      {{"milk", rng() % 4 == 0 ? "whole" : "oat"}});
    if (type == SignalType::kRate) s.rating = 1 + static_cast<std::int64_t>(rng() % 5);
    out.push_back(std::move(s));
  }
  return out;
}

TEST_CASE("a fresh load after a restart sees the same profile") {
  TestStore t;
  auto state = load(*t.store);
  const std::vector<Signal> signals = a_month(42);
  // Several batches, as the engine saves them.
  for (std::size_t from = 0; from < signals.size(); from += 64) {
    ingest(t, *state, {signals.begin() + static_cast<std::ptrdiff_t>(from),
                       signals.begin() + static_cast<std::ptrdiff_t>(std::min(from + 64, signals.size()))});
  }
  t.exec("BEGIN");
  require_ok(state->add_preference(*t.store, PreferenceKind::kLike, target("drinks/tea"), "Earl Grey, hot", kT0));
  require_ok(state->add_preference(*t.store, PreferenceKind::kBlock, target("item:item-3"), "", kT0 + 1));
  t.exec("COMMIT");
  CHECK_FALSE(state->has_unsaved_changes());

  const Profile before = state->view(kT0 + kHour, false);
  REQUIRE_FALSE(before.interests.empty());
  REQUIRE_FALSE(before.usual.empty());
  REQUIRE_FALSE(before.suppressions.empty());

  t.reopen();
  auto reloaded = load(*t.store);
  CHECK(reloaded->terms().size() == state->terms().size());
  CHECK(reloaded->suppressions().rows().size() == state->suppressions().rows().size());
  CHECK(to_json(reloaded->view(kT0 + kHour, false)) == to_json(before));
  CHECK(to_json(reloaded->view(kT0 + 40 * kDay, true)) == to_json(state->view(kT0 + 40 * kDay, true)));
}

TEST_CASE("save writes only what changed") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state, a_month(7));
  CHECK(state->terms().changed_count() == 0);

  state->apply(signal(SignalType::kView, kT0, "item-1", {"drinks/tea"}, {{"milk", "oat"}}), false);
  CHECK(state->terms().changed_count() == 3);  // the item, the path, the attribute
  CHECK(state->has_unsaved_changes());

  // Rows not touched are not rewritten: a stale value planted in one survives the save.
  t.exec("UPDATE profile_terms SET count = 999 WHERE kind = 'category' AND key = 'rooms/suite' AND type = 'visit'");
  t.exec("BEGIN");
  require_ok(state->save(*t.store));
  t.exec("COMMIT");
  CHECK(t.count("SELECT count FROM profile_terms WHERE kind = 'category' AND key = 'rooms/suite' AND type = 'visit'") ==
        999);
  CHECK_FALSE(state->has_unsaved_changes());
}

TEST_CASE("after a rollback, load() matches the store again") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state, {signal(SignalType::kView, kT0, "tea-1", {"drinks/tea"})});
  t.exec("BEGIN");
  state->apply(signal(SignalType::kView, kT0 + 1, "tea-1", {"drinks/tea"}), false);
  require_ok(state->save(*t.store));
  t.exec("ROLLBACK");
  state = load(*t.store);
  CHECK(state->terms().find({TargetKind::kCategory, SignalType::kView, false, "drinks/tea", ""})->count == 1);
}

TEST_CASE("the tables store names, flags and categories readably") {
  TestStore t;
  auto state = load(*t.store);
  ingest(t, *state, {signal(SignalType::kAddToCart, kT0, "bra-1", {"fashion/lingerie"})}, true);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE kind = 'category' AND key = 'fashion/lingerie'"
                " AND value = '' AND type = 'add_to_cart' AND sensitive = 1 AND category = 'browsing'"
                " AND score = 3.0 AND ref_ms = " + std::to_string(kT0) + " AND count = 1") == 1);
  CHECK(t.count("SELECT count(*) FROM profile_terms WHERE kind = 'item' AND key = 'bra-1'") == 1);
}

}  // namespace

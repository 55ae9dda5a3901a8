// The profile is recomputable from the stored signals, so purges are exact:
// the profile the SDK keeps incrementally equals, to the byte, a profile
// rebuilt from nothing but the raw signals it exports, before and after a
// withdrawal.
#include <random>

#include "common/json.hpp"
#include "profile/profile_state.hpp"
#include "profile/schema.hpp"
#include "support/sdk_harness.hpp"
#include "support/test_store.hpp"

using namespace sdk_test;

namespace {

// A profile built from scratch out of the signals of an export document.
std::string rebuilt_profile(const std::string& exported, std::int64_t now_ms) {
  auto doc = json::parse(exported);
  REQUIRE(doc);
  confidant::testing::TestStore scratch(profile::migrations(), "confidant-recompute");
  const profile::Taxonomy& taxonomy = profile::Taxonomy::builtin();
  auto state = profile::ProfileState::load(*scratch.store, taxonomy, profile::ModelParams::defaults());
  REQUIRE(state);
  for (const json::Value& raw : doc->find("signals")->as_array()) {
    auto signal = signal_from_json(json::serialize(raw));
    REQUIRE(signal);
    state.value()->apply(signal.value(), taxonomy.any_sensitive(signal->categories));
  }
  return to_json(state.value()->view(now_ms, false));
}

Signal random_signal(std::mt19937& rng) {
  static const std::vector<std::string> kPaths = {"drinks/coffee/latte", "drinks/tea", "food/pasta",
                                                  "electronics/camera/batteries", "footwear/running_shoes",
                                                  "rooms/high_floor"};
  static const std::vector<SignalType> kTypes = {SignalType::kView,     SignalType::kClick,  SignalType::kAddToCart,
                                                 SignalType::kPurchase, SignalType::kOrder,  SignalType::kDismiss,
                                                 SignalType::kAlreadyHave, SignalType::kVisit, SignalType::kImpression};
  Signal s = signal(kTypes[rng() % kTypes.size()], "item-" + std::to_string(rng() % 12),
                    {kPaths[rng() % kPaths.size()]}, {{"milk", rng() % 3 ? "oat" : "whole"}, {"size", "grande"}});
  if (rng() % 6 == 0) {
    s = search("query " + std::to_string(rng() % 4), {kPaths[rng() % kPaths.size()]});
  } else if (rng() % 8 == 0) {
    s.type = SignalType::kRate;
    s.rating = 1 + static_cast<std::int64_t>(rng() % 5);
  }
  return s;
}

}  // namespace

TEST_CASE("The kept profile equals one rebuilt from the stored signals, before and after each withdrawal") {
  Harness h;
  h.grant({DataCategory::kBrowsing, DataCategory::kSearch, DataCategory::kPurchases, DataCategory::kLocation});
  std::mt19937 rng(20261120);
  for (int i = 0; i < 400; ++i) {
    h.clock->advance(static_cast<std::int64_t>(rng() % (6 * kHourMs)));
    h.track(random_signal(rng));
  }
  h.flush();
  h.clock->advance(kDayMs);
  const auto same = [&] {
    const std::string kept = to_json(h.profile());
    INFO(kept);
    CHECK(kept == rebuilt_profile(h.exported(), h.clock->now_ms()));
  };
  same();
  for (const DataCategory category : {DataCategory::kPurchases, DataCategory::kSearch, DataCategory::kBrowsing}) {
    h.deny({category});
    same();
  }
  h.reopen();
  same();
}

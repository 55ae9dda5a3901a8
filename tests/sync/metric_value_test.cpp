// A metric's true value counts only what share consent allows.
#include <catch2/catch.hpp>

#include "confidant_sync.pb.h"
#include "profile/profile_state.hpp"
#include "profile/schema.hpp"
#include "support/signal_builder.hpp"
#include "support/test_store.hpp"
#include "sync/metric_value.hpp"

namespace {

using namespace confidant;
using confidant::testing::signal;

constexpr std::int64_t kNow = 1'790'000'000'000;

proto::BrandConfig config_with(proto::Metric metric) {
  proto::BrandConfig config;
  proto::TaxonomyNode* node = config.add_taxonomy();
  node->set_path("health");
  node->set_sensitive(true);
  *config.add_metrics() = std::move(metric);
  return config;
}

proto::Metric top_drink() {
  proto::Metric m;
  m.set_id("top_drink");
  m.set_source(proto::TOP_CATEGORY);
  for (const char* member : {"drinks/coffee", "drinks/tea", "health"}) m.add_domain(member);
  m.set_epsilon(2);
  return m;
}

sync::ShareGrants share(std::initializer_list<DataCategory> categories) {
  sync::ShareGrants grants;
  for (DataCategory c : categories)
    grants.states.states[static_cast<std::size_t>(c) * kAllUses.size() + static_cast<std::size_t>(Use::kShare)] =
        ConsentState::kGranted;
  return grants;
}

struct Fixture {
  confidant::testing::TestStore t{profile::migrations(), "confidant-sync-value"};
  profile::ModelParams params;
  std::unique_ptr<profile::ProfileState> profile;
  Fixture() {
    auto loaded = profile::ProfileState::load(*t.store, profile::Taxonomy::builtin(), params);
    REQUIRE(loaded);
    profile = std::move(loaded.value());
  }
};

}  // namespace

TEST_CASE("the top category counts only share-consented data categories") {
  Fixture f;
  // Much browsing of tea; one coffee order.
  for (int i = 0; i < 20; ++i) f.profile->apply(signal(SignalType::kView, kNow - 1000 * i, "tea-" + std::to_string(i), {"drinks/tea/green"}), false);
  f.profile->apply(signal(SignalType::kOrder, kNow - 5000, "latte", {"drinks/coffee/latte"}), false);
  const proto::BrandConfig config = config_with(top_drink());

  auto both = sync::true_value(config.metrics(0), *f.profile, share({DataCategory::kBrowsing, DataCategory::kPurchases}), kNow);
  REQUIRE(both);
  CHECK(both->index == 1);  // tea, rolled up from drinks/tea/green
  CHECK(both->from == sync::mask_of(DataCategory::kBrowsing));

  auto purchases_only = sync::true_value(config.metrics(0), *f.profile, share({DataCategory::kPurchases}), kNow);
  REQUIRE(purchases_only);
  CHECK(purchases_only->index == 0);  // coffee: browsing was not shared
  CHECK(purchases_only->from == sync::mask_of(DataCategory::kPurchases));

  CHECK_FALSE(sync::true_value(config.metrics(0), *f.profile, share({DataCategory::kSearch}), kNow));
  CHECK_FALSE(sync::true_value(config.metrics(0), *f.profile, share({}), kNow));
}

TEST_CASE("a sensitive member or term needs sensitive share consent") {
  Fixture f;
  for (int i = 0; i < 5; ++i) f.profile->apply(signal(SignalType::kView, kNow - i, "vitamins", {"health/pregnancy"}), true);
  f.profile->apply(signal(SignalType::kView, kNow, "tea", {"drinks/tea"}), false);
  const proto::BrandConfig config = config_with(top_drink());

  auto without = sync::true_value(config.metrics(0), *f.profile, share({DataCategory::kBrowsing}), kNow);
  REQUIRE(without);
  CHECK(without->index == 1);  // tea, never health

  auto with = sync::true_value(config.metrics(0), *f.profile, share({DataCategory::kBrowsing, DataCategory::kSensitive}), kNow);
  REQUIRE(with);
  CHECK(with->index == 2);
  CHECK((with->from & sync::mask_of(DataCategory::kSensitive)) != 0);
}

TEST_CASE("an attribute metric answers with the usual value") {
  Fixture f;
  for (int i = 0; i < 4; ++i) f.profile->apply(signal(SignalType::kOrder, kNow - i, "latte", {"drinks/coffee"}, {{"milk", "oat"}}), false);
  f.profile->apply(signal(SignalType::kOrder, kNow, "tea", {"drinks/tea"}, {{"milk", "dairy"}}), false);
  f.profile->apply(signal(SignalType::kOrder, kNow, "x", {"drinks/tea"}, {{"milk", "almond"}}), false);  // not in the domain
  proto::Metric milk;
  milk.set_id("milk");
  milk.set_source(proto::ATTRIBUTE_VALUE);
  milk.set_attribute("milk");
  milk.add_domain("dairy");
  milk.add_domain("oat");
  milk.set_epsilon(1);
  const proto::BrandConfig config = config_with(milk);
  auto value = sync::true_value(config.metrics(0), *f.profile, share({DataCategory::kPurchases}), kNow);
  REQUIRE(value);
  CHECK(value->index == 1);
}

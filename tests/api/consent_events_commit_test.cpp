// The engine tells of a consent change only once its transaction has
// committed: a change whose commit fails (the disk dies mid-transaction,
// tests/support/fault_vfs.hpp) records nothing and notifies nothing, and one
// that commits notifies once, with its ledger numbers.
#include <catch2/catch.hpp>

#include <vector>

#include "api/engine.hpp"
#include "profile/model_params.hpp"
#include "support/fault_vfs.hpp"

using namespace confidant;
using confidant::testing::FaultVfs;

TEST_CASE("engine: a consent change that does not commit notifies nothing; one that does, once") {
  FaultVfs fault("consent-events-fault");
  const auto provider = make_in_memory_key_provider();
  const auto clock = make_fixed_clock(1795161600000);
  api::Published published;
  std::vector<ConsentEvent> events;
  api::EngineConfig config;
  config.dir = "/consent-events";
  config.key_provider = provider.get();
  config.clock = clock.get();
  config.base_vfs = fault.name();
  config.on_consent_changed = [&](std::vector<ConsentEvent> changed) {
    events.insert(events.end(), changed.begin(), changed.end());
  };
  auto opened = api::Engine::open(config, profile::ModelParams::defaults(), published);
  INFO(opened.status().to_string());
  REQUIRE(opened);
  api::Engine& engine = *opened.value();

  REQUIRE(engine.change_consent({DataCategory::kPurchases, DataCategory::kBrowsing}, {Use::kPersonalize},
                                Decision::kGranted, {Source::kUser, "2026-11", ""}));
  REQUIRE(events.size() == 2);
  CHECK(events[0].sequence == 1);
  CHECK(events[1].sequence == 2);
  CHECK(events[1].category == DataCategory::kBrowsing);

  // The disk dies at the next write: the deny (records and purge) rolls back.
  fault.arm_crash_at(fault.ops() + 1);
  CHECK_FALSE(engine.change_consent({DataCategory::kPurchases}, {Use::kPersonalize}, Decision::kWithdrawn,
                                    {Source::kUser, "2026-11", ""}));
  CHECK(events.size() == 2);
  CHECK(engine.consent_states().granted(DataCategory::kPurchases, Use::kPersonalize));
}

// Property: under random interleavings of grants, denials, batches, failing
// purges and restarts, the gate's answer for every pair equals the last
// successful call's (unknown before any), the ledger always verifies, and no
// stored test signal of a withdrawn pair survives its withdrawal.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "consent/gate.hpp"
#include "consent_test_util.hpp"
#include "support/numbered.hpp"

namespace {

using namespace confidant::consent;
using confidant::testing::numbered;
using confidant::ErrorCode;
using confidant::Status;
using confidant::store::Store;
using consent_test::kT0;
using consent_test::provenance;
using consent_test::TestStore;

// Purges a pair's rows from a test table, and fails when told to.
struct Purger {
  bool fail_next = false;
  Status operator()(Store& store, const Withdrawal& w) const {
    auto del = store.prepare("DELETE FROM test_signals WHERE category = ?1 AND use = ?2");
    if (!del) return del.status();
    del->bind(1, name(w.category)).bind(2, name(w.use));
    if (Status st = del->run(); !st) return st;
    if (fail_next) return {ErrorCode::kIo, "injected purge failure"};
    return Status::ok();
  }
};

TEST_CASE("the gate always answers what the last successful call decided") {
  const std::uint32_t seed = GENERATE(1u, 2u, 3u, 20261120u);
  INFO("seed " << seed);
  std::mt19937 random(seed);
  const auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(random) < percent; };
  const auto any_category = [&] { return kAllCategories[std::uniform_int_distribution<std::size_t>(0, 5)(random)]; };
  const auto any_use = [&] { return kAllUses[std::uniform_int_distribution<std::size_t>(0, 1)(random)]; };

  TestStore t;
  t.exec("CREATE TABLE test_signals(category TEXT NOT NULL, use TEXT NOT NULL)");
  Purger purger;
  auto open = [&] {
    auto gate = ConsentGate::open(*t.store);
    REQUIRE(gate);
    return std::move(gate.value());
  };
  auto gate = open();

  StateTable model{};
  model.fill(ConsentState::kUnknown);
  std::int64_t records = 0;
  std::int64_t now = kT0;

  for (int step = 0; step < 250; ++step) {
    INFO("step " << step);
    now += std::uniform_int_distribution<std::int64_t>(-1000, 60000)(random);  // clocks may step back
    if (now < 0) now = 0;

    // A granted pair collects signals, as ingestion would store them.
    for (DataCategory category : kAllCategories) {
      for (Use use : kAllUses) {
        if (model[pair_index(category, use)] == ConsentState::kGranted && chance(30)) {
          t.exec("INSERT INTO test_signals VALUES ('" + std::string(name(category)) + "', '" +
                 std::string(name(use)) + "')");
        }
      }
    }

    std::vector<Choice> choices(chance(20) ? std::uniform_int_distribution<std::size_t>(2, 5)(random) : 1);
    for (Choice& c : choices) c = {any_category(), any_use(), chance(50) ? Decision::kGranted : Decision::kWithdrawn};
    bool has_withdrawal = false;
    for (const Choice& c : choices) has_withdrawal = has_withdrawal || c.decision == Decision::kWithdrawn;
    purger.fail_next = has_withdrawal && chance(10);

    const Status st = consent_test::change(*t.store, *gate, choices, provenance(now, numbered("v", step % 3)),
                                           [&purger](Store& store, const Withdrawal& w) { return purger(store, w); });
    if (purger.fail_next) {
      REQUIRE(st.code() == ErrorCode::kIo);  // rolled back: the model stays as it was
    } else {
      INFO(st.to_string());
      REQUIRE(st);
      for (const Choice& c : choices) model[pair_index(c.category, c.use)] = state_after(c.decision);
      records += static_cast<std::int64_t>(choices.size());
    }

    if (chance(5)) {  // an app restart: everything is re-derived from the ledger
      gate.reset();
      t.reopen();
      gate = open();
    }

    for (DataCategory category : kAllCategories) {
      for (Use use : kAllUses) {
        const ConsentState expected = model[pair_index(category, use)];
        REQUIRE(gate->state(category, use) == expected);
        REQUIRE(gate->allows(category, use) == (expected == ConsentState::kGranted));
        if (expected != ConsentState::kGranted) {
          REQUIRE(t.count("SELECT count(*) FROM test_signals WHERE category = '" + std::string(name(category)) +
                          "' AND use = '" + std::string(name(use)) + "'") == 0);
        }
      }
    }
  }

  auto verification = gate->ledger().verify();
  REQUIRE(verification);
  CHECK(verification->ok());
  CHECK(verification->records == records);
  auto derived = gate->ledger().current_states();
  REQUIRE(derived);
  CHECK(derived.value() == model);
}

}  // namespace

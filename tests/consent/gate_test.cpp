// ConsentGate: every pair starts unknown (denied); grants and denials take
// effect, persist and are re-derived from the ledger; a change is recorded
// inside the caller's transaction and returns its withdrawals, whose purge
// runs in the same transaction, so a failing purge rolls the withdrawal back
// and a succeeding one commits with it; states move only on publish().
#include <catch2/catch.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "consent/gate.hpp"
#include "consent_test_util.hpp"

namespace {

using namespace confidant::consent;
using confidant::ErrorCode;
using confidant::Status;
using confidant::store::Store;
using consent_test::kT0;
using consent_test::provenance;
using consent_test::TestStore;
using consent_test::change;
using consent_test::deny;
using consent_test::grant;

std::unique_ptr<ConsentGate> open_gate(Store& store) {
  auto gate = ConsentGate::open(store);
  INFO(gate.status().to_string());
  REQUIRE(gate);
  return std::move(gate.value());
}

void require_ok(const Status& st) {
  INFO(st.to_string());
  REQUIRE(st);
}

// A stand-in for the signals layer: one table of stored signals by category,
// purged on withdrawal of `personalize`. Passed as the change's purge.
struct FakeSignals {
  std::vector<Withdrawal> calls;
  std::function<Status(Store&, const Withdrawal&)> extra;  // runs after the purge

  static void create(TestStore& t) {
    t.exec("CREATE TABLE test_signals(category TEXT NOT NULL, item TEXT NOT NULL)");
  }
  static void add(TestStore& t, const std::string& category, const std::string& item) {
    t.exec("INSERT INTO test_signals VALUES ('" + category + "', '" + item + "')");
  }

  Status purge(Store& store, const Withdrawal& w) {
    calls.push_back(w);
    if (w.use == Use::kPersonalize) {
      auto del = store.prepare("DELETE FROM test_signals WHERE category = ?1");
      if (!del) return del.status();
      del->bind(1, name(w.category));
      if (Status st = del->run(); !st) return st;
    }
    return extra ? extra(store, w) : Status::ok();
  }
  consent_test::Purge as_purge() {
    return [this](Store& store, const Withdrawal& w) { return purge(store, w); };
  }
};

TEST_CASE("every pair starts unknown, which allows nothing") {
  TestStore t;
  auto gate = open_gate(*t.store);
  for (DataCategory category : kAllCategories) {
    for (Use use : kAllUses) {
      CHECK(gate->state(category, use) == ConsentState::kUnknown);
      CHECK_FALSE(gate->allows(category, use));
    }
  }
  for (ConsentState state : gate->states()) CHECK(state == ConsentState::kUnknown);
}

TEST_CASE("grant allows exactly its pair, deny takes it back") {
  TestStore t;
  auto gate = open_gate(*t.store);
  require_ok(grant(*t.store, *gate, DataCategory::kPurchases, Use::kPersonalize, provenance(kT0)));
  CHECK(gate->allows(DataCategory::kPurchases, Use::kPersonalize));
  CHECK(gate->state(DataCategory::kPurchases, Use::kPersonalize) == ConsentState::kGranted);
  CHECK_FALSE(gate->allows(DataCategory::kPurchases, Use::kShare));
  CHECK_FALSE(gate->allows(DataCategory::kBrowsing, Use::kPersonalize));

  require_ok(deny(*t.store, *gate, DataCategory::kPurchases, Use::kPersonalize, provenance(kT0 + 1)));
  CHECK_FALSE(gate->allows(DataCategory::kPurchases, Use::kPersonalize));
  CHECK(gate->state(DataCategory::kPurchases, Use::kPersonalize) == ConsentState::kDenied);
  CHECK(gate->state(DataCategory::kPurchases, Use::kShare) == ConsentState::kUnknown);

  auto records = gate->ledger().records();
  REQUIRE(records);
  REQUIRE(records->size() == 2);
  CHECK(records.value()[0].decision == Decision::kGranted);
  CHECK(records.value()[1].decision == Decision::kWithdrawn);
  CHECK(records.value()[1].at_unix_ms == kT0 + 1);
}

TEST_CASE("the latest record wins, also when times go backwards, and survives a restart") {
  TestStore t;
  {
    auto gate = open_gate(*t.store);
    require_ok(grant(*t.store, *gate, DataCategory::kSearch, Use::kShare, provenance(kT0)));
    require_ok(deny(*t.store, *gate, DataCategory::kSearch, Use::kShare, provenance(kT0 + 10)));
    // The device clock was set back: the later call still wins.
    require_ok(grant(*t.store, *gate, DataCategory::kSearch, Use::kShare, provenance(kT0 - 5000)));
    require_ok(deny(*t.store, *gate, DataCategory::kLocation, Use::kPersonalize, provenance(kT0, "2026-11", Source::kAppDefault)));
    require_ok(grant(*t.store, *gate, DataCategory::kLocation, Use::kPersonalize, provenance(kT0 + 20)));
    require_ok(grant(*t.store, *gate, DataCategory::kLocation, Use::kPersonalize, provenance(kT0 + 30, "2027-01")));
    CHECK(gate->allows(DataCategory::kSearch, Use::kShare));
    CHECK(gate->allows(DataCategory::kLocation, Use::kPersonalize));
  }
  t.reopen();
  auto gate = open_gate(*t.store);
  CHECK(gate->allows(DataCategory::kSearch, Use::kShare));
  CHECK(gate->allows(DataCategory::kLocation, Use::kPersonalize));
  CHECK(gate->state(DataCategory::kSearch, Use::kPersonalize) == ConsentState::kUnknown);
  // Repeating a grant is recorded (re-consent under a new policy version).
  CHECK(t.count("SELECT count(*) FROM consent_ledger") == 6);
  auto v = gate->ledger().verify();
  REQUIRE(v);
  CHECK(v->ok());
}

TEST_CASE("apply records a batch in one transaction") {
  TestStore t;
  auto gate = open_gate(*t.store);
  std::vector<Choice> choices;
  for (DataCategory category : {DataCategory::kPurchases, DataCategory::kBrowsing}) {
    for (Use use : kAllUses) choices.push_back({category, use, Decision::kGranted});
  }
  choices.push_back({DataCategory::kBrowsing, Use::kShare, Decision::kWithdrawn});
  require_ok(change(*t.store, *gate, choices, provenance()));
  CHECK(gate->allows(DataCategory::kPurchases, Use::kShare));
  CHECK(gate->allows(DataCategory::kBrowsing, Use::kPersonalize));
  CHECK_FALSE(gate->allows(DataCategory::kBrowsing, Use::kShare));
  CHECK(t.count("SELECT count(*) FROM consent_ledger") == 5);

  SECTION("an empty batch or bad provenance writes nothing") {
    const Status empty = change(*t.store, *gate, {}, provenance());
    CHECK(empty.code() == ErrorCode::kInvalidArgument);
    CHECK(empty.message() == "choices: empty");
    const Status bad = deny(*t.store, *gate, DataCategory::kPurchases, Use::kShare, provenance(kT0, ""));
    CHECK(bad.message() == "policy_version: empty");
    const Choice invalid{DataCategory::kPurchases, static_cast<Use>(9), Decision::kGranted};
    CHECK(change(*t.store, *gate, std::span(&invalid, 1), provenance()).message() == "choices[0].use: invalid value");
    CHECK(gate->allows(DataCategory::kPurchases, Use::kShare));
    CHECK(t.count("SELECT count(*) FROM consent_ledger") == 5);
  }
}

TEST_CASE("a withdrawal purges inside its transaction, before the call returns") {
  TestStore t;
  FakeSignals::create(t);
  auto gate = open_gate(*t.store);
  FakeSignals signals;
  require_ok(grant(*t.store, *gate, DataCategory::kPurchases, Use::kPersonalize, provenance(), signals.as_purge()));
  CHECK(signals.calls.empty());  // a grant withdraws nothing
  FakeSignals::add(t, "purchases", "battery-1");
  FakeSignals::add(t, "purchases", "camera-2");
  FakeSignals::add(t, "browsing", "lens-3");

  bool inside_transaction = false;
  std::string visible_decision;
  signals.extra = [&](Store& store, const Withdrawal& w) {
    // A nested BEGIN fails only while a transaction is open.
    const Status begin = store.exec("BEGIN");
    inside_transaction = !begin && begin.message().find("within a transaction") != std::string::npos;
    auto record = store.prepare("SELECT decision FROM consent_ledger WHERE seq = ?1");
    if (!record) return record.status();
    record->bind(1, w.seq);
    auto row = record->step();
    if (row && row.value()) visible_decision = record->column_text(0);
    return Status::ok();
  };

  require_ok(deny(*t.store, *gate, DataCategory::kPurchases, Use::kPersonalize, provenance(kT0 + 1),
                  signals.as_purge()));
  CHECK(inside_transaction);
  CHECK(visible_decision == "withdrawn");  // the purge sees its record
  REQUIRE(signals.calls.size() == 1);
  CHECK(signals.calls[0].category == DataCategory::kPurchases);
  CHECK(signals.calls[0].use == Use::kPersonalize);
  CHECK(signals.calls[0].previous == ConsentState::kGranted);
  CHECK(signals.calls[0].seq == 2);
  CHECK(t.count("SELECT count(*) FROM test_signals WHERE category = 'purchases'") == 0);
  CHECK(t.count("SELECT count(*) FROM test_signals") == 1);

  // Durable: the purge and the record are both there after a restart.
  gate.reset();
  t.reopen();
  gate = open_gate(*t.store);
  CHECK(gate->state(DataCategory::kPurchases, Use::kPersonalize) == ConsentState::kDenied);
  CHECK(t.count("SELECT count(*) FROM test_signals WHERE category = 'purchases'") == 0);
}

TEST_CASE("a failing purge rolls the withdrawal back: the pair stays granted") {
  TestStore t;
  FakeSignals::create(t);
  auto gate = open_gate(*t.store);
  FakeSignals purger;
  FakeSignals failing;
  // Two layers purge in turn, the second failing: the first's purge must go too.
  const consent_test::Purge both = [&](Store& store, const Withdrawal& w) {
    if (Status st = purger.purge(store, w); !st) return st;
    return failing.purge(store, w);
  };
  require_ok(grant(*t.store, *gate, DataCategory::kPurchases, Use::kPersonalize, provenance()));
  FakeSignals::add(t, "purchases", "battery-1");
  const auto head_before = gate->ledger().head().value();

  SECTION("by returning an error") {
    failing.extra = [](Store&, const Withdrawal&) { return Status{ErrorCode::kIo, "disk full"}; };
    const Status st = deny(*t.store, *gate, DataCategory::kPurchases, Use::kPersonalize, provenance(kT0 + 1), both);
    CHECK(st.code() == ErrorCode::kIo);
    CHECK(st.message() == "withdrawal of purchases/personalize not purged: disk full");
  }
  SECTION("by throwing") {
    failing.extra = [](Store&, const Withdrawal&) -> Status { throw std::runtime_error("boom"); };
    const Status st = deny(*t.store, *gate, DataCategory::kPurchases, Use::kPersonalize, provenance(kT0 + 1), both);
    CHECK(st.code() == ErrorCode::kInternal);
    CHECK_THAT(st.message(), Catch::Contains("boom"));
  }
  SECTION("in the middle of a batch: the earlier choices of the batch are undone too") {
    failing.extra = [](Store&, const Withdrawal& w) {
      return w.category == DataCategory::kPurchases ? Status{ErrorCode::kIo, "disk full"} : Status::ok();
    };
    const std::vector<Choice> batch = {{DataCategory::kSearch, Use::kShare, Decision::kGranted},
                                       {DataCategory::kPurchases, Use::kPersonalize, Decision::kWithdrawn}};
    CHECK(change(*t.store, *gate, batch, provenance(kT0 + 1), both).code() == ErrorCode::kIo);
    CHECK(gate->state(DataCategory::kSearch, Use::kShare) == ConsentState::kUnknown);
  }

  CHECK(gate->allows(DataCategory::kPurchases, Use::kPersonalize));
  // The first layer's purge was rolled back with the record.
  CHECK(t.count("SELECT count(*) FROM test_signals WHERE category = 'purchases'") == 1);
  CHECK(gate->ledger().head().value().seq == head_before.seq);
  CHECK(gate->ledger().verify().value().ok());
  // The store is usable afterwards (no transaction left open) and agrees.
  CHECK(open_gate(*t.store)->allows(DataCategory::kPurchases, Use::kPersonalize));
  failing.extra = nullptr;
  require_ok(deny(*t.store, *gate, DataCategory::kPurchases, Use::kPersonalize, provenance(kT0 + 2), both));
  CHECK_FALSE(gate->allows(DataCategory::kPurchases, Use::kPersonalize));
  CHECK(t.count("SELECT count(*) FROM test_signals") == 0);
}

TEST_CASE("record returns every withdrawal with the previous state, in the order of the choices") {
  TestStore t;
  FakeSignals::create(t);
  auto gate = open_gate(*t.store);
  FakeSignals heard;
  require_ok(deny(*t.store, *gate, DataCategory::kSensitive, Use::kShare, provenance(kT0, "2026-11", Source::kAppDefault),
                  heard.as_purge()));
  REQUIRE(heard.calls.size() == 1);
  CHECK(heard.calls[0].previous == ConsentState::kUnknown);

  require_ok(deny(*t.store, *gate, DataCategory::kSensitive, Use::kShare, provenance(kT0 + 1), heard.as_purge()));
  CHECK(heard.calls.back().previous == ConsentState::kDenied);

  // Within one batch, "previous" follows the batch's own earlier choices,
  // and the withdrawals come in the order of the choices, grants skipped.
  const std::vector<Choice> batch = {{DataCategory::kSearch, Use::kShare, Decision::kGranted},
                                     {DataCategory::kSearch, Use::kShare, Decision::kWithdrawn},
                                     {DataCategory::kLocation, Use::kPersonalize, Decision::kWithdrawn}};
  require_ok(change(*t.store, *gate, batch, provenance(kT0 + 2), heard.as_purge()));
  REQUIRE(heard.calls.size() == 4);
  CHECK(heard.calls[2].category == DataCategory::kSearch);
  CHECK(heard.calls[2].previous == ConsentState::kGranted);
  CHECK(heard.calls[3].category == DataCategory::kLocation);
  CHECK(heard.calls[3].previous == ConsentState::kUnknown);
  CHECK(heard.calls[3].seq == heard.calls[2].seq + 1);
}

TEST_CASE("a recorded change takes effect only when published, after its transaction commits") {
  TestStore t;
  auto gate = open_gate(*t.store);
  const Choice choice{DataCategory::kSearch, Use::kPersonalize, Decision::kGranted};
  Change recorded;
  // Rolled back: never published, and the ledger is as before.
  const Status rolled_back = t.store->transaction([&]() -> Status {
    auto made = gate->record(std::span(&choice, 1), provenance());
    if (!made) return made.status();
    CHECK_FALSE(gate->allows(DataCategory::kSearch, Use::kPersonalize));  // not before publish
    recorded = made.value();
    return Status{ErrorCode::kIo, "the caller's purge failed"};
  });
  CHECK(rolled_back.code() == ErrorCode::kIo);
  CHECK(recorded.states[pair_index(DataCategory::kSearch, Use::kPersonalize)] == ConsentState::kGranted);
  CHECK_FALSE(gate->allows(DataCategory::kSearch, Use::kPersonalize));
  CHECK(t.count("SELECT count(*) FROM consent_ledger") == 0);
  // Committed, then published.
  require_ok(t.store->transaction([&]() -> Status {
    auto made = gate->record(std::span(&choice, 1), provenance());
    if (!made) return made.status();
    recorded = made.value();
    return Status::ok();
  }));
  CHECK_FALSE(gate->allows(DataCategory::kSearch, Use::kPersonalize));
  gate->publish(recorded);
  CHECK(gate->allows(DataCategory::kSearch, Use::kPersonalize));
}

TEST_CASE("a change outside a transaction is refused, writing nothing") {
  TestStore t;
  auto gate = open_gate(*t.store);
  const Choice choice{DataCategory::kSearch, Use::kPersonalize, Decision::kGranted};
  auto refused = gate->record(std::span(&choice, 1), provenance());
  REQUIRE_FALSE(refused);
  CHECK(refused.status().code() == ErrorCode::kInternal);
  CHECK_THAT(refused.status().message(), Catch::Contains("no transaction open"));
  CHECK(t.count("SELECT count(*) FROM consent_ledger") == 0);
  CHECK_FALSE(gate->allows(DataCategory::kSearch, Use::kPersonalize));
  // And a transaction does not nest: a change inside another is refused too.
  const Status nested = t.store->transaction([&] { return grant(*t.store, *gate, DataCategory::kSearch, Use::kPersonalize, provenance()); });
  CHECK(nested.code() == ErrorCode::kInternal);
  CHECK_THAT(nested.message(), Catch::Contains("do not nest"));
  CHECK(t.count("SELECT count(*) FROM consent_ledger") == 0);
  require_ok(grant(*t.store, *gate, DataCategory::kSearch, Use::kPersonalize, provenance()));
  CHECK(gate->allows(DataCategory::kSearch, Use::kPersonalize));
}

TEST_CASE("a gate over a ledger that no longer parses refuses to open") {
  TestStore t;
  {
    auto gate = open_gate(*t.store);
    require_ok(grant(*t.store, *gate, DataCategory::kSearch, Use::kPersonalize, provenance()));
  }
  t.exec("DROP TRIGGER consent_ledger_no_update; UPDATE consent_ledger SET decision = 'yes'");
  auto gate = ConsentGate::open(*t.store);
  REQUIRE_FALSE(gate);
  CHECK(gate.status().code() == ErrorCode::kTampered);
  CHECK(gate.status().message() == "consent ledger seq 1: decision: unknown value 'yes'");
}

TEST_CASE("when the states cannot be read the gate is closed, and re-reads before the next change") {
  TestStore t;
  FakeSignals::create(t);
  auto gate = open_gate(*t.store);
  FakeSignals signals;
  require_ok(grant(*t.store, *gate, DataCategory::kSearch, Use::kPersonalize, provenance(), signals.as_purge()));
  t.exec("DROP TRIGGER consent_ledger_no_update; UPDATE consent_ledger SET decision = 'yes' WHERE seq = 1");

  CHECK(gate->reload().code() == ErrorCode::kTampered);
  CHECK_FALSE(gate->allows(DataCategory::kSearch, Use::kPersonalize));  // closed, not open
  const Status refused =
      deny(*t.store, *gate, DataCategory::kSearch, Use::kPersonalize, provenance(kT0 + 1), signals.as_purge());
  CHECK(refused.code() == ErrorCode::kTampered);
  CHECK(signals.calls.empty());
  CHECK(t.count("SELECT count(*) FROM consent_ledger") == 1);

  t.exec("UPDATE consent_ledger SET decision = 'granted' WHERE seq = 1");
  require_ok(deny(*t.store, *gate, DataCategory::kSearch, Use::kPersonalize, provenance(kT0 + 1), signals.as_purge()));
  REQUIRE(signals.calls.size() == 1);
  CHECK(signals.calls[0].previous == ConsentState::kGranted);  // the truth, not the closed table
  CHECK(gate->state(DataCategory::kSearch, Use::kPersonalize) == ConsentState::kDenied);
}

}  // namespace

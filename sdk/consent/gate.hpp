// ConsentGate: the SDK's single answer to "may this data be used for that?",
// and the only way consent changes.
//
// The gate derives the state of every (category, use) pair from the ledger
// (the latest record wins; no record means kUnknown, which behaves as denied)
// and keeps it in memory. A change is a protocol in three steps, because the
// purge a withdrawal causes belongs to the layers that keep the data, and the
// transaction to whoever owns them all (the SDK's engine):
//
//   store.transaction([&] {
//     auto change = gate.record(choices, provenance);  // ledger records
//     for (const Withdrawal& w : change->withdrawals) purge(w);  // the caller's
//     return ...;
//   });
//   if committed: gate.publish(change)  // the new states take effect
//
// So a withdrawal that returns ok has durably purged, and a purge that fails
// rolls the records back with it (the pairs keep their states: publish() is
// never called). The gate calls nobody.
//
// Thread-safety: the SDK's worker owns the gate: open(), record(), publish()
// and reload() are called from that thread only (they use the Store, which
// is single-threaded). allows(), state() and states() read one atomic word
// and may be called from any thread, e.g. from track() on the host's thread
// to drop a signal early; such an answer may be one change behind a
// concurrent deny, so the worker checks again before it stores anything (it
// runs after the deny, in order).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "confidant/status.hpp"
#include "consent/ledger.hpp"
#include "consent/types.hpp"
#include "store/store.hpp"

namespace confidant::consent {

// One change asked of the gate.
struct Choice {
  DataCategory category = DataCategory::kPreferences;
  Use use = Use::kPersonalize;
  Decision decision = Decision::kWithdrawn;
};

// One withdrawal a change recorded: what the caller must purge.
struct Withdrawal {
  DataCategory category = DataCategory::kPreferences;
  Use use = Use::kPersonalize;
  // The pair's state before this withdrawal (within a batch, after the
  // batch's earlier choices). Purge whatever it was: purging is idempotent,
  // and a deny of an unknown pair must leave nothing behind either.
  ConsentState previous = ConsentState::kUnknown;
  std::int64_t seq = 0;  // its ledger record (visible inside the transaction)
};

// What record() wrote, for the caller to act on and then publish().
struct Change {
  std::vector<Withdrawal> withdrawals;  // in the order of the choices
  StateTable states{};                  // every pair after the change
  std::vector<std::int64_t> seqs;       // each choice's ledger record, in the order of the choices
};

class ConsentGate {
 public:
  // Loads the current states from the ledger in `store` (which must hold the
  // consent tables, see schema.hpp, and outlive the gate). Does not verify the
  // chain (linear cost); the SDK calls ledger().verify() when it wants to.
  static Result<std::unique_ptr<ConsentGate>> open(store::Store& store);

  ConsentGate(const ConsentGate&) = delete;
  ConsentGate& operator=(const ConsentGate&) = delete;
  ~ConsentGate() = default;

  // true only when the pair's latest published decision is a grant. Any thread.
  bool allows(DataCategory category, Use use) const noexcept;
  ConsentState state(DataCategory category, Use use) const noexcept;
  StateTable states() const noexcept;

  // Appends one ledger record per choice, in order, all with `provenance`,
  // inside the caller's open transaction (Store::transaction; the gate
  // never begins, commits or rolls back). Every choice is recorded, even one
  // that repeats the current state (re-consent under a new policy version is
  // worth a record). Errors: kInvalidArgument (empty `choices`, bad
  // provenance: nothing is written), kInternal when no transaction is open,
  // or the store's. states() does not move until publish().
  Result<Change> record(std::span<const Choice> choices, const Provenance& provenance);

  // Makes a committed change's states the gate's. Call only after the
  // transaction that record()ed it has committed.
  void publish(const Change& change) noexcept;

  // Re-derives the states from the ledger (after the store was changed by
  // other means, e.g. tests or a restore).
  Status reload();

  // For reading: records(), verify(), head(), receipts. Appending through it
  // directly would leave states() stale (reload()).
  Ledger& ledger() { return ledger_; }

 private:
  explicit ConsentGate(store::Store& store) : store_(store), ledger_(store) {}

  store::Store& store_;
  Ledger ledger_;
  // 0 = all unknown, which is also what a failed reload leaves: closed, never open.
  std::atomic<PackedStates> packed_{0};
  bool loaded_ = false;  // packed_ holds the ledger's states (false after a failed reload)
};

}  // namespace confidant::consent

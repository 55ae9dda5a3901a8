// ConsentGate: the SDK's single answer to "may this data be used for that?",
// and the only way consent changes.
//
// The gate derives the state of every (category, use) pair from the ledger
// (the latest record wins; no record means kUnknown, which behaves as denied)
// and keeps it in memory. grant()/deny()/apply() append to the ledger and run
// the withdrawal listeners in one store transaction: either the records, and
// every purge the listeners made, are committed together, or nothing is.
//
// Purging is not the gate's job. Layers that keep data derived from a
// category (signals, profile, sync's outbox) register a WithdrawalListener;
// it is called inside the transaction, before commit, so a withdrawal that
// returns ok has durably purged, and a listener that fails undoes the
// withdrawal (the pair stays as it was).
//
// Thread-safety: the SDK's worker owns the gate: open(), grant(), deny(),
// apply(), reload() and the listener registry are called from that thread
// only (they use the Store, which is single-threaded). allows(), state() and
// states() read one atomic word and may be called from any thread, e.g. from
// track() on the host's thread to drop a signal early; such an answer may be
// one change behind a concurrent deny, so the worker checks again before it
// stores anything (it runs after the deny, in order). Listeners are called on
// the worker, inside the transaction, with no lock of the gate held.
#pragma once

#include <array>
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

// What a WithdrawalListener is told.
struct Withdrawal {
  DataCategory category = DataCategory::kPreferences;
  Use use = Use::kPersonalize;
  // The pair's state before this withdrawal. Listeners are called whatever it
  // was (purging is idempotent, and a deny of an unknown pair must leave
  // nothing behind either); they may skip work when it was not kGranted.
  ConsentState previous = ConsentState::kUnknown;
  std::int64_t seq = 0;  // the ledger record just appended (visible to the listener's queries)
};

class WithdrawalListener {
 public:
  virtual ~WithdrawalListener() = default;
  // Deletes what the withdrawn pair no longer allows, through `store`, inside
  // the gate's open transaction: never BEGIN, COMMIT or ROLLBACK here
  // (SAVEPOINTs are fine). A non-ok Status (or an exception) rolls the whole
  // change back; the gate returns that Status and the pair keeps its state.
  virtual Status on_withdrawal(store::Store& store, const Withdrawal& withdrawal) = 0;
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

  // true only when the pair's latest decision is a grant. Any thread.
  bool allows(DataCategory category, Use use) const noexcept;
  ConsentState state(DataCategory category, Use use) const noexcept;
  StateTable states() const noexcept;

  // One record each; see apply().
  Status grant(DataCategory category, Use use, const Provenance& provenance);
  Status deny(DataCategory category, Use use, const Provenance& provenance);

  // Appends one ledger record per choice, in order, all with `provenance`,
  // and calls the listeners for each withdrawal right after its record; then
  // commits. Every choice is recorded, even one that repeats the current
  // state (re-consent under a new policy version is worth a record).
  // Errors: kInvalidArgument (empty `choices`, bad provenance: nothing is
  // written), the listener's Status, or the store's (kIo, kBusy when a
  // transaction is already open ...). On any error nothing was committed and
  // states() is unchanged.
  Status apply(std::span<const Choice> choices, const Provenance& provenance);

  // Re-derives the states from the ledger (after the store was changed by
  // other means, e.g. tests or a restore).
  Status reload();

  // Not owned; must stay alive while registered. Called in registration order.
  void add_listener(WithdrawalListener& listener);
  void remove_listener(WithdrawalListener& listener);

  // For reading: records(), verify(), head(), receipts. Appending through it
  // directly would bypass the listeners and leave states() stale (reload()).
  Ledger& ledger() { return ledger_; }

 private:
  explicit ConsentGate(store::Store& store) : store_(store), ledger_(store) {}
  Status run_listeners(const Withdrawal& withdrawal);
  static std::uint32_t pack(const StateTable& states) noexcept;
  static StateTable unpack(std::uint32_t packed) noexcept;

  store::Store& store_;
  Ledger ledger_;
  std::vector<WithdrawalListener*> listeners_;
  // Two bits per pair (ConsentState), pair_index() order. 0 = all unknown,
  // which is also what a failed reload leaves: closed, never open.
  std::atomic<std::uint32_t> packed_{0};
  bool loaded_ = false;  // packed_ holds the ledger's states (false after a failed reload)
};

}  // namespace confidant::consent

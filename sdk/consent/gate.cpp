#include "consent/gate.hpp"

#include <algorithm>
#include <exception>
#include <string>

namespace confidant::consent {

static_assert(kPairCount * 2 <= 32, "the packed state table must fit one atomic word");

std::uint32_t ConsentGate::pack(const StateTable& states) noexcept {
  std::uint32_t packed = 0;
  for (std::size_t i = 0; i < states.size(); ++i) packed |= static_cast<std::uint32_t>(states[i]) << (2 * i);
  return packed;
}

StateTable ConsentGate::unpack(std::uint32_t packed) noexcept {
  StateTable states{};
  for (std::size_t i = 0; i < states.size(); ++i) states[i] = static_cast<ConsentState>((packed >> (2 * i)) & 3u);
  return states;
}

Result<std::unique_ptr<ConsentGate>> ConsentGate::open(store::Store& store) {
  std::unique_ptr<ConsentGate> gate(new ConsentGate(store));
  if (Status st = gate->reload(); !st) return st;
  return gate;
}

ConsentState ConsentGate::state(DataCategory category, Use use) const noexcept {
  const std::size_t index = pair_index(category, use);
  if (index >= kPairCount) return ConsentState::kUnknown;
  return static_cast<ConsentState>((packed_.load(std::memory_order_acquire) >> (2 * index)) & 3u);
}

bool ConsentGate::allows(DataCategory category, Use use) const noexcept {
  return state(category, use) == ConsentState::kGranted;
}

StateTable ConsentGate::states() const noexcept { return unpack(packed_.load(std::memory_order_acquire)); }

Status ConsentGate::grant(DataCategory category, Use use, const Provenance& provenance) {
  const Choice choice{category, use, Decision::kGranted};
  return apply(std::span(&choice, 1), provenance);
}

Status ConsentGate::deny(DataCategory category, Use use, const Provenance& provenance) {
  const Choice choice{category, use, Decision::kWithdrawn};
  return apply(std::span(&choice, 1), provenance);
}

Status ConsentGate::reload() {
  auto loaded = ledger_.current_states();
  if (!loaded) {
    packed_.store(0, std::memory_order_release);  // fail closed
    loaded_ = false;
    return loaded.status();
  }
  packed_.store(pack(loaded.value()), std::memory_order_release);
  loaded_ = true;
  return Status::ok();
}

Status ConsentGate::run_listeners(const Withdrawal& withdrawal) {
  // A copy: a listener may (un)register listeners without disturbing this loop.
  const std::vector<WithdrawalListener*> listeners = listeners_;
  for (WithdrawalListener* listener : listeners) {
    Status st;
    try {
      st = listener->on_withdrawal(store_, withdrawal);
    } catch (const std::exception& e) {
      st = Status{ErrorCode::kInternal, std::string("withdrawal listener threw: ") + e.what()};
    } catch (...) {
      st = Status{ErrorCode::kInternal, "withdrawal listener threw a non-standard exception"};
    }
    if (!st) {
      return {st.code(), "withdrawal of " + std::string(name(withdrawal.category)) + "/" +
                             std::string(name(withdrawal.use)) + " not purged: " + st.message()};
    }
  }
  return Status::ok();
}

Status ConsentGate::apply(std::span<const Choice> choices, const Provenance& provenance) {
  if (choices.empty()) return {ErrorCode::kInvalidArgument, "choices: empty"};
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const Choice& c = choices[i];
    const std::string at = "choices[" + std::to_string(i) + "].";
    if (name(c.category) == "invalid") return {ErrorCode::kInvalidArgument, at + "category: invalid value"};
    if (name(c.use) == "invalid") return {ErrorCode::kInvalidArgument, at + "use: invalid value"};
    if (name(c.decision) == "invalid") return {ErrorCode::kInvalidArgument, at + "decision: invalid value"};
  }
  if (Status st = validate(provenance); !st) return st;
  // After a failed reload the table is closed (all unknown), not the truth:
  // listeners must be told the real previous states.
  if (!loaded_) {
    if (Status st = reload(); !st) return st;
  }

  if (Status st = store_.exec("BEGIN IMMEDIATE"); !st) {
    return {st.code(), "consent change cannot start its transaction: " + st.message()};
  }
  StateTable working = states();
  Status outcome;
  try {
    for (const Choice& c : choices) {
      auto record = ledger_.append(c.category, c.use, c.decision, provenance);
      if (!record) {
        outcome = record.status();
        break;
      }
      ConsentState& slot = working[pair_index(c.category, c.use)];
      const ConsentState previous = slot;
      slot = state_after(c.decision);
      if (c.decision == Decision::kWithdrawn) {
        outcome = run_listeners(Withdrawal{c.category, c.use, previous, record->seq});
        if (!outcome) break;
      }
    }
    if (outcome) outcome = store_.exec("COMMIT");
  } catch (const std::exception& e) {
    outcome = Status{ErrorCode::kInternal, std::string("consent change failed: ") + e.what()};
  }
  if (!outcome) {
    // Undo whatever part was written. Ignored: when COMMIT failed, SQLite may
    // already have rolled back; either way the reload below tells the truth.
    (void)store_.exec("ROLLBACK");
    if (Status st = reload(); !st) {
      return {outcome.code(), outcome.message() + " (and the consent state could not be re-read: " +
                                  st.message() + "; every pair answers denied until it can)"};
    }
    return outcome;
  }
  packed_.store(pack(working), std::memory_order_release);
  return Status::ok();
}

void ConsentGate::add_listener(WithdrawalListener& listener) {
  if (std::find(listeners_.begin(), listeners_.end(), &listener) == listeners_.end()) {
    listeners_.push_back(&listener);
  }
}

void ConsentGate::remove_listener(WithdrawalListener& listener) {
  listeners_.erase(std::remove(listeners_.begin(), listeners_.end(), &listener), listeners_.end());
}

}  // namespace confidant::consent

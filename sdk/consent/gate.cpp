#include "consent/gate.hpp"

#include <string>

namespace confidant::consent {

Result<std::unique_ptr<ConsentGate>> ConsentGate::open(store::Store& store) {
  std::unique_ptr<ConsentGate> gate(new ConsentGate(store));
  if (Status st = gate->reload(); !st) return st;
  return gate;
}

ConsentState ConsentGate::state(DataCategory category, Use use) const noexcept {
  return state_in(packed_.load(std::memory_order_acquire), pair_index(category, use));
}

bool ConsentGate::allows(DataCategory category, Use use) const noexcept {
  return state(category, use) == ConsentState::kGranted;
}

StateTable ConsentGate::states() const noexcept { return unpack(packed_.load(std::memory_order_acquire)); }

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

Result<Change> ConsentGate::record(std::span<const Choice> choices, const Provenance& provenance) {
  if (choices.empty()) return Status{ErrorCode::kInvalidArgument, "choices: empty"};
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const Choice& c = choices[i];
    const std::string at = "choices[" + std::to_string(i) + "].";
    if (name(c.category) == "invalid") return Status{ErrorCode::kInvalidArgument, at + "category: invalid value"};
    if (name(c.use) == "invalid") return Status{ErrorCode::kInvalidArgument, at + "use: invalid value"};
    if (name(c.decision) == "invalid") return Status{ErrorCode::kInvalidArgument, at + "decision: invalid value"};
  }
  if (Status st = validate(provenance); !st) return st;
  // Outside a transaction each record would commit on its own: a batch
  // half-written, a withdrawal durable before its purge.
  if (!store_.in_transaction()) {
    return Status{ErrorCode::kInternal, "consent change: no transaction open (run it in Store::transaction)"};
  }
  // After a failed reload the table is closed (all unknown), not the truth:
  // the caller must be told the real previous states.
  if (!loaded_) {
    if (Status st = reload(); !st) return st;
  }
  Change change;
  change.states = states();
  for (const Choice& c : choices) {
    auto appended = ledger_.append(c.category, c.use, c.decision, provenance);
    if (!appended) return appended.status();
    change.seqs.push_back(appended->seq);
    ConsentState& slot = change.states[pair_index(c.category, c.use)];
    const ConsentState previous = slot;
    slot = state_after(c.decision);
    if (c.decision == Decision::kWithdrawn) change.withdrawals.push_back({c.category, c.use, previous, appended->seq});
  }
  return change;
}

void ConsentGate::publish(const Change& change) noexcept {
  packed_.store(pack(change.states), std::memory_order_release);
}

}  // namespace confidant::consent

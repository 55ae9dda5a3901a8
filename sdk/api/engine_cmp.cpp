// Engine::apply_cmp: a CMP's state, planned on the caller's thread
// (consent/cmp/plan.hpp), recorded through the ledger like any consent
// change, unless it is the state applied last.
//
// "Applied last" is read from the ledger itself: the latest record whose
// source is "cmp" carries the hash of the state it came from. So the rule
// "a later choice by the person wins until the CMP's state changes" needs no
// state of its own, survives restarts, and is visible in every receipt.
#include "api/engine.hpp"

namespace confidant::api {

Result<CmpOutcome> Engine::apply_cmp(const consent::cmp::CmpPlan& plan) {
  if (!store_) return Status::closed("the SDK is closed");
  CmpOutcome outcome;
  outcome.cmp_hash = plan.cmp_hash;
  outcome.policy_version = plan.policy_version;
  for (std::size_t i = 0; i < plan.decisions.size(); ++i) {
    const auto& decision = plan.decisions[i];
    outcome.decisions[i] = !decision                               ? CmpDecision::kNone
                           : *decision == Decision::kGranted ? CmpDecision::kGranted
                                                             : CmpDecision::kWithdrawn;
  }
  const consent::Provenance provenance{Source::kCmp, now(), plan.policy_version, plan.cmp_hash};
  consent::Change change;
  Status st = in_transaction([&]() -> Status {
    auto last = gate_->ledger().latest_from(Source::kCmp);
    if (!last) return last.status();
    if (last.value() && last.value()->text_hash == plan.cmp_hash) return Status::ok();  // unchanged
    if (plan.choices.empty()) return Status::ok();  // decides nothing (GDPR does not apply)
    auto recorded = record_consent(plan.choices, provenance);
    if (!recorded) return recorded.status();
    change = std::move(recorded.value());
    outcome.applied = true;
    return Status::ok();
  });
  if (st && outcome.applied) gate_->publish(change);
  publish();
  if (!st) return st;
  outcome.states = consent_states();
  return outcome;
}

}  // namespace confidant::api

// Syncer: holdout experiments (docs/sync.md, "Experiments"). The arm is drawn
// on the device, once per experiment and period, from the OS's cryptographic
// random source, and kept in the encrypted store; each epoch's outcome
// report carries it beside the randomized outcome histogram.
#include <array>

#include "crypto/bytes.hpp"
#include "signals/signal_store.hpp"
#include "sync/outcome_value.hpp"
#include "sync/report.hpp"
#include "sync/syncer.hpp"
#include "sync/wire.hpp"

namespace confidant::sync {

Result<std::optional<Arm>> Syncer::current_arm(const proto::Experiment& experiment, const ShareGrants& grants,
                                               std::int64_t now_ms, bool dry_run) {
  if (!experiment_allowed(experiment, grants)) return std::optional<Arm>();
  auto left = arms_.left(experiment.id());
  if (!left) return left.status();
  if (left.value()) return std::optional<Arm>();
  const std::uint64_t period = period_of(now_ms, experiment);
  auto kept = arms_.arm(experiment.id(), period);
  if (!kept || kept.value() || dry_run) return kept;
  // Uniform in [0, 1) from 53 random bits: P(holdout) is the share exactly
  // up to 2^-53.
  const Arm arm = uniform_() < experiment.holdout_share() ? Arm::kHoldout : Arm::kPersonalized;
  if (Status st = arms_.save_arm(experiment.id(), period, arm, now_ms); !st) return st;
  return std::optional<Arm>(arm);
}

Result<std::optional<std::uint64_t>> Syncer::holdout_period(const ShareGrants& grants, std::int64_t now_ms) {
  std::optional<std::uint64_t> period;
  if (!config_) return period;
  // Every running experiment draws its arm, even after one holds out.
  for (const proto::Experiment& experiment : config_->experiments()) {
    auto arm = current_arm(experiment, grants, now_ms, false);
    if (!arm) return arm.status();
    if (arm.value() == Arm::kHoldout && !period) period = experiment.period_seconds();
  }
  return period;
}

Status Syncer::prepare_outcomes(const ShareGrants& grants, std::uint64_t epoch, std::int64_t now_ms, bool dry_run,
                                Prepared& out) {
  // The outcome of a whole epoch: the one that just ended.
  if (epoch == 0) return Status::ok();
  const std::uint64_t measured = epoch - 1;
  const auto epoch_ms = static_cast<std::int64_t>(config_->epoch_seconds()) * 1000;
  const std::int64_t from_ms = static_cast<std::int64_t>(measured) * epoch_ms;
  std::optional<std::vector<Signal>> epoch_signals;  // read once, when some outcome needs them
  for (const proto::Experiment& experiment : config_->experiments()) {
    // A device that syncs draws its arm even if the app never ranks.
    auto current = current_arm(experiment, grants, now_ms, dry_run);
    if (!current) return current.status();
    if (!experiment_allowed(experiment, grants)) {
      out.withheld.push_back(experiment.id() +
                             ": share is not granted for what its outcomes count, or personalize for nothing");
      continue;
    }
    auto left = arms_.left(experiment.id());
    if (!left) return left.status();
    if (left.value()) {
      out.withheld.push_back(experiment.id() + ": you left this experiment");
      continue;
    }
    auto arm = arms_.arm(experiment.id(), period_of(from_ms, experiment));
    if (!arm) return arm.status();
    if (!arm.value()) {
      out.withheld.push_back(experiment.id() + ": no arm was drawn for epoch " + std::to_string(measured));
      continue;
    }
    for (const proto::Outcome& outcome : experiment.outcomes()) {
      const std::string key = outcome_key(experiment, outcome);
      auto done = table_.reported(key, measured);
      if (!done) return done.status();
      if (done.value()) {
        out.withheld.push_back(key + ": already reported for epoch " + std::to_string(measured));
        continue;
      }
      auto refusal = over_budget(key, outcome.epsilon(), outcome.budget_cap(), now_ms);
      if (!refusal) return refusal.status();
      if (refusal.value()) {
        out.withheld.push_back(key + ": " + *refusal.value());
        continue;
      }
      if (!epoch_signals) {
        auto read = signals::SignalStore(store_).between(from_ms, from_ms + epoch_ms);
        if (!read) return read.status();
        epoch_signals = std::move(read.value());
      }
      const OutcomeCount count = outcome_count(outcome, *epoch_signals, grants);
      const TrueValue value{bucket_of(count.count, outcome), count.from};
      const auto domain_size = static_cast<std::uint32_t>(outcome.bucket_starts_size());
      auto bits = randomized_bits(key, domain_size, outcome.epsilon(), value, dry_run);
      if (!bits) return bits.status();
      proto::SyncReport report =
          new_report(config_->version(), outcome.id(), measured, outcome.epsilon(), domain_size, std::move(bits.value()));
      report.set_experiment_id(experiment.id());
      report.set_arm(static_cast<std::uint32_t>(*arm.value()));
      if (Status st = emit(report, key, outcome_report_to_json(report, outcome), value.from, now_ms, dry_run, out); !st)
        return st;
    }
  }
  return Status::ok();
}

}  // namespace confidant::sync

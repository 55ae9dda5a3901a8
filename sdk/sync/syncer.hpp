// Syncer: the device's half of aggregated sync (docs/sync.md). It keeps the
// brand's config, makes one randomized report per metric and epoch from
// share-consented data within the privacy budget, seals and queues it in the
// store, delivers the queue through the host's Transport, and keeps the
// ledger the person reads.
//
// The engine (sdk/api) drives it on the worker, inside its store
// transactions for changes (install, prepare, discard); deliver() commits
// per request itself, since a network round trip must not hold a
// transaction open.
//
// Thread-safety: the worker's; one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/status.hpp"
#include "confidant/sync.hpp"
#include "confidant/transport.hpp"
#include "confidant_sync.pb.h"
#include "profile/profile_state.hpp"
#include "store/store.hpp"
#include "sync/arm_table.hpp"
#include "sync/brand_config.hpp"
#include "sync/delivery_policy.hpp"
#include "sync/metric_value.hpp"
#include "sync/oue.hpp"
#include "sync/report_table.hpp"

namespace confidant::sync {

struct Prepared {
  int made = 0;
  std::vector<std::string> withheld;  // "metric: why"
  std::string dry_run_reports;        // NDJSON, dry run only
};

struct Delivered {
  int sent = 0;
  int dropped = 0;
};

class Syncer {
 public:
  // Reads the installed config, if any. `signer` is the pinned brand
  // signing key (empty: configs cannot be installed).
  static Result<std::unique_ptr<Syncer>> load(store::Store& store, std::optional<std::array<std::uint8_t, 32>> signer,
                                              Uniform uniform = secure_uniform);

  // Verifies and keeps a signed config; the last good one stays when this
  // one is refused (malformed, unsigned, wrongly signed, or not newer).
  Status install(std::string_view signed_bytes, std::int64_t now_ms);
  const proto::BrandConfig* config() const noexcept { return config_ ? &*config_ : nullptr; }

  // One report per metric for the current epoch, unless made already, no
  // share-consented data answers it, or the budget would be passed.
  Result<Prepared> prepare(const profile::ProfileState& profile, const ShareGrants& grants, std::int64_t now_ms,
                           bool dry_run);

  // Sends due reports, in uploads of at most kUploadBatch, until `deadline`
  // or the first failed request. Each outcome is committed before the next
  // request.
  Result<Delivered> deliver(Transport& transport, const SyncPolicy& policy, std::int64_t now_ms,
                            std::chrono::steady_clock::time_point deadline);

  // The period (seconds) of an experiment of the installed config that holds
  // this person out of personalization now; nothing when none does. Draws the arm of each running experiment for the
  // current period when none is kept yet (the one write; inside the
  // caller's transaction). An experiment runs only while share is granted
  // for the categories its outcomes read and the person has not left it.
  Result<std::optional<std::uint64_t>> holdout_period(const ShareGrants& grants, std::int64_t now_ms);

  // The person leaves `experiment_id` for good: no arm is drawn, the
  // holdout ends and its pending outcome reports are discarded. Inside the
  // caller's transaction. kInvalidArgument naming "experiment" when the
  // installed config has no such experiment.
  Status leave(std::string_view experiment_id, std::int64_t now_ms);

  // A withdrawal of `category` (any use): pending reports and memoized
  // answers derived from it go. Inside the caller's transaction.
  Status discard(DataCategory category, std::int64_t now_ms);

  Result<Budget> budget(std::int64_t now_ms);
  Result<int> pending() { return table_.pending_count(); }
  // The ledger, one JSON object a line / as one JSON array.
  Result<std::string> ledger_ndjson();
  Result<std::string> ledger_json_array();

  static constexpr int kUploadBatch = 64;

 private:
  Syncer(store::Store& store, std::optional<std::array<std::uint8_t, 32>> signer, Uniform uniform)
      : store_(store), table_(store), arms_(store), signer_(signer), uniform_(std::move(uniform)) {}

  // Why `key` (a metric id, or an outcome's "experiment/outcome") may not
  // spend `epsilon` now under its own `cap` and the total cap, or nothing.
  Result<std::optional<std::string>> over_budget(std::string_view key, double epsilon, double cap,
                                                 std::int64_t now_ms);
  Result<std::string> randomized_bits(std::string_view key, std::uint32_t domain_size, double epsilon,
                                      const TrueValue& value, bool dry_run);
  // The arm for the current period, drawn if none is kept; nothing when the
  // experiment does not run for this person.
  Result<std::optional<Arm>> current_arm(const proto::Experiment& experiment, const ShareGrants& grants,
                                         std::int64_t now_ms, bool dry_run);
  // The outcome reports of the epoch before `epoch`, for every experiment.
  Status prepare_outcomes(const ShareGrants& grants, std::uint64_t epoch, std::int64_t now_ms, bool dry_run,
                          Prepared& out);
  // Seals and queues one report (or, dry run, adds its decoded form).
  Status emit(proto::SyncReport& report, const std::string& key, const std::string& decoded, CategoryMask from,
              std::int64_t now_ms, bool dry_run, Prepared& out);
  Status settle(const PendingReport& report, int attempts, const Verdict& verdict, std::int64_t now_ms);

  store::Store& store_;
  ReportTable table_;
  ArmTable arms_;
  std::optional<std::array<std::uint8_t, 32>> signer_;
  Uniform uniform_;
  std::optional<proto::BrandConfig> config_;
};

}  // namespace confidant::sync

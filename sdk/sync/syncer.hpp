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
      : store_(store), table_(store), signer_(signer), uniform_(std::move(uniform)) {}

  // Why `metric` may not spend `epsilon` now, or nothing when it may.
  Result<std::optional<std::string>> over_budget(const proto::Metric& metric, std::int64_t now_ms);
  Result<std::string> randomized_bits(const proto::Metric& metric, const TrueValue& value, bool dry_run);
  Status settle(const PendingReport& report, int attempts, const Verdict& verdict, std::int64_t now_ms);

  store::Store& store_;
  ReportTable table_;
  std::optional<std::array<std::uint8_t, 32>> signer_;
  Uniform uniform_;
  std::optional<proto::BrandConfig> config_;
};

}  // namespace confidant::sync

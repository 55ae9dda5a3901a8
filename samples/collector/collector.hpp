// Collector: the brand's server logic without the HTTP: opens and checks
// uploaded reports, counts the new ones, and turns counts into published
// estimates. The HTTP layer (server.cpp) and the tests call the same object.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/brand.hpp"
#include "experiment_stats.hpp"
#include "storage.hpp"

namespace collector {

struct CollectorOptions {
  std::uint32_t k = 100;                    // publish a group only with at least k reports
  std::size_t max_body_bytes = 256 * 1024;  // larger uploads: 413
};

struct Reply {
  int status = 200;
  std::string content_type = "text/plain";
  std::string body;
};

struct BucketStats {
  std::string value;
  confidant::brand::BucketEstimate estimate;
};

struct GroupStats {
  std::string metric_id;
  std::uint64_t epoch = 0;
  std::uint64_t reports = 0;
  bool published = false;  // reports >= k
  std::vector<BucketStats> buckets;  // empty when withheld
};

struct Stats {
  std::uint64_t config_version = 0;
  std::uint32_t k = 0;
  std::uint64_t epoch_seconds = 0;  // the config's: epoch e starts at e * epoch_seconds
  std::uint64_t accepted = 0;                      // since this process started
  std::map<std::string, std::uint64_t> rejected;  // by reason, since this process started
  std::vector<GroupStats> groups;
  std::vector<ExperimentStats> experiments;
};

// A report is fresh in its own epoch and this many after it (devices sync
// when the OS lets them); older ones are "stale_epoch".
inline constexpr std::uint64_t kAcceptedPastEpochs = 1;
// Report ids are kept for the fresh epochs and one more: a collector whose
// clock is late still accepts the epoch an early one has left behind, and
// must still recognize its replays. Derived, so that widening the freshness
// window can never outlive the ids that catch replays.
inline constexpr std::uint64_t kKeptPastEpochs = kAcceptedPastEpochs + 1;

class Collector {
 public:
  static confidant::Result<std::unique_ptr<Collector>> create(const confidant::brand::KeySet& keys,
                                                              std::string signed_config,
                                                              std::unique_ptr<Storage> storage,
                                                              CollectorOptions options);

  // POST /v1/reports. 200 with a SyncAck when the upload parses (each report
  // accepted or rejected with its reason); 400 for a malformed upload; 413
  // when too large; 500 when storage fails (the device retries).
  Reply ingest(std::string_view body, std::int64_t now_ms);

  confidant::Result<Stats> stats();
  // Drops the stored ids that can no longer match a fresh report. The work
  // is done once per epoch: later calls in the same epoch return at once; a
  // failed delete is tried again at the next call. Run by Housekeeping, off
  // the request path.
  void forget_old_ids(std::int64_t now_ms);
  const std::string& signed_config() const noexcept { return signed_config_; }
  const confidant::brand::ConfigInfo& config() const noexcept { return opener_->config(); }
  const CollectorOptions& options() const noexcept { return options_; }

 private:
  Collector(std::string signed_config, std::unique_ptr<confidant::brand::ReportOpener> opener,
            std::unique_ptr<Storage> storage, CollectorOptions options);
  // Why this opened report is not counted, or "" when it may be.
  std::string freshness_problem(const confidant::brand::OpenedReport& report, std::int64_t now_ms) const;
  void count_rejection(const std::string& reason, std::uint64_t n = 1);

  std::string signed_config_;
  std::unique_ptr<confidant::brand::ReportOpener> opener_;
  std::unique_ptr<Storage> storage_;
  CollectorOptions options_;
  std::atomic<std::uint64_t> accepted_{0};
  std::atomic<std::uint64_t> forgotten_before_{0};  // ids of epochs before it are gone
  std::mutex rejected_mu_;
  std::map<std::string, std::uint64_t> rejected_;
};

std::string stats_to_json(const Stats& stats);

// The wall clock in Unix milliseconds: the collector's "now" in service.
std::int64_t wall_clock_ms();

}  // namespace collector

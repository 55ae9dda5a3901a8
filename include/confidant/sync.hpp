// Aggregated sync: the only way anything leaves the device (docs/sync.md).
//
// The brand ships a signed config (BrandConfig) naming metrics: histograms
// over a fixed domain (taxonomy categories, or the values of one attribute).
// Once per epoch and metric, the device derives its one true value from the
// profile, counting only data whose category the person granted for
// `share`, randomizes it with a local-DP frequency oracle (optimized unary
// encoding) at the metric's epsilon, seals it to the brand's key and queues
// it in the encrypted store. Sdk::sync() sends what is queued through the
// host's Transport. Every report is recorded, decoded, in the sync ledger the
// person can read (Sdk::shared_reports), and its epsilon is charged to a
// rolling privacy budget; when a cap would be passed, nothing is sent.
//
// Thread-safety: plain values.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "confidant/status.hpp"

namespace confidant {

// How queued reports are delivered. Every default is what the SDK uses when
// the field is left alone.
struct SyncPolicy {
  // Where reports are POSTed (the collector's /v1/reports). Empty: sync()
  // prepares and queues reports but sends nothing.
  std::string url;
  // A report is dropped (recorded as such in the ledger) after this many
  // failed attempts, or once it is older than max_age.
  int max_attempts = 8;
  std::chrono::seconds max_age{std::chrono::hours(24 * 7)};
  // Backoff after a failure: initial * 2^(attempts-1), capped at max, with
  // full jitter (a uniform draw in [delay/2, delay]). A 429 or 503 with
  // Retry-After waits at least that long.
  std::chrono::seconds backoff_initial{30};
  std::chrono::seconds backoff_max{std::chrono::hours(6)};
  // Per HTTP request.
  std::chrono::milliseconds request_timeout{15000};
};

struct SyncRequest {
  // sync() stops starting new requests after this long (for short
  // background windows such as BGTaskScheduler's or WorkManager's).
  std::chrono::milliseconds deadline{30000};
  // Build this epoch's reports and return them decoded, without queueing,
  // charging the budget or sending anything.
  bool dry_run = false;
};

struct SyncResult {
  int prepared = 0;  // reports made and queued by this call
  int sent = 0;      // reports the collector acknowledged in this call
  int pending = 0;   // reports still queued (waiting for their next attempt)
  int dropped = 0;   // reports given up in this call (4xx, attempts, age)
  // Metrics not reported this epoch, each "metric_id: why" (e.g. "no
  // share-consented data", "budget: 7.5 of 8 spent").
  std::vector<std::string> withheld;
  // dry_run: the reports it would send, decoded, one JSON object a line.
  std::string dry_run_reports;
};

struct MetricBudget {
  std::string metric_id;
  double spent = 0;  // epsilon charged in the window
  double cap = 0;
};

// The privacy budget as the person may read it.
struct Budget {
  std::uint64_t config_version = 0;  // 0: no config installed
  int window_days = 0;
  double spent = 0;  // all metrics, in the window
  double cap = 0;
  std::vector<MetricBudget> metrics;
};

CONFIDANT_EXPORT std::string to_json(const Budget& budget);
// {"prepared":N,"sent":N,"pending":N,"dropped":N,"withheld":[...],"dry_run_reports":"<JSONL>"}
CONFIDANT_EXPORT std::string to_json(const SyncResult& result);

}  // namespace confidant

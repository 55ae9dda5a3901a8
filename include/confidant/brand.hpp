// The brand's side of sync, for the collector and the brand tool
// (samples/collector): keys, signing configs, opening sealed reports, and
// turning randomized counts into frequency estimates (docs/sync.md).
//
// Link `confidant_brand`. Nothing here is needed, or linked, on a phone.
//
// Thread-safety: free functions are pure; a ReportOpener is immutable after
// create() and may be used from many threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/status.hpp"

namespace confidant::brand {

// Hex strings (lowercase). Signing: Ed25519 (public 32 bytes, secret 64);
// sealing: X25519 (32 and 32).
struct KeySet {
  std::string signing_public;
  std::string signing_secret;
  std::string sealing_public;
  std::string sealing_secret;
};

CONFIDANT_EXPORT KeySet generate_keys();
// DIR/signing.pub, DIR/signing.key, DIR/sealing.pub, DIR/sealing.key (hex,
// one line); the .key files are created with mode 0600. Refuses to
// overwrite existing keys (kInvalidArgument).
CONFIDANT_EXPORT Status write_keys(const KeySet& keys, const std::filesystem::path& dir);
// The secret files may be absent when only verifying (their fields stay empty).
CONFIDANT_EXPORT Result<KeySet> read_keys(const std::filesystem::path& dir);

// The readable JSON config (schema in docs/sync.md) as signed binary
// (a serialized SignedConfig). Missing report_public_key: the key set's
// sealing key. kInvalidArgument names the bad field ("metrics[1].epsilon: ...").
CONFIDANT_EXPORT Result<std::string> sign_config(std::string_view config_json, const KeySet& keys);

struct MetricInfo {
  std::string id;
  std::vector<std::string> domain;
  double epsilon = 0;
  std::string source;     // "top_category" or "attribute_value"
  std::string attribute;  // attribute_value: the attribute key
};

// One outcome of an experiment: a per-epoch count on the device, bucketed.
struct OutcomeInfo {
  std::string id;
  std::string source;                       // "orders", "purchases", "visits" or "active_days"
  std::vector<std::uint32_t> bucket_starts;  // {0, 1, 2, 3, 6}: buckets 0, 1, 2, 3-5, 6+
  std::vector<std::string> buckets;          // their labels: "0", "1", "2", "3-5", "6+"
  double epsilon = 0;
};

// A holdout experiment (docs/sync.md, "Experiments").
struct ExperimentInfo {
  std::string id;
  double holdout_share = 0;         // P(a device is in the holdout arm for a period)
  std::uint64_t period_seconds = 0;  // the arm is drawn once per period
  std::vector<OutcomeInfo> outcomes;
};

struct ConfigInfo {
  std::uint64_t version = 0;
  std::string brand;
  std::uint64_t epoch_seconds = 0;
  std::uint32_t min_group_size = 0;
  std::vector<MetricInfo> metrics;
  std::vector<ExperimentInfo> experiments;
};

// Verifies a signed config with the brand's signing public key (hex) and
// reads what the collector needs from it.
CONFIDANT_EXPORT Result<ConfigInfo> verify_config(std::string_view signed_config, std::string_view signing_public_hex);

// One report, opened and validated.
struct OpenedReport {
  std::string report_id;  // hex, 32 characters
  std::uint64_t config_version = 0;
  std::string metric_id;
  std::uint64_t epoch = 0;
  double epsilon = 0;
  std::vector<std::uint32_t> ones;  // the buckets whose bit is set
  // An outcome report: its experiment (metric_id is then the outcome's id)
  // and the arm, "personalized" or "holdout". Empty for a metric report.
  std::string experiment_id;
  std::string arm;
};

// Upload bodies (POST /v1/reports) into sealed reports.
CONFIDANT_EXPORT Result<std::vector<std::string>> split_upload(std::string_view body);
// The body of an upload of `sealed_reports` (what the SDK sends).
CONFIDANT_EXPORT std::string make_upload(const std::vector<std::string>& sealed_reports);
// The SyncAck answer to an upload.
CONFIDANT_EXPORT std::string make_ack(std::uint32_t accepted, const std::vector<std::pair<std::uint32_t, std::string>>& rejected);

class CONFIDANT_EXPORT ReportOpener {
 public:
  // `keys` must hold the sealing secret; `config` is the verified config
  // reports are checked against.
  static Result<std::unique_ptr<ReportOpener>> create(const KeySet& keys, ConfigInfo config);
  ~ReportOpener();
  // kTampered: not sealed to this key, or altered. kInvalidArgument names
  // what is wrong with the report (unknown metric, wrong epsilon or domain
  // size, bad report id, unknown fields, ...). Epoch freshness is the
  // caller's to check (it knows the time).
  Result<OpenedReport> open(std::string_view sealed) const;
  const ConfigInfo& config() const noexcept;

 private:
  struct Impl;
  explicit ReportOpener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// floor(unix_ms / 1000 / epoch_seconds).
CONFIDANT_EXPORT std::uint64_t epoch_of(std::int64_t unix_ms, std::uint64_t epoch_seconds) noexcept;

struct BucketEstimate {
  double count = 0;      // debiased number of reports whose true value is this bucket
  double frequency = 0;  // count / reports
  double low = 0;        // 95% interval of frequency
  double high = 0;
};

// Unbiased OUE estimates from `ones[i]` (reports with bit i set) out of
// `reports` reports at `epsilon` (formulas in docs/sync.md).
CONFIDANT_EXPORT std::vector<BucketEstimate> estimate_frequencies(std::span<const std::uint64_t> ones,
                                                                  std::uint64_t reports, double epsilon);

// ---- Experiments: one arm's outcome, and the lift between arms ----------
// (formulas in docs/collector.md, "Experiments").

// The value a bucket stands for when averaging: the midpoint of a closed
// bucket (3-5 -> 4), the lower bound of the open last one (6+ -> 6).
CONFIDANT_EXPORT std::vector<double> bucket_values(std::span<const std::uint32_t> bucket_starts);

struct ArmEstimate {
  std::uint64_t reports = 0;
  // The debiased distribution of the bucketed outcome (as for a metric).
  std::vector<BucketEstimate> buckets;
  double mean = 0;     // estimated mean outcome, sum of value_j * frequency_j
  double mean_sd = 0;  // its standard error: the randomization's noise and the sampling of devices
  double low = 0;      // 95% interval of the mean
  double high = 0;
};

// One arm from `ones[j]` (its reports with bit j set) out of `reports`, at
// `epsilon`, each bucket standing for `values[j]`.
CONFIDANT_EXPORT ArmEstimate estimate_arm(std::span<const std::uint64_t> ones, std::uint64_t reports, double epsilon,
                                          std::span<const double> values);

struct LiftEstimate {
  // personalized mean - holdout mean, with its 95% interval.
  double difference = 0;
  double low = 0;
  double high = 0;
  // personalized mean / holdout mean, with its 95% interval (delta method
  // on the log); has_ratio is false when either mean is not positive.
  bool has_ratio = false;
  double ratio = 0;
  double ratio_low = 0;
  double ratio_high = 0;
};

// The arms are independent samples (each device draws its own arm).
CONFIDANT_EXPORT LiftEstimate estimate_lift(const ArmEstimate& personalized, const ArmEstimate& holdout);

}  // namespace confidant::brand

// The sync layer's rows in the store: the installed config, the reports
// (outbox and ledger in one table) and the memoized randomized answers.
// Plain SQL, no policy: the Syncer decides, this keeps.
//
// Thread-safety: the store's (the SDK's worker).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/status.hpp"
#include "store/store.hpp"
#include "sync/metric_value.hpp"

namespace confidant::sync {

struct StoredConfig {
  std::uint64_t version = 0;
  std::string signed_bytes;
};

struct NewReport {
  std::string report_id;  // 16 bytes
  std::string metric_id;
  std::uint64_t epoch = 0;
  double epsilon = 0;
  CategoryMask data_categories = 0;
  std::int64_t created_ms = 0;
  std::string sealed;
  std::string decoded;  // report_to_json
};

struct PendingReport {
  std::string report_id;
  std::int64_t created_ms = 0;
  int attempts = 0;
  std::string sealed;
};

struct Memo {
  std::uint32_t domain_size = 0;
  double epsilon = 0;
  std::string bits;
};

class ReportTable {
 public:
  explicit ReportTable(store::Store& store) : store_(store) {}

  Result<std::optional<StoredConfig>> config();
  Status save_config(const StoredConfig& config, std::int64_t now_ms);

  Status insert(const NewReport& report);
  // Whether `metric_id` already has a report for `epoch` (a discarded one
  // does not count: it never left).
  Result<bool> reported(std::string_view metric_id, std::uint64_t epoch);
  // Epsilon charged since `since_ms`, for one metric or (empty id) all:
  // every report made, except one discarded before any attempt to send it.
  Result<double> spent_since(std::int64_t since_ms, std::string_view metric_id = {});

  // Pending reports due at `now_ms`, oldest first, at most `limit`.
  Result<std::vector<PendingReport>> due(std::int64_t now_ms, int limit);
  Result<int> pending_count();
  Status mark_sent(std::string_view report_id, int attempts, std::int64_t now_ms);
  Status mark_dropped(std::string_view report_id, int attempts, std::int64_t now_ms, std::string_view error);
  Status mark_retry(std::string_view report_id, int attempts, std::int64_t next_attempt_ms, std::string_view error);
  // Pending reports derived from any category in `mask` are discarded (their
  // sealed bytes deleted), and so are the memoized answers derived from it.
  Status discard(CategoryMask mask, std::int64_t now_ms);
  // Pending reports and memoized answers whose key starts with `prefix`
  // ("experiment/": every outcome of one experiment) are discarded likewise.
  Status discard_prefix(std::string_view prefix, std::int64_t now_ms);

  Result<std::optional<Memo>> memo(std::string_view metric_id, std::uint32_t value);
  Status save_memo(std::string_view metric_id, std::uint32_t value, CategoryMask from, const Memo& memo);

  // Every report ever made, oldest first, as one JSON object each (the ledger).
  Status for_each_ledger_entry(const std::function<void(const std::string&)>& emit);

 private:
  store::Store& store_;
};

}  // namespace confidant::sync

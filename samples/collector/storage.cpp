#include "storage.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <utility>

#include "postgres_storage.hpp"
#include "sqlite_storage.hpp"

namespace collector {

const char* const kSchemaStatements[4] = {
    "CREATE TABLE IF NOT EXISTS report_ids(report_id TEXT PRIMARY KEY, metric_id TEXT NOT NULL, "
    "epoch BIGINT NOT NULL, received_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS metric_groups(metric_id TEXT NOT NULL, epoch BIGINT NOT NULL, "
    "reports BIGINT NOT NULL, PRIMARY KEY (metric_id, epoch))",
    "CREATE TABLE IF NOT EXISTS metric_bits(metric_id TEXT NOT NULL, epoch BIGINT NOT NULL, "
    "bucket INTEGER NOT NULL, ones BIGINT NOT NULL, PRIMARY KEY (metric_id, epoch, bucket))",
    // For forget_ids_before(): old ids are found without a scan.
    "CREATE INDEX IF NOT EXISTS report_ids_by_epoch ON report_ids(epoch)",
};

namespace {

using GroupKey = std::pair<std::string, std::uint64_t>;  // (metric, epoch)

struct Tally {
  std::uint64_t reports = 0;
  std::map<std::uint32_t, std::uint64_t> ones;  // by bucket
};

}  // namespace

std::string group_key(const confidant::brand::OpenedReport& report) {
  if (report.experiment_id.empty()) return report.metric_id;
  return report.experiment_id + "/" + report.metric_id + "/" + report.arm;
}

confidant::Result<std::vector<bool>> Storage::record(const std::vector<confidant::brand::OpenedReport>& reports,
                                                     std::int64_t received_ms) {
  std::vector<std::size_t> by_id(reports.size());
  std::iota(by_id.begin(), by_id.end(), 0);
  // Stable: of an id twice in one upload, the first is the one counted.
  std::stable_sort(by_id.begin(), by_id.end(),
                   [&](std::size_t a, std::size_t b) { return reports[a].report_id < reports[b].report_id; });

  std::lock_guard lock(mu_);
  if (confidant::Status st = begin(); !st) return st;
  const auto fail = [this](confidant::Status st) {
    rollback();
    return st;
  };
  std::vector<bool> counted(reports.size(), false);
  std::map<GroupKey, Tally> tallies;
  for (std::size_t i : by_id) {
    auto fresh = insert_id(reports[i], received_ms);
    if (!fresh) return fail(fresh.status());
    if (!fresh.value()) continue;  // a replay, a retry, or twice in this upload
    counted[i] = true;
    Tally& tally = tallies[{group_key(reports[i]), reports[i].epoch}];
    ++tally.reports;
    for (std::uint32_t bucket : reports[i].ones) ++tally.ones[bucket];
  }
  for (const auto& [group, tally] : tallies) {
    if (confidant::Status st = add_reports(group.first, group.second, tally.reports); !st) return fail(st);
    for (const auto& [bucket, n] : tally.ones)
      if (confidant::Status st = add_ones(group.first, group.second, bucket, n); !st) return fail(st);
  }
  if (confidant::Status st = commit(); !st) return fail(st);
  return counted;
}

confidant::Result<std::vector<GroupCounts>> Storage::groups() {
  std::lock_guard lock(mu_);
  if (confidant::Status st = begin_snapshot(); !st) return st;
  auto groups = read_groups();
  // Nothing was written: ending the snapshot either way is the same.
  rollback();
  return groups;
}

confidant::Status Storage::forget_ids_before(std::uint64_t epoch) {
  std::lock_guard lock(mu_);
  if (confidant::Status st = begin(); !st) return st;
  if (confidant::Status st = delete_ids_before(epoch); !st) {
    rollback();
    return st;
  }
  if (confidant::Status st = commit(); !st) {
    rollback();
    return st;
  }
  return {};
}

confidant::Result<std::unique_ptr<Storage>> open_storage(const std::string& spec) {
  if (spec.rfind("sqlite:", 0) == 0) return open_sqlite_storage(spec.substr(7));
  if (spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0) return open_postgres_storage(spec);
  return confidant::Status{confidant::ErrorCode::kInvalidArgument,
                           "--db: expected sqlite:PATH or postgresql://..., got " + spec};
}

}  // namespace collector

#include "storage.hpp"

#include "postgres_storage.hpp"
#include "sqlite_storage.hpp"

namespace collector {

const char* const kSchemaStatements[3] = {
    "CREATE TABLE IF NOT EXISTS report_ids(report_id TEXT PRIMARY KEY, metric_id TEXT NOT NULL, "
    "epoch BIGINT NOT NULL, received_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS metric_groups(metric_id TEXT NOT NULL, epoch BIGINT NOT NULL, "
    "reports BIGINT NOT NULL, PRIMARY KEY (metric_id, epoch))",
    "CREATE TABLE IF NOT EXISTS metric_bits(metric_id TEXT NOT NULL, epoch BIGINT NOT NULL, "
    "bucket INTEGER NOT NULL, ones BIGINT NOT NULL, PRIMARY KEY (metric_id, epoch, bucket))",
};

confidant::Result<std::vector<bool>> Storage::record(const std::vector<confidant::brand::OpenedReport>& reports,
                                                     std::int64_t received_ms) {
  std::lock_guard lock(mu_);
  if (confidant::Status st = begin(); !st) return st;
  std::vector<bool> counted;
  for (const auto& report : reports) {
    auto fresh = record_one(report, received_ms);
    if (!fresh) {
      rollback();
      return fresh.status();
    }
    counted.push_back(fresh.value());
  }
  if (confidant::Status st = commit(); !st) {
    rollback();
    return st;
  }
  return counted;
}

confidant::Result<std::vector<GroupCounts>> Storage::groups() {
  std::lock_guard lock(mu_);
  return read_groups();
}

confidant::Result<std::unique_ptr<Storage>> open_storage(const std::string& spec) {
  if (spec.rfind("sqlite:", 0) == 0) return open_sqlite_storage(spec.substr(7));
  if (spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0) return open_postgres_storage(spec);
  return confidant::Status{confidant::ErrorCode::kInvalidArgument,
                           "--db: expected sqlite:PATH or postgresql://..., got " + spec};
}

}  // namespace collector

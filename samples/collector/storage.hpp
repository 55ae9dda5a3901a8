// Where the collector keeps what it accepted: the ids of counted reports
// (for de-duplication) and, per (metric, epoch) group, the number of reports
// and how many had each bit set. Counts are all the estimates need, so no
// report is kept beyond its id.
//
// Two implementations with the same schema: SQLite (embedded, the default)
// and PostgreSQL (libpq; for several stateless collectors behind a load
// balancer, where the database's unique key and atomic upserts keep
// de-duplication and counts right across processes).
//
// Thread-safety: every member may be called from any thread; each
// implementation serializes its connection internally.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "confidant/brand.hpp"
#include "confidant/status.hpp"

namespace collector {

// The group a report is counted in: its metric, or for an outcome report
// "experiment/outcome/arm" (ids cannot contain '/', so the two never meet).
std::string group_key(const confidant::brand::OpenedReport& report);

struct GroupCounts {
  std::string metric_id;  // group_key()
  std::uint64_t epoch = 0;
  std::uint64_t reports = 0;
  std::vector<std::uint64_t> ones;  // by bucket; sized by the caller's domain
};

class Storage {
 public:
  virtual ~Storage() = default;
  // Counts the reports whose id is new, in one transaction; returns for
  // each whether it was counted (false: a duplicate).
  confidant::Result<std::vector<bool>> record(const std::vector<confidant::brand::OpenedReport>& reports,
                                              std::int64_t received_ms);
  // Every group, with bit counts for buckets [0, domain size of its metric).
  confidant::Result<std::vector<GroupCounts>> groups();
  // Deletes the ids of reports from epochs before `epoch`. Reports that old
  // are refused as stale before their id is looked up, so their ids no
  // longer prevent anything; keeping them would only grow the table forever.
  confidant::Status forget_ids_before(std::uint64_t epoch);

 protected:
  // The dialect's steps, called with the storage's lock held, in this order
  // within one transaction: every id of the upload (sorted), then the
  // groups' and buckets' counts (sorted). A fixed order means two collectors
  // sharing a PostgreSQL database lock rows in the same order and cannot
  // deadlock; counting per upload, not per report, keeps statements few.
  virtual confidant::Status begin() = 0;
  virtual confidant::Status commit() = 0;
  virtual void rollback() = 0;
  // Inserts the id: true when it is new, false when already stored.
  virtual confidant::Result<bool> insert_id(const confidant::brand::OpenedReport& report, std::int64_t received_ms) = 0;
  virtual confidant::Status add_reports(const std::string& metric_id, std::uint64_t epoch, std::uint64_t n) = 0;
  virtual confidant::Status add_ones(const std::string& metric_id, std::uint64_t epoch, std::uint32_t bucket,
                                     std::uint64_t n) = 0;
  // A read-only transaction seeing one consistent state, so a group's bit
  // counts match its report count while other collectors write.
  virtual confidant::Status begin_snapshot() = 0;
  virtual confidant::Result<std::vector<GroupCounts>> read_groups() = 0;
  virtual confidant::Status delete_ids_before(std::uint64_t epoch) = 0;

 private:
  std::mutex mu_;  // one connection per storage: one transaction at a time
};

// "sqlite:PATH" or "postgresql://..." / "postgres://...".
confidant::Result<std::unique_ptr<Storage>> open_storage(const std::string& spec);

// The schema, shared by both: plain SQL both dialects accept.
extern const char* const kSchemaStatements[4];

}  // namespace collector

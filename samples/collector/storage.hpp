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

struct GroupCounts {
  std::string metric_id;
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

 protected:
  // The dialect's steps, called with the storage's lock held.
  virtual confidant::Status begin() = 0;
  virtual confidant::Status commit() = 0;
  virtual void rollback() = 0;
  // Inserts the id; when it is new, counts the report: true. A duplicate: false.
  virtual confidant::Result<bool> record_one(const confidant::brand::OpenedReport& report, std::int64_t received_ms) = 0;
  virtual confidant::Result<std::vector<GroupCounts>> read_groups() = 0;

 private:
  std::mutex mu_;  // one connection per storage: one transaction at a time
};

// "sqlite:PATH" or "postgresql://..." / "postgres://...".
confidant::Result<std::unique_ptr<Storage>> open_storage(const std::string& spec);

// The schema, shared by both: plain SQL both dialects accept.
extern const char* const kSchemaStatements[3];

}  // namespace collector

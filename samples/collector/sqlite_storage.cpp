#include "sqlite_storage.hpp"

#include <sqlite3.h>

namespace collector {
namespace {

using confidant::ErrorCode;
using confidant::Result;
using confidant::Status;

class SqliteStorage final : public Storage {
 public:
  explicit SqliteStorage(sqlite3* db) : db_(db) {}
  ~SqliteStorage() override {
    for (sqlite3_stmt* s : {insert_id_, bump_group_, bump_bit_, forget_ids_}) sqlite3_finalize(s);
    sqlite3_close(db_);
  }

  Status prepare() {
    for (const char* sql : kSchemaStatements)
      if (Status st = exec(sql); !st) return st;
    if (Status st = prepare_one("INSERT INTO report_ids(report_id, metric_id, epoch, received_ms) VALUES (?1, ?2, ?3, ?4) "
                                "ON CONFLICT(report_id) DO NOTHING", &insert_id_);
        !st)
      return st;
    if (Status st = prepare_one("INSERT INTO metric_groups(metric_id, epoch, reports) VALUES (?1, ?2, ?3) "
                                "ON CONFLICT(metric_id, epoch) DO UPDATE SET reports = metric_groups.reports + excluded.reports",
                                &bump_group_);
        !st)
      return st;
    if (Status st = prepare_one("INSERT INTO metric_bits(metric_id, epoch, bucket, ones) VALUES (?1, ?2, ?3, ?4) "
                                "ON CONFLICT(metric_id, epoch, bucket) DO UPDATE SET ones = metric_bits.ones + excluded.ones",
                                &bump_bit_);
        !st)
      return st;
    return prepare_one("DELETE FROM report_ids WHERE epoch < ?1", &forget_ids_);
  }

  // IMMEDIATE: take the write lock up front, so a writer never fails
  // half-way through an upload on a lock another process holds.
  Status begin() override { return exec("BEGIN IMMEDIATE"); }
  // WAL: a deferred read transaction sees one snapshot without blocking writers.
  Status begin_snapshot() override { return exec("BEGIN DEFERRED"); }
  Status commit() override { return exec("COMMIT"); }
  void rollback() override { (void)exec("ROLLBACK"); }

  Result<std::vector<GroupCounts>> read_groups() override {
    std::vector<GroupCounts> out;
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT metric_id, epoch, reports FROM metric_groups ORDER BY metric_id, epoch", -1, &s,
                           nullptr) != SQLITE_OK)
      return error("read groups");
    while (sqlite3_step(s) == SQLITE_ROW)
      out.push_back({reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                     static_cast<std::uint64_t>(sqlite3_column_int64(s, 1)),
                     static_cast<std::uint64_t>(sqlite3_column_int64(s, 2)), {}});
    sqlite3_finalize(s);
    if (sqlite3_prepare_v2(db_, "SELECT bucket, ones FROM metric_bits WHERE metric_id = ?1 AND epoch = ?2", -1, &s,
                           nullptr) != SQLITE_OK)
      return error("read bits");
    for (GroupCounts& g : out) {
      sqlite3_bind_text(s, 1, g.metric_id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(s, 2, static_cast<sqlite3_int64>(g.epoch));
      while (sqlite3_step(s) == SQLITE_ROW) {
        const auto bucket = static_cast<std::size_t>(sqlite3_column_int64(s, 0));
        if (g.ones.size() <= bucket) g.ones.resize(bucket + 1, 0);
        g.ones[bucket] = static_cast<std::uint64_t>(sqlite3_column_int64(s, 1));
      }
      sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    return out;
  }

 private:
  Status error(const std::string& what) const {
    return {ErrorCode::kIo, "sqlite: " + what + ": " + sqlite3_errmsg(db_)};
  }
  Status exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return {};
    Status st{ErrorCode::kIo, std::string("sqlite: ") + (message ? message : "error")};
    sqlite3_free(message);
    return st;
  }
  Status prepare_one(const char* sql, sqlite3_stmt** out) {
    if (sqlite3_prepare_v2(db_, sql, -1, out, nullptr) != SQLITE_OK) return error("prepare");
    return {};
  }
  // Runs a prepared statement to completion with its bindings, then resets it.
  Status step_done(sqlite3_stmt* s, const char* what) {
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_DONE) return error(what);
    return {};
  }
  Result<bool> insert_id(const confidant::brand::OpenedReport& r, std::int64_t received_ms) override {
    sqlite3_bind_text(insert_id_, 1, r.report_id.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert_id_, 2, r.metric_id.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert_id_, 3, static_cast<sqlite3_int64>(r.epoch));
    sqlite3_bind_int64(insert_id_, 4, received_ms);
    if (Status st = step_done(insert_id_, "insert report id"); !st) return st;
    return sqlite3_changes(db_) == 1;  // 0: the id was there already
  }
  Status add_reports(const std::string& metric_id, std::uint64_t epoch, std::uint64_t n) override {
    sqlite3_bind_text(bump_group_, 1, metric_id.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(bump_group_, 2, static_cast<sqlite3_int64>(epoch));
    sqlite3_bind_int64(bump_group_, 3, static_cast<sqlite3_int64>(n));
    return step_done(bump_group_, "count group");
  }
  Status add_ones(const std::string& metric_id, std::uint64_t epoch, std::uint32_t bucket, std::uint64_t n) override {
    sqlite3_bind_text(bump_bit_, 1, metric_id.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(bump_bit_, 2, static_cast<sqlite3_int64>(epoch));
    sqlite3_bind_int64(bump_bit_, 3, bucket);
    sqlite3_bind_int64(bump_bit_, 4, static_cast<sqlite3_int64>(n));
    return step_done(bump_bit_, "count bit");
  }

  Status delete_ids_before(std::uint64_t epoch) override {
    sqlite3_bind_int64(forget_ids_, 1, static_cast<sqlite3_int64>(epoch));
    return step_done(forget_ids_, "forget ids");
  }

  sqlite3* db_;
  sqlite3_stmt* insert_id_ = nullptr;
  sqlite3_stmt* bump_group_ = nullptr;
  sqlite3_stmt* bump_bit_ = nullptr;
  sqlite3_stmt* forget_ids_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<Storage>> open_sqlite_storage(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status{ErrorCode::kIo, "sqlite:" + path + ": " + why};
  }
  auto storage = std::make_unique<SqliteStorage>(db);
  // WAL with NORMAL sync: a process crash loses nothing committed; a power
  // loss may lose the last uploads' counts (never corrupts them). Trading
  // that for an fsync per upload is the throughput of docs/collector.md.
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;", nullptr, nullptr,
               nullptr);
  if (Status st = storage->prepare(); !st) return st;
  return std::unique_ptr<Storage>(std::move(storage));
}

}  // namespace collector

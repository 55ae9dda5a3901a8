#include "sync/report_table.hpp"

#include "common/hex.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "consent/types.hpp"
#include "store/rows.hpp"

namespace confidant::sync {
namespace {

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string blob_text(const store::Statement& stmt, int column) {
  const auto blob = stmt.column_blob(column);
  return std::string(reinterpret_cast<const char*>(blob.data()), blob.size());
}

Status run(store::Store& store, std::string_view sql, const std::function<void(store::Statement&)>& bind) {
  auto stmt = store.prepare(sql);
  if (!stmt) return stmt.status();
  bind(stmt.value());
  return stmt->run();
}

std::string categories_json(CategoryMask mask) {
  json::Value::Array names;
  for (DataCategory category : kAllCategories)
    if ((mask & mask_of(category)) != 0) names.push_back(json::Value::from_string(std::string(consent::name(category))));
  return json::serialize(json::Value::from_array(std::move(names)));
}

}  // namespace

Result<std::optional<StoredConfig>> ReportTable::config() {
  std::optional<StoredConfig> found;
  Status st = store::for_each_row(store_, "SELECT version, signed FROM sync_config WHERE id = 1", [&](store::Statement& row) {
    found = StoredConfig{static_cast<std::uint64_t>(row.column_int64(0)), blob_text(row, 1)};
    return Status::ok();
  });
  if (!st) return st;
  return found;
}

Status ReportTable::save_config(const StoredConfig& config, std::int64_t now_ms) {
  return run(store_,
             "INSERT INTO sync_config(id, version, signed, installed_ms) VALUES (1, ?1, ?2, ?3) "
             "ON CONFLICT(id) DO UPDATE SET version = excluded.version, signed = excluded.signed, "
             "installed_ms = excluded.installed_ms",
             [&](store::Statement& s) {
               s.bind(1, static_cast<std::int64_t>(config.version)).bind_blob(2, bytes_of(config.signed_bytes)).bind(3, now_ms);
             });
}

Status ReportTable::insert(const NewReport& r) {
  return run(store_,
             "INSERT INTO sync_reports(report_id, metric_id, epoch, epsilon, data_categories, status, created_ms, "
             "next_attempt_ms, sealed, decoded) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?6, ?7, ?8)",
             [&](store::Statement& s) {
               s.bind_blob(1, bytes_of(r.report_id))
                   .bind(2, std::string_view(r.metric_id))
                   .bind(3, static_cast<std::int64_t>(r.epoch))
                   .bind(4, r.epsilon)
                   .bind(5, static_cast<std::int64_t>(r.data_categories))
                   .bind(6, r.created_ms)
                   .bind_blob(7, bytes_of(r.sealed))
                   .bind(8, std::string_view(r.decoded));
             });
}

Result<bool> ReportTable::reported(std::string_view metric_id, std::uint64_t epoch) {
  auto stmt = store_.prepare(
      "SELECT 1 FROM sync_reports WHERE metric_id = ?1 AND epoch = ?2 AND status <> 'discarded' LIMIT 1");
  if (!stmt) return stmt.status();
  stmt->bind(1, metric_id).bind(2, static_cast<std::int64_t>(epoch));
  return stmt->step();
}

Result<double> ReportTable::spent_since(std::int64_t since_ms, std::string_view metric_id) {
  auto stmt = store_.prepare(
      "SELECT COALESCE(SUM(epsilon), 0) FROM sync_reports "
      "WHERE created_ms > ?1 AND (status <> 'discarded' OR attempts > 0) AND (?2 = '' OR metric_id = ?2)");
  if (!stmt) return stmt.status();
  stmt->bind(1, since_ms).bind(2, metric_id);
  auto row = stmt->step();
  if (!row) return row.status();
  return stmt->column_double(0);
}

Result<std::vector<PendingReport>> ReportTable::due(std::int64_t now_ms, int limit) {
  auto stmt = store_.prepare(
      "SELECT report_id, created_ms, attempts, sealed FROM sync_reports "
      "WHERE status = 'pending' AND next_attempt_ms <= ?1 ORDER BY created_ms, report_id LIMIT ?2");
  if (!stmt) return stmt.status();
  stmt->bind(1, now_ms).bind(2, static_cast<std::int64_t>(limit));
  std::vector<PendingReport> out;
  while (true) {
    auto row = stmt->step();
    if (!row) return row.status();
    if (!row.value()) break;
    out.push_back({blob_text(stmt.value(), 0), stmt->column_int64(1), static_cast<int>(stmt->column_int64(2)),
                   blob_text(stmt.value(), 3)});
  }
  return out;
}

Result<int> ReportTable::pending_count() {
  auto stmt = store_.prepare("SELECT COUNT(*) FROM sync_reports WHERE status = 'pending'");
  if (!stmt) return stmt.status();
  auto row = stmt->step();
  if (!row) return row.status();
  return static_cast<int>(stmt->column_int64(0));
}

Status ReportTable::mark_sent(std::string_view report_id, int attempts, std::int64_t now_ms) {
  return run(store_,
             "UPDATE sync_reports SET status = 'sent', attempts = ?2, settled_ms = ?3, sealed = NULL, last_error = NULL "
             "WHERE report_id = ?1",
             [&](store::Statement& s) { s.bind_blob(1, bytes_of(report_id)).bind(2, std::int64_t{attempts}).bind(3, now_ms); });
}

Status ReportTable::mark_dropped(std::string_view report_id, int attempts, std::int64_t now_ms, std::string_view error) {
  return run(store_,
             "UPDATE sync_reports SET status = 'dropped', attempts = ?2, settled_ms = ?3, sealed = NULL, "
             "last_error = ?4 WHERE report_id = ?1",
             [&](store::Statement& s) {
               s.bind_blob(1, bytes_of(report_id)).bind(2, std::int64_t{attempts}).bind(3, now_ms).bind(4, error);
             });
}

Status ReportTable::mark_retry(std::string_view report_id, int attempts, std::int64_t next_attempt_ms,
                               std::string_view error) {
  return run(store_,
             "UPDATE sync_reports SET attempts = ?2, next_attempt_ms = ?3, last_error = ?4 WHERE report_id = ?1",
             [&](store::Statement& s) {
               s.bind_blob(1, bytes_of(report_id)).bind(2, std::int64_t{attempts}).bind(3, next_attempt_ms).bind(4, error);
             });
}

Status ReportTable::discard(CategoryMask mask, std::int64_t now_ms) {
  if (Status st = run(store_,
                      "UPDATE sync_reports SET status = 'discarded', settled_ms = ?2, sealed = NULL, "
                      "last_error = 'consent withdrawn before sending' "
                      "WHERE status = 'pending' AND (data_categories & ?1) <> 0",
                      [&](store::Statement& s) { s.bind(1, static_cast<std::int64_t>(mask)).bind(2, now_ms); });
      !st)
    return st;
  return run(store_, "DELETE FROM sync_memo WHERE (data_categories & ?1) <> 0",
             [&](store::Statement& s) { s.bind(1, static_cast<std::int64_t>(mask)); });
}

Status ReportTable::discard_prefix(std::string_view prefix, std::int64_t now_ms) {
  // substr rather than LIKE: an id may hold '%' or '_'.
  if (Status st = run(store_,
                      "UPDATE sync_reports SET status = 'discarded', settled_ms = ?2, sealed = NULL, "
                      "last_error = 'left the experiment before sending' "
                      "WHERE status = 'pending' AND substr(metric_id, 1, length(?1)) = ?1",
                      [&](store::Statement& s) { s.bind(1, prefix).bind(2, now_ms); });
      !st)
    return st;
  return run(store_, "DELETE FROM sync_memo WHERE substr(metric_id, 1, length(?1)) = ?1",
             [&](store::Statement& s) { s.bind(1, prefix); });
}

Result<std::optional<Memo>> ReportTable::memo(std::string_view metric_id, std::uint32_t value) {
  auto stmt = store_.prepare("SELECT domain_size, epsilon, bits FROM sync_memo WHERE metric_id = ?1 AND value = ?2");
  if (!stmt) return stmt.status();
  stmt->bind(1, metric_id).bind(2, static_cast<std::int64_t>(value));
  auto row = stmt->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<Memo>();
  return std::optional<Memo>(
      Memo{static_cast<std::uint32_t>(stmt->column_int64(0)), stmt->column_double(1), blob_text(stmt.value(), 2)});
}

Status ReportTable::save_memo(std::string_view metric_id, std::uint32_t value, CategoryMask from, const Memo& memo) {
  return run(store_,
             "INSERT INTO sync_memo(metric_id, value, domain_size, epsilon, data_categories, bits) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(metric_id, value) DO UPDATE SET "
             "domain_size = excluded.domain_size, epsilon = excluded.epsilon, "
             "data_categories = excluded.data_categories, bits = excluded.bits",
             [&](store::Statement& s) {
               s.bind(1, metric_id)
                   .bind(2, static_cast<std::int64_t>(value))
                   .bind(3, static_cast<std::int64_t>(memo.domain_size))
                   .bind(4, memo.epsilon)
                   .bind(5, static_cast<std::int64_t>(from))
                   .bind_blob(6, bytes_of(memo.bits));
             });
}

Status ReportTable::for_each_ledger_entry(const std::function<void(const std::string&)>& emit) {
  return store::for_each_row(
      store_,
      "SELECT decoded, status, epsilon, data_categories, created_ms, settled_ms, attempts, last_error "
      "FROM sync_reports ORDER BY created_ms, report_id",
      [&](store::Statement& row) {
        // The decoded report is a JSON document this SDK wrote: embedded as is.
        std::string line = "{\"report\":" + std::string(row.column_text(0));
        line += ",\"status\":" + json::json_string(row.column_text(1));
        line += ",\"epsilon\":";
        json::append_json_double(line, row.column_double(2));
        line += ",\"data_categories\":" + categories_json(static_cast<CategoryMask>(row.column_int64(3)));
        line += ",\"created_at\":" + json::json_string(timefmt::iso8601_utc(row.column_int64(4)));
        line += ",\"settled_at\":";
        line += row.column_is_null(5) ? "null" : json::json_string(timefmt::iso8601_utc(row.column_int64(5)));
        line += ",\"attempts\":" + std::to_string(row.column_int64(6));
        line += ",\"last_error\":";
        line += row.column_is_null(7) ? "null" : json::json_string(row.column_text(7));
        line += "}";
        emit(line);
        return Status::ok();
      });
}

}  // namespace confidant::sync

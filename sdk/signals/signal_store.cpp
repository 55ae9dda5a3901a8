#include "signals/signal_store.hpp"

#include <vector>

#include "consent/types.hpp"
#include "signals/signal.hpp"

namespace confidant::signals {
namespace {

// Reads a whole `SELECT id, body` and applies `visit` row by row.
template <typename Visit>
Status scan(store::Store& store, std::string_view sql, Visit&& visit) {
  auto stmt = store.prepare(sql);
  if (!stmt) return stmt.status();
  while (true) {
    auto row = stmt->step();
    if (!row) return row.status();
    if (!row.value()) return Status::ok();
    if (!visit(stmt->column_int64(0), stmt->column_text(1))) return Status::ok();
  }
}

Result<std::int64_t> changes(store::Store& store) {
  auto stmt = store.prepare("SELECT changes()");
  if (!stmt) return stmt.status();
  auto row = stmt->step();
  if (!row) return row.status();
  return stmt->column_int64(0);
}

Result<std::int64_t> run_delete(store::Store& store, std::string_view sql, std::string_view text_param,
                                std::int64_t int_param) {
  auto stmt = store.prepare(sql);
  if (!stmt) return stmt.status();
  if (!text_param.empty()) stmt->bind(1, text_param);
  else stmt->bind(1, int_param);
  if (Status st = stmt->run(); !st) return st;
  return changes(store);
}

}  // namespace

Status SignalStore::insert(const Signal& signal, bool sensitive) {
  if (!insert_) {
    auto stmt = store_.prepare(
        "INSERT INTO signals(type, data_category, sensitive, at_ms, body) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!stmt) return stmt.status();
    insert_.emplace(std::move(stmt.value()));
  }
  const std::string body = to_json(signal);
  if (Status st = insert_->reset(); !st) return st;
  insert_->bind(1, name(signal.type))
      .bind(2, consent::name(data_category(signal.type)))
      .bind(3, std::int64_t{sensitive ? 1 : 0})
      .bind(4, signal.at)
      .bind(5, std::string_view(body));
  return insert_->run();
}

Result<std::int64_t> SignalStore::purge(DataCategory category) {
  if (category == DataCategory::kSensitive) {
    return run_delete(store_, "DELETE FROM signals WHERE sensitive = ?1", {}, 1);
  }
  return run_delete(store_, "DELETE FROM signals WHERE data_category = ?1", consent::name(category), 0);
}

Result<std::int64_t> SignalStore::fold_older_than(std::int64_t cutoff_ms) {
  return run_delete(store_, "DELETE FROM signals WHERE at_ms < ?1", {}, cutoff_ms);
}

Result<std::int64_t> SignalStore::erase_if(const std::function<bool(const Signal&)>& mentions) {
  // Collect first: deleting while the scan's statement is open would be a
  // second writer on the same table mid-read.
  std::vector<std::int64_t> doomed;
  Status parse_error;
  Status st = scan(store_, "SELECT id, body FROM signals", [&](std::int64_t id, std::string_view body) {
    auto signal = signal_from_json(body);
    if (!signal) {
      parse_error = Status{ErrorCode::kTampered, "signals row " + std::to_string(id) + ": " +
                                                     signal.status().message()};
      return false;
    }
    if (mentions(signal.value())) doomed.push_back(id);
    return true;
  });
  if (!st) return st;
  if (!parse_error) return parse_error;
  auto del = store_.prepare("DELETE FROM signals WHERE id = ?1");
  if (!del) return del.status();
  for (const std::int64_t id : doomed) {
    if (Status reset = del->reset(); !reset) return reset;
    del->bind(1, id);
    if (Status run = del->run(); !run) return run;
  }
  return static_cast<std::int64_t>(doomed.size());
}

Status SignalStore::for_each_json(const std::function<bool(std::string_view json)>& visit) {
  return scan(store_, "SELECT id, body FROM signals ORDER BY at_ms, id",
              [&](std::int64_t, std::string_view body) { return visit(body); });
}

Result<std::int64_t> SignalStore::count() {
  auto stmt = store_.prepare("SELECT count(*) FROM signals");
  if (!stmt) return stmt.status();
  auto row = stmt->step();
  if (!row) return row.status();
  return stmt->column_int64(0);
}

}  // namespace confidant::signals

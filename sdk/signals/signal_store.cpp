#include "signals/signal_store.hpp"

#include <vector>

#include "consent/types.hpp"
#include "signals/signal.hpp"
#include "store/rows.hpp"

namespace confidant::signals {
namespace {

Result<std::int64_t> run_delete(store::Store& store, std::string_view sql, std::string_view text_param,
                                std::int64_t int_param) {
  auto stmt = store.prepare(sql);
  if (!stmt) return stmt.status();
  if (!text_param.empty()) stmt->bind(1, text_param);
  else stmt->bind(1, int_param);
  if (Status st = stmt->run(); !st) return st;
  return store::rows_changed(store);
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

Result<std::vector<SignalStore::Row>> SignalStore::rows_where(std::string_view sql,
                                                             const std::function<bool(const Signal&)>& pred) {
  // Collect first: writing while the scan's statement is open would be a
  // second writer on the same table mid-read.
  std::vector<Row> rows;
  Status st = store::for_each_row(store_, sql, [&](store::Statement& row) -> Status {
    const std::int64_t id = row.column_int64(0);
    auto signal = signal_from_json(row.column_text(1));
    if (!signal) {
      return {ErrorCode::kTampered, "signals row " + std::to_string(id) + ": " + signal.status().message()};
    }
    if (pred(signal.value())) rows.push_back({id, std::move(signal.value())});
    return Status::ok();
  });
  if (!st) return st;
  return rows;
}

Status SignalStore::run_per_row(std::string_view sql, const std::vector<Row>& rows) {
  auto stmt = store_.prepare(sql);
  if (!stmt) return stmt.status();
  for (const Row& row : rows) {
    if (Status reset = stmt->reset(); !reset) return reset;
    stmt->bind(1, row.id);
    if (Status run = stmt->run(); !run) return run;
  }
  return Status::ok();
}

Result<std::int64_t> SignalStore::erase_if(const std::function<bool(const Signal&)>& mentions) {
  auto doomed = rows_where("SELECT id, body FROM signals", mentions);
  if (!doomed) return doomed.status();
  if (Status st = run_per_row("DELETE FROM signals WHERE id = ?1", doomed.value()); !st) return st;
  return static_cast<std::int64_t>(doomed->size());
}

Result<std::vector<Signal>> SignalStore::between(std::int64_t from_ms, std::int64_t to_ms) {
  std::vector<Signal> out;
  auto stmt = store_.prepare("SELECT body FROM signals WHERE at_ms >= ?1 AND at_ms < ?2 AND sensitive = 0 ORDER BY at_ms");
  if (!stmt) return stmt.status();
  stmt->bind(1, from_ms).bind(2, to_ms);
  while (true) {
    auto row = stmt->step();
    if (!row) return row.status();
    if (!row.value()) break;
    auto signal = signal_from_json(stmt->column_text(0));
    if (!signal) return Status{ErrorCode::kTampered, "signals row: " + signal.status().message()};
    out.push_back(std::move(signal.value()));
  }
  return out;
}

Result<std::vector<Signal>> SignalStore::mark_sensitive(const std::function<bool(const Signal&)>& now_sensitive,
                                                        bool keep) {
  auto moved = rows_where("SELECT id, body FROM signals WHERE sensitive = 0", now_sensitive);
  if (!moved) return moved.status();
  const std::string_view sql = keep ? "UPDATE signals SET sensitive = 1 WHERE id = ?1" : "DELETE FROM signals WHERE id = ?1";
  if (Status st = run_per_row(sql, moved.value()); !st) return st;
  std::vector<Signal> out;
  out.reserve(moved->size());
  for (Row& row : moved.value()) out.push_back(std::move(row.signal));
  return out;
}

Status SignalStore::for_each_json(const std::function<void(std::string_view json)>& visit) {
  return store::for_each_row(store_, "SELECT body FROM signals ORDER BY at_ms, id", [&](store::Statement& row) {
    visit(row.column_text(0));
    return Status::ok();
  });
}

}  // namespace confidant::signals

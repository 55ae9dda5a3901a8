// Small helpers for the layers' SQL: reading every row of a query, and how
// many rows the last statement changed.
//
// Thread-safety: as the Store (its worker's thread).
#pragma once

#include <cstdint>
#include <string_view>

#include "confidant/status.hpp"
#include "store/store.hpp"

namespace confidant::store {

// Runs `sql` and calls read_row(Statement&) -> Status for each row; the
// first non-ok Status stops the scan and is returned.
template <typename ReadRow>
Status for_each_row(Store& store, std::string_view sql, ReadRow&& read_row) {
  auto stmt = store.prepare(sql);
  if (!stmt) return stmt.status();
  while (true) {
    auto row = stmt->step();
    if (!row) return row.status();
    if (!row.value()) return Status::ok();
    if (Status status = read_row(stmt.value()); !status) return status;
  }
}

// Rows inserted, updated or deleted by the last completed statement.
inline Result<std::int64_t> rows_changed(Store& store) {
  auto stmt = store.prepare("SELECT changes()");
  if (!stmt) return stmt.status();
  auto row = stmt->step();
  if (!row) return row.status();
  return stmt->column_int64(0);
}

}  // namespace confidant::store

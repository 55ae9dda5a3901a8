#include "api/settings.hpp"

namespace confidant::api {

std::vector<store::Migration> settings_migrations() {
  return {
      {1, "CREATE TABLE sdk_settings(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"},
  };
}

Result<bool> load_paused(store::Store& store) {
  auto stmt = store.prepare("SELECT value FROM sdk_settings WHERE name = 'paused'");
  if (!stmt) return stmt.status();
  auto row = stmt->step();
  if (!row) return row.status();
  return row.value() && stmt->column_int64(0) != 0;
}

Status save_paused(store::Store& store, bool paused) {
  auto stmt = store.prepare("INSERT INTO sdk_settings(name, value) VALUES ('paused', ?1) "
                            "ON CONFLICT(name) DO UPDATE SET value = excluded.value");
  if (!stmt) return stmt.status();
  stmt->bind(1, std::int64_t{paused ? 1 : 0});
  return stmt->run();
}

}  // namespace confidant::api

// Promise 5: no byte of what the store holds reaches the disk in the clear —
// not in rows, index keys or overflow pages, not in the log or the journal,
// not during a transaction, after a checkpoint or after VACUUM.
#include <sqlite3.h>

#include <string>

#include <catch2/catch.hpp>

#include "confidant/key_provider.hpp"
#include "store/store.hpp"
#include "support/files.hpp"

using namespace confidant;
using namespace confidant::store;
using confidant::testing::files_containing;
using confidant::testing::files_in;
using confidant::testing::TempDir;

namespace {

const std::string kRowCanary = "CANARY-ROW-7f3a91";
const std::string kIndexCanary = "CANARY-INDEX-KEY-c04e";
const std::string kOverflowCanary = "CANARY-OVERFLOW-52bd";
// Structure SQLite would write in the clear: its header string and schema text.
const std::string kSchemaText = "CREATE TABLE secrets";
const std::string kSqliteMagic = "SQLite format 3";

const char* kSchema =
    "CREATE TABLE secrets(id INTEGER PRIMARY KEY, k TEXT NOT NULL, v TEXT NOT NULL);"
    "CREATE INDEX secrets_k ON secrets(k);";

// A value spread over several overflow pages, with the canary on each of them.
std::string overflow_value(int row) {
  std::string v;
  while (v.size() < 20000) v += kOverflowCanary + "/" + std::to_string(row) + "/" + std::string(900, 'o');
  return v;
}

Status insert_rows(Store& store, int first, int count) {
  auto stmt = store.prepare("INSERT INTO secrets(k, v) VALUES (?, ?)");
  if (!stmt) return stmt.status();
  for (int i = first; i < first + count; ++i) {
    const std::string key = kIndexCanary + "-" + std::to_string(i);
    const std::string value = i % 10 == 0 ? overflow_value(i) : kRowCanary + "-" + std::to_string(i);
    if (Status st = stmt->reset(); !st) return st;
    if (Status st = stmt->bind(1, std::string_view(key)).bind(2, std::string_view(value)).run(); !st) return st;
  }
  return Status::ok();
}

StoreOptions secrets_store(const std::filesystem::path& dir, KeyProvider& provider) {
  StoreOptions options;
  options.dir = dir;
  options.key_provider = &provider;
  options.migrations = {{1, kSchema}};
  return options;
}

void require_no_plaintext(const std::filesystem::path& dir, const char* moment) {
  INFO("moment: " << moment);
  for (const auto& needle : {kRowCanary, kIndexCanary, kOverflowCanary, kSchemaText, kSqliteMagic}) {
    INFO("needle: " << needle);
    CHECK(files_containing(dir, needle).empty());
  }
  for (const auto& path : files_in(dir)) {
    const std::string name = path.filename().string();
    INFO("file: " << name);
    // No shared-memory index and no temporary files: only the database and its logs.
    CHECK((name == "confidant.db" || name == "confidant.db-wal" || name == "confidant.db-journal"));
  }
}

}  // namespace

TEST_CASE("the canary scan finds plaintext in a plain SQLite database (control)") {
  TempDir dir;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir.path() / "plain.db").c_str(), &db) == SQLITE_OK);
  const std::string sql = std::string(kSchema) + "INSERT INTO secrets(k, v) VALUES ('" + kIndexCanary + "', '" +
                          overflow_value(0) + "');";
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  CHECK_FALSE(files_containing(dir.path(), kIndexCanary).empty());
  CHECK_FALSE(files_containing(dir.path(), kOverflowCanary).empty());
  CHECK_FALSE(files_containing(dir.path(), kSchemaText).empty());
}

TEST_CASE("no plaintext in any file of the store, at any moment") {
  TempDir dir;
  auto provider = make_in_memory_key_provider();
  const StoreOptions options = secrets_store(dir.path(), *provider);
  {
    auto opened = Store::open(options);
    REQUIRE(opened.status().to_string() == "ok");
    Store& store = *opened.value();
    // A tiny page cache makes SQLite spill dirty pages to the log mid-transaction.
    REQUIRE(store.exec("PRAGMA cache_size=4").is_ok());

    REQUIRE(store.exec("BEGIN").is_ok());
    REQUIRE(insert_rows(store, 0, 400).is_ok());
    REQUIRE(std::filesystem::exists(dir.path() / "confidant.db-wal"));
    require_no_plaintext(dir.path(), "inside an open transaction (pages spilled to the WAL)");
    REQUIRE(store.exec("COMMIT").is_ok());
    require_no_plaintext(dir.path(), "after commit");

    REQUIRE(store.checkpoint().is_ok());
    require_no_plaintext(dir.path(), "after checkpoint");

    REQUIRE(store.exec("VACUUM").is_ok());
    require_no_plaintext(dir.path(), "after VACUUM");

    // The rollback journal holds the old page images while a transaction runs.
    REQUIRE(store.checkpoint().is_ok());
    REQUIRE(store.exec("PRAGMA journal_mode=DELETE").is_ok());
    REQUIRE(store.exec("BEGIN").is_ok());
    REQUIRE(store.exec("UPDATE secrets SET v = 'gone', k = 'gone' || id").is_ok());
    REQUIRE(insert_rows(store, 1000, 50).is_ok());
    REQUIRE(std::filesystem::exists(dir.path() / "confidant.db-journal"));
    CHECK(std::filesystem::file_size(dir.path() / "confidant.db-journal") > 4096);
    require_no_plaintext(dir.path(), "inside a rollback-journal transaction");
    REQUIRE(store.exec("ROLLBACK").is_ok());
    require_no_plaintext(dir.path(), "after rollback from the journal");
    REQUIRE(store.exec("PRAGMA journal_mode=WAL").is_ok());

    auto count = store.prepare("SELECT count(*) FROM secrets WHERE k LIKE 'CANARY-INDEX-KEY-%'");
    REQUIRE(count.is_ok());
    REQUIRE(count->step().is_ok());
    CHECK(count->column_int64(0) == 400);  // the rollback restored every row
    CHECK(store.integrity_check().value() == "ok");
  }
  require_no_plaintext(dir.path(), "after close");

  auto reopened = Store::open(options);
  REQUIRE(reopened.is_ok());
  auto value = reopened.value()->prepare("SELECT v FROM secrets WHERE id = 1");
  REQUIRE(value.is_ok());
  REQUIRE(value->step().value());
  CHECK(std::string(value->column_text(0)).find(kOverflowCanary) == 0);
}

TEST_CASE("temporary files are kept in memory, never on disk") {
  TempDir dir;
  auto provider = make_in_memory_key_provider();
  const StoreOptions options = secrets_store(dir.path(), *provider);
  auto opened = Store::open(options);
  REQUIRE(opened.is_ok());
  Store& store = *opened.value();
  REQUIRE(insert_rows(store, 0, 200).is_ok());
  // Sorting, temp tables and statement journals all need scratch space.
  REQUIRE(store.exec("CREATE TEMP TABLE scratch AS SELECT k || v AS kv FROM secrets ORDER BY v DESC").is_ok());
  REQUIRE(store.exec("CREATE INDEX secrets_v ON secrets(v)").is_ok());
  auto sorted = store.prepare("SELECT k FROM secrets ORDER BY v, k DESC");
  REQUIRE(sorted.is_ok());
  REQUIRE(sorted->step().value());
  require_no_plaintext(dir.path(), "after temp table, sort and index build");

  // Asked to keep temporary data in files, SQLite is refused by the VFS.
  REQUIRE(store.exec("PRAGMA temp_store=FILE; PRAGMA temp.cache_size=2;").is_ok());
  const Status refused = store.exec("CREATE TEMP TABLE spill AS SELECT * FROM secrets");
  CHECK_FALSE(refused.is_ok());
  CHECK(refused.code() == ErrorCode::kIo);
  require_no_plaintext(dir.path(), "after a refused temp file");
}

#include "bench_sqlite_engine.hpp"

#include <sqlite3.h>

#include <cstring>
#include <stdexcept>

namespace confidant::bench {
namespace {

class SqliteEngine final : public Engine {
 public:
  SqliteEngine(Sync sync, std::string raw_key_hex) : sync_(sync), raw_key_hex_(std::move(raw_key_hex)) {}
  ~SqliteEngine() override { release(); }

  void open(const std::filesystem::path& dir) override {
    // A header from one SQLite and a library from another would measure nonsense.
    if (std::strcmp(sqlite3_libversion(), SQLITE_VERSION) != 0) {
      throw std::runtime_error(std::string("sqlite3.h is ") + SQLITE_VERSION + " but the library is " +
                               sqlite3_libversion());
    }
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "bench.db").string();
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      release();
      throw std::runtime_error("open " + path + ": " + message);
    }
    if (!raw_key_hex_.empty()) {
      exec(("PRAGMA key = \"x'" + raw_key_hex_ + "'\"").c_str());
      // Plain SQLite ignores unknown pragmas: make sure the pages really are encrypted.
      if (query_text("PRAGMA cipher_version").empty()) {
        throw std::runtime_error("a key was given but the linked library is not SQLCipher");
      }
      exec("PRAGMA cipher_page_size = 4096");
    } else {
      exec("PRAGMA page_size = 4096");
    }
    exec("PRAGMA locking_mode = EXCLUSIVE");
    const std::string mode = query_text("PRAGMA journal_mode = WAL");
    if (mode != "wal") throw std::runtime_error("journal_mode = WAL answered " + mode);
    exec(sync_ == Sync::kFull ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    exec("PRAGMA temp_store = MEMORY");
    exec("PRAGMA mmap_size = 0");
  }

  void close() override {
    finalize_statements();
    if (db_ != nullptr) {
      const int rc = sqlite3_close(db_);
      if (rc != SQLITE_OK) throw std::runtime_error(std::string("close: ") + sqlite3_errmsg(db_));
      db_ = nullptr;
    }
  }

  void exec(const char* sql) override {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : sqlite3_errmsg(db_);
      sqlite3_free(error);
      throw std::runtime_error(std::string(sql) + ": " + message);
    }
  }

  void insert(std::int64_t id, std::span<const std::uint8_t> payload) override {
    sqlite3_stmt* stmt = prepared(insert_, kInsertSql);
    sqlite3_bind_int64(stmt, 1, id);
    // TRANSIENT, as a wrapper that cannot know the buffer's lifetime (Confidant's) would.
    sqlite3_bind_blob(stmt, 2, payload.data(), static_cast<int>(payload.size()), SQLITE_TRANSIENT);
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) fail(kInsertSql);
  }

  std::int64_t lookup(std::int64_t id) override {
    sqlite3_stmt* stmt = prepared(lookup_, kLookupSql);
    sqlite3_bind_int64(stmt, 1, id);
    const int rc = sqlite3_step(stmt);
    std::int64_t length = -1;
    if (rc == SQLITE_ROW) {
      const void* bytes = sqlite3_column_blob(stmt, 0);
      length = bytes ? sqlite3_column_bytes(stmt, 0) : 0;
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(kLookupSql);
    return length;
  }

  std::int64_t scan() override {
    sqlite3_stmt* stmt = prepared(scan_, kScanSql);
    const int rc = sqlite3_step(stmt);
    const std::int64_t sum = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_reset(stmt);
    if (rc != SQLITE_ROW) fail(kScanSql);
    return sum;
  }

  std::string query_text(const char* sql) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) fail(sql);
    const int rc = sqlite3_step(stmt);
    std::string text;
    if (rc == SQLITE_ROW) {
      const unsigned char* value = sqlite3_column_text(stmt, 0);
      if (value != nullptr) text = reinterpret_cast<const char*>(value);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(sql);
    return text;
  }

 private:
  sqlite3_stmt* prepared(sqlite3_stmt*& slot, const char* sql) {
    if (slot == nullptr && sqlite3_prepare_v2(db_, sql, -1, &slot, nullptr) != SQLITE_OK) fail(sql);
    return slot;
  }

  [[noreturn]] void fail(const char* what) {
    throw std::runtime_error(std::string(what) + ": " + (db_ ? sqlite3_errmsg(db_) : "no database"));
  }

  void finalize_statements() {
    for (sqlite3_stmt** slot : {&insert_, &lookup_, &scan_}) {
      sqlite3_finalize(*slot);
      *slot = nullptr;
    }
  }

  // For the destructor and failed opens: never throws.
  void release() {
    finalize_statements();
    sqlite3_close(db_);
    db_ = nullptr;
  }

  Sync sync_;
  std::string raw_key_hex_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* lookup_ = nullptr;
  sqlite3_stmt* scan_ = nullptr;
};

}  // namespace

std::unique_ptr<Engine> make_sqlite_engine(Sync sync, std::string raw_key_hex) {
  return std::make_unique<SqliteEngine>(sync, std::move(raw_key_hex));
}

std::string sqlite_library_name() {
  // A codec-less SQLite answers nothing to cipher_version.
  sqlite3* db = nullptr;
  std::string cipher;
  if (sqlite3_open(":memory:", &db) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA cipher_version", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
      cipher = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  const std::string sqlite = std::string("SQLite ") + sqlite3_libversion();
  return cipher.empty() ? sqlite : "SQLCipher " + cipher + " (" + sqlite + ")";
}

}  // namespace confidant::bench

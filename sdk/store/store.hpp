// Store: one encrypted SQLite database, the only place the SDK keeps data.
//
// Everything the store writes goes through the encrypting VFS (vfs.hpp):
// pages, write-ahead log and journals are sealed with XChaCha20-Poly1305 under
// a random data key that the KeyProvider wraps. The store runs SQLite in WAL
// mode with an exclusive lock (so no -shm file exists), memory mapping off and
// temporary storage in memory. See docs/storage.md for the on-disk layout.
//
// Files in `dir`: confidant.db (header + pages) and, while open, confidant.db-wal.
// Each must be a regular file or absent (as must confidant.db-journal): a
// FIFO, directory, link or socket there is refused with kNotAStore, unopened.
//
// Thread-safety: a Store and its Statements are used by one thread at a time
// (the SDK's worker). Different Stores are independent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/key_provider.hpp"
#include "confidant/status.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace confidant::store {

// How long a commit waits for the disk.
enum class Durability {
  kFull,    // every commit is synced before it returns (default: consent changes must survive power loss)
  kNormal,  // commits are synced at checkpoints; a power cut may lose the last commits, never consistency
};

// One step of the schema. Versions start at 1 and ascend without gaps; each
// runs in its own transaction together with the version bump.
struct Migration {
  int version = 0;
  std::string sql;
};

struct StoreOptions {
  std::filesystem::path dir;                 // required; created if missing
  KeyProvider* key_provider = nullptr;       // required; not owned; must outlive the Store
  std::vector<Migration> migrations;         // applied in order on open
  Durability durability = Durability::kFull;
  bool create_if_missing = true;             // false: a missing store is an error
  // SQLite VFS that performs the physical I/O under the encryption ("" = the
  // platform default). Tests pass a fault-injecting VFS here.
  std::string base_vfs;
};

class Statement;

// Steps of rotate_data_key(), reported to a test hook so crash tests can stop there.
enum class RotationStep { kCheckpointed, kCopied, kCopySynced, kOldClosed, kRenamed, kDone };

class Store {
 public:
  // An open that fails writes, truncates and deletes nothing from then on,
  // closing included: a store found damaged, or a wrong key, leaves every
  // file exactly as it was.
  static Result<std::unique_ptr<Store>> open(const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Runs one or more SQL statements that return no rows.
  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);

  // The one way a change of several statements is made atomic: runs `body`
  // between BEGIN IMMEDIATE and COMMIT. When `body` returns a non-ok Status
  // or throws, or COMMIT fails, everything it wrote is rolled back and that
  // Status is returned (an exception as kInternal). Transactions do not
  // nest: inside `body` a second transaction() is refused (kInternal), and
  // `body` must not BEGIN, COMMIT or ROLLBACK itself (SAVEPOINTs are fine).
  // Code that must run inside a caller's transaction checks in_transaction().
  Status transaction(const std::function<Status()>& body);
  bool in_transaction() const;

  // The schema version (PRAGMA user_version) after migrations.
  Result<int> schema_version();
  // SQLite's integrity_check: "ok" or its report.
  Result<std::string> integrity_check();
  // Copies the log into the main file and truncates the log.
  Status checkpoint();

  // Re-wraps the data key with `new_provider` (O(1): the pages are untouched).
  // The old provider no longer opens the store afterwards. The Store keeps
  // using `new_provider`, which must outlive it.
  Status rewrap(KeyProvider& new_provider);

  // Re-encrypts every page under a new random data key: the database is copied
  // through the encrypting VFS into a new file that atomically replaces the old
  // one. A crash at any point leaves a store that opens with either the old or
  // the new key. `hook` (tests) is told each step as it completes.
  Status rotate_data_key(const std::function<void(RotationStep)>& hook = {});

  // Closes the database. Further calls return kClosed. kBusy while any
  // Statement of this store is alive (destroy them first).
  Status close();

  // Crypto-shredding: closes the store, overwrites the wrapped keys in the
  // header with random bytes, syncs, removes every file of the store, and
  // finally asks the key provider to destroy its wrapping key
  // (KeyProvider::destroy), so copies of the files taken earlier die too.
  // kBusy while any Statement of this store is alive.
  Status erase();

  const std::filesystem::path& dir() const { return dir_; }

  // The database file of a store directory.
  static std::filesystem::path db_path(const std::filesystem::path& dir);
  // Erases the store in `dir` without opening it (no key needed): shreds the
  // key slots of the database and of any rotation copy, then removes them and
  // their logs. The provider's wrapping key is left alone.
  static Status erase_files(const std::filesystem::path& dir, const std::string& base_vfs = "");

 private:
  class Impl;
  explicit Store(std::unique_ptr<Impl> impl, std::filesystem::path dir);
  std::unique_ptr<Impl> impl_;
  std::filesystem::path dir_;
};

// A prepared statement. Column and parameter indexes follow SQLite: parameters
// from 1, columns from 0. Text and blob views stay valid until the next step().
// A Statement must not outlive its Store; one kept across rotate_data_key()
// answers kClosed.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::span<const std::uint8_t> bytes);
  Statement& bind_null(int index);

  // true when a row is ready, false when done.
  Result<bool> step();
  // Runs to completion, expecting no rows.
  Status run();
  Status reset();

  std::int64_t column_int64(int column) const;
  double column_double(int column) const;
  std::string_view column_text(int column) const;
  std::span<const std::uint8_t> column_blob(int column) const;
  bool column_is_null(int column) const;

 private:
  friend class Store;
  Statement(sqlite3_stmt* stmt, sqlite3* db, std::function<Status(int, sqlite3*)> map_error);
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  Status bind_error_;
  std::function<Status(int, sqlite3*)> map_error_;
};

}  // namespace confidant::store

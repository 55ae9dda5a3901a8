// The store benchmark's workload, written once and compiled into both
// store_bench (plain SQLite, Confidant) and store_bench_sqlcipher, so every
// engine runs the same SQL over the same bytes in the same order.
//
// One round on one engine, in a fresh directory:
//   insert  `rows` rows of 200 random (incompressible) bytes, 1,000 rows per
//           transaction; the whole phase is timed, commits and any automatic
//           WAL checkpoints included.
//   reopen  close the database and open it with a new connection, then read
//           the schema (which also makes SQLCipher derive its key). Timed and
//           shown, but not part of any ratio.
//   lookup  `rows` primary-key lookups in a random permutation of the ids
//           (the same seed for every engine) on a cold cache. "Cold" means
//           SQLite's page cache is empty because the connection is new; the
//           operating system's file cache is NOT dropped, so pages come from
//           RAM, and the cost measured is SQLite + VFS + decryption, not disk.
//   scan    5 x SELECT sum(length(payload)) over the whole table.
//
// Engines report errors by throwing std::runtime_error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace confidant::bench {

inline constexpr std::size_t kPayloadBytes = 200;
inline constexpr std::int64_t kRowsPerTransaction = 1'000;
inline constexpr int kScans = 5;

inline constexpr const char* kCreateTable = "CREATE TABLE rows(id INTEGER PRIMARY KEY, payload BLOB NOT NULL)";
inline constexpr const char* kInsertSql = "INSERT INTO rows(id, payload) VALUES(?1, ?2)";
inline constexpr const char* kLookupSql = "SELECT payload FROM rows WHERE id = ?1";
inline constexpr const char* kScanSql = "SELECT sum(length(payload)) FROM rows";

// One database engine under test. Implementations keep their hot statements
// prepared between calls and finalize them in close().
class Engine {
 public:
  virtual ~Engine() = default;
  // Opens the database in `dir` with a new connection, creating it if missing.
  virtual void open(const std::filesystem::path& dir) = 0;
  virtual void close() = 0;
  virtual void exec(const char* sql) = 0;
  virtual void insert(std::int64_t id, std::span<const std::uint8_t> payload) = 0;
  // The payload's length, or -1 when no row has this id.
  virtual std::int64_t lookup(std::int64_t id) = 0;
  // The result of kScanSql.
  virtual std::int64_t scan() = 0;
  // The first column of the first row as text ("" when there is no row).
  virtual std::string query_text(const char* sql) = 0;
};

// The data every engine is fed: identical for identical (rows, seed).
struct Workload {
  std::int64_t rows = 0;
  std::vector<std::uint8_t> payloads;      // rows * kPayloadBytes bytes; row id i uses slice i-1
  std::vector<std::int64_t> lookup_order;  // a permutation of 1..rows

  static Workload make(std::int64_t rows, std::uint64_t seed);
  std::span<const std::uint8_t> payload(std::int64_t id) const;
};

struct RoundResult {
  double insert_ms = 0;
  double reopen_ms = 0;
  double lookup_ms = 0;
  double scan_ms = 0;
  std::int64_t page_count = 0;   // PRAGMA page_count after the lookups
  std::uintmax_t disk_bytes = 0; // every file in the directory once closed
  // PRAGMA name -> value as the engine runs them, read right after creating the table.
  std::vector<std::pair<std::string, std::string>> config;
};

// Runs one round on `engine` in `dir` (which must not exist yet; it is removed
// afterwards). Throws std::runtime_error when an engine fails or returns wrong data.
RoundResult run_round(Engine& engine, const Workload& workload, const std::filesystem::path& dir);

// "page_size=4096 journal_mode=wal ..." and back.
std::string format_config(const std::vector<std::pair<std::string, std::string>>& config);
std::vector<std::pair<std::string, std::string>> parse_config(const std::string& text);

}  // namespace confidant::bench

// Command-line options shared by store_bench and its child store_bench_sqlcipher,
// so both sides of the child protocol parse the same flags the same way.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

namespace confidant::bench {

enum class Sync { kFull, kNormal };

struct Options {
  std::int64_t rows = 100'000;        // --rows N: rows inserted, and as many lookups
  int rounds = 5;                     // --rounds N (store_bench only)
  Sync sync = Sync::kFull;            // --sync full|normal: the same level for every engine
  std::uint64_t seed = 0x5eed'c0de;   // --seed N: payload bytes and lookup order
  bool json = false;                  // --json (store_bench only): one JSON object on stdout
  std::filesystem::path tmp = "/tmp"; // --tmp DIR (store_bench only): where round directories go
  std::filesystem::path db_dir;       // --db-dir DIR (child only): the fresh directory of its one round
  bool no_key = false;                // --no-key (child only): run SQLCipher's SQLite without a key
};

// "FULL" or "NORMAL", as PRAGMA synchronous spells it.
const char* sync_name(Sync sync);

// Parses argv[1..]. On --help or a bad flag prints `usage` (and the fault) to
// stderr and returns nullopt with `exit_code` set (0 for --help, 2 otherwise).
std::optional<Options> parse_options(int argc, char** argv, std::string_view usage, int& exit_code);

}  // namespace confidant::bench

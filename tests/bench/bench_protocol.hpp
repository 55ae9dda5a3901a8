// How store_bench_sqlcipher reports its one round to store_bench: plain
// "key value" lines on stdout, one per field, so a human running the child by
// hand reads the same thing the parent parses. Errors go to stderr with a
// non-zero exit status.
//
//   engine SQLCipher 3.4.1 (SQLite 3.15.2)
//   config page_size=4096 journal_mode=wal ...
//   insert_ms 1234.567
//   reopen_ms 1.234
//   lookup_ms 456.789
//   scan_ms 123.456
//   page_count 5678
//   disk_bytes 23456789
#pragma once

#include <optional>
#include <string>

#include "bench_workload.hpp"

namespace confidant::bench {

struct RoundReport {
  std::string engine;
  RoundResult result;
};

std::string format_round_report(const RoundReport& report);
// nullopt when a timing is missing.
std::optional<RoundReport> parse_round_report(const std::string& text);

}  // namespace confidant::bench

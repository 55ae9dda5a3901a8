// store_bench_sqlcipher: one round of the store workload on SQLCipher.
//
// SQLCipher exports the same sqlite3_* symbols as SQLite, so it cannot share a
// process with the plain SQLite and Confidant runs; store_bench starts this
// program once per round and reads its report (bench_protocol.hpp) from stdout.
// It links SQLCipher only: never libsqlite3, never Confidant.
//
//   store_bench_sqlcipher --db-dir DIR [--rows N] [--sync full|normal] [--seed N] [--no-key]
//
// --no-key runs the same library without a key: SQLCipher's own SQLite, which
// separates the cost of encryption from the age of the SQLite underneath.
#include <cstdio>
#include <exception>

#include "bench_options.hpp"
#include "bench_protocol.hpp"
#include "bench_sqlite_engine.hpp"
#include "bench_workload.hpp"

namespace {

constexpr const char* kUsage =
    "usage: store_bench_sqlcipher --db-dir DIR [--rows N] [--sync full|normal] [--seed N] [--no-key]\n"
    "Runs one round of the store workload on SQLCipher in DIR (created, then removed)\n"
    "and prints its timings as 'key value' lines. Normally started by store_bench.\n";

// Fixed: the benchmark measures speed, not secrecy.
constexpr const char* kRawKeyHex = "2dd29ca851e7b56e4697b0e1f08507293d761a05ce4d1b628663f411a8086d99";

}  // namespace

int main(int argc, char** argv) {
  using namespace confidant::bench;
  int exit_code = 0;
  const auto options = parse_options(argc, argv, kUsage, exit_code);
  if (!options) return exit_code;
  if (options->db_dir.empty()) {
    std::fprintf(stderr, "store_bench_sqlcipher: --db-dir is required\n%s", kUsage);
    return 2;
  }
  try {
    const Workload workload = Workload::make(options->rows, options->seed);
    auto engine = make_sqlite_engine(options->sync, options->no_key ? "" : kRawKeyHex);
    RoundReport report{sqlite_library_name() + (options->no_key ? " without a key" : ""), {}};
    report.result = run_round(*engine, workload, options->db_dir);
    std::fputs(format_round_report(report).c_str(), stdout);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "store_bench_sqlcipher: %s\n", error.what());
    return 1;
  }
}

// store_bench: what Confidant's encryption costs, against plain SQLite and SQLCipher.
//
//   store_bench [--rows N] [--rounds N] [--sync full|normal] [--seed N] [--tmp DIR] [--json]
//
// Runs the workload of bench_workload.hpp (inserts in 1,000-row transactions,
// primary-key lookups in random order on a cold page cache, full scans) on
// three engines configured alike (WAL, EXCLUSIVE locking, 4096-byte pages, the
// same synchronous level, default cache_size, temp_store=MEMORY, no mmap):
//   plain      the system SQLite, in this process: the baseline
//   Confidant  the encrypted store over the same SQLite, in this process
//   SQLCipher  store_bench_sqlcipher next to this executable, one child per
//              round (SQLCipher's sqlite3_* symbols clash with SQLite's)
// Each round runs every engine once in a fresh directory under --tmp, the
// order rotating from round to round so drift (thermal, other load) spreads
// evenly. It prints medians over the rounds, their ratios, and the median of
// the round-by-round ratios (steadier when the machine is busy). With --json
// the table goes to stderr and stdout holds one JSON object: insert_ratio,
// lookup_ratio, scan_ratio (Confidant / plain), sqlcipher_*_ratio (SQLCipher /
// plain), confidant_sqlcipher_*_ratio, and the medians <engine>_<phase>_ms
// for engine plain|confidant|sqlcipher and phase insert|lookup|scan|reopen;
// null where an engine did not run.
//
// Pages hold the same 4096 bytes everywhere, less each engine's reserve:
// 0 bytes for plain SQLite, 40 for Confidant (nonce + tag), 48 for SQLCipher
// 3.4 (IV + HMAC-SHA1, rounded to the AES block); the table shows page counts.
//
// A benchmark, not a test: never registered with ctest, and it judges nothing;
// it exits non-zero only when an engine fails or returns wrong data.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bench_confidant_engine.hpp"
#include "bench_options.hpp"
#include "bench_protocol.hpp"
#include "bench_sqlite_engine.hpp"
#include "bench_workload.hpp"

extern char** environ;

namespace confidant::bench {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: store_bench [--rows N] [--rounds N] [--sync full|normal] [--seed N] [--tmp DIR] [--json]\n"
    "  --rows N      rows inserted and ids looked up (default 100000)\n"
    "  --rounds N    rounds; medians are taken over them (default 5)\n"
    "  --sync LEVEL  PRAGMA synchronous for all three engines: full (default) or normal\n"
    "  --seed N      seed of the payload bytes and the lookup order\n"
    "  --tmp DIR     where the per-round store directories go (default /tmp)\n"
    "  --json        print one JSON object on stdout (the table goes to stderr)\n";

enum EngineId { kPlain, kConfidant, kSqlcipher, kEngineCount };
constexpr std::array<const char*, kEngineCount> kLabels = {"plain", "Confidant", "SQLCipher"};
constexpr std::array<const char*, kEngineCount> kJsonPrefixes = {"plain", "confidant", "sqlcipher"};

struct EngineRuns {
  std::string description;
  std::vector<RoundResult> rounds;
  std::string failure;  // set once the engine failed or is unavailable; it is skipped afterwards
  std::vector<std::pair<std::string, std::string>> config;
};

// The phases the table and the JSON report, in order.
struct Phase {
  const char* json_name;
  double RoundResult::*field;
};
constexpr std::array<Phase, 4> kPhases = {{
    {"insert", &RoundResult::insert_ms},
    {"lookup", &RoundResult::lookup_ms},
    {"scan", &RoundResult::scan_ms},
    {"reopen", &RoundResult::reopen_ms},
}};

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

std::optional<double> median_of(const EngineRuns& runs, double RoundResult::*field) {
  std::vector<double> values;
  for (const RoundResult& round : runs.rounds) values.push_back(round.*field);
  return median(std::move(values));
}

std::optional<double> ratio(std::optional<double> numerator, std::optional<double> denominator) {
  if (!numerator || !denominator || *denominator <= 0) return std::nullopt;
  return *numerator / *denominator;
}

// The median of the round-by-round ratios: engines of one round ran seconds
// apart, so this cancels drift between rounds that the ratio of medians keeps.
std::optional<double> paired_ratio(const EngineRuns& numerator, const EngineRuns& denominator,
                                   double RoundResult::*field) {
  std::vector<double> ratios;
  for (std::size_t i = 0; i < std::min(numerator.rounds.size(), denominator.rounds.size()); ++i) {
    if (denominator.rounds[i].*field > 0) ratios.push_back(numerator.rounds[i].*field / denominator.rounds[i].*field);
  }
  return median(std::move(ratios));
}

// Runs store_bench_sqlcipher for one round. Its stderr is ours, so its errors show as they happen.
RoundReport run_child(const fs::path& program, const Options& options, const fs::path& dir) {
  const std::vector<std::string> args = {
      program.string(), "--db-dir", dir.string(), "--rows", std::to_string(options.rows),
      "--sync", options.sync == Sync::kFull ? "full" : "normal", "--seed", std::to_string(options.seed)};
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);  // dup2 clears O_CLOEXEC
  pid_t pid = 0;
  const int spawn_error = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawn_error != 0) {
    close(pipe_fds[0]);
    throw std::runtime_error("cannot start " + program.string() + ": " + std::strerror(spawn_error));
  }
  std::string output;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = read(pipe_fds[0], buffer, sizeof buffer)) != 0) {
    if (got < 0) {
      if (errno == EINTR) continue;
      break;
    }
    output.append(buffer, static_cast<std::size_t>(got));
  }
  close(pipe_fds[0]);
  int wait_status = 0;
  while (waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
    throw std::runtime_error(program.filename().string() + " failed (" +
                             (WIFEXITED(wait_status) ? "exit status " + std::to_string(WEXITSTATUS(wait_status))
                                                     : "signal " + std::to_string(WTERMSIG(wait_status))) +
                             ")");
  }
  auto report = parse_round_report(output);
  if (!report) throw std::runtime_error("cannot read the report of " + program.filename().string() + ":\n" + output);
  return std::move(*report);
}

// The 1-minute load average: other work on the machine is the usual cause of noisy figures.
std::string load_average() {
  std::FILE* file = std::fopen("/proc/loadavg", "r");
  if (file == nullptr) return "?";
  char text[16] = "?";
  if (std::fscanf(file, "%15s", text) != 1) std::strcpy(text, "?");
  std::fclose(file);
  return text;
}

std::string format_ms(std::optional<double> ms) {
  if (!ms) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", *ms);
  return text;
}

std::string format_ratio(std::optional<double> value) {
  if (!value) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%.2fx", *value);
  return text;
}

// Median over the rounds of a per-round size, printed with `format`.
std::string format_median_size(const EngineRuns& runs, double (*size)(const RoundResult&), const char* format) {
  std::vector<double> values;
  for (const RoundResult& round : runs.rounds) values.push_back(size(round));
  const auto value = median(std::move(values));
  if (!value) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, format, *value);
  return text;
}

double pages(const RoundResult& round) { return static_cast<double>(round.page_count); }
double mebibytes(const RoundResult& round) { return static_cast<double>(round.disk_bytes) / (1024.0 * 1024.0); }

void print_table(std::FILE* out, const Options& options, const std::array<EngineRuns, kEngineCount>& engines,
                 const std::string& load_before) {
  std::fprintf(out,
               "\nStore benchmark: %lld rows of %zu random bytes, %lld rows per transaction, %lld lookups, "
               "%d scans; synchronous=%s; median of %d rounds\n",
               static_cast<long long>(options.rows), kPayloadBytes, static_cast<long long>(kRowsPerTransaction),
               static_cast<long long>(options.rows), kScans, sync_name(options.sync), options.rounds);
  std::fprintf(out, "  machine: %ld CPUs, load average %s before, %s after\n", sysconf(_SC_NPROCESSORS_ONLN),
               load_before.c_str(), load_average().c_str());
  for (int e = 0; e < kEngineCount; ++e) {
    const EngineRuns& runs = engines[static_cast<std::size_t>(e)];
    std::fprintf(out, "  %-10s %s%s\n", kLabels[static_cast<std::size_t>(e)], runs.description.c_str(),
                 runs.failure.empty() ? "" : ("  [" + runs.failure + "]").c_str());
  }
  std::fprintf(out, "\n%-24s %10s %10s %10s   %15s %15s %19s\n", "median ms", "plain", "Confidant", "SQLCipher",
               "Confidant/plain", "SQLCipher/plain", "Confidant/SQLCipher");
  const std::array<const char*, 4> row_names = {"insert", "lookup (cold cache)", "scan x5", "reopen (not a phase)"};
  for (std::size_t p = 0; p < kPhases.size(); ++p) {
    std::array<std::optional<double>, kEngineCount> ms;
    for (std::size_t e = 0; e < kEngineCount; ++e) ms[e] = median_of(engines[e], kPhases[p].field);
    std::fprintf(out, "%-24s %10s %10s %10s   %15s %15s %19s\n", row_names[p], format_ms(ms[kPlain]).c_str(),
                 format_ms(ms[kConfidant]).c_str(), format_ms(ms[kSqlcipher]).c_str(),
                 format_ratio(ratio(ms[kConfidant], ms[kPlain])).c_str(),
                 format_ratio(ratio(ms[kSqlcipher], ms[kPlain])).c_str(),
                 format_ratio(ratio(ms[kConfidant], ms[kSqlcipher])).c_str());
  }
  std::fprintf(out, "\n%-35s %21s   %15s %15s %19s\n", "median of the per-round ratios", "", "Confidant/plain",
               "SQLCipher/plain", "Confidant/SQLCipher");
  for (std::size_t p = 0; p < 3; ++p) {
    const auto field = kPhases[p].field;
    std::fprintf(out, "%-24s %10s %10s %10s   %15s %15s %19s\n", row_names[p], "", "", "",
                 format_ratio(paired_ratio(engines[kConfidant], engines[kPlain], field)).c_str(),
                 format_ratio(paired_ratio(engines[kSqlcipher], engines[kPlain], field)).c_str(),
                 format_ratio(paired_ratio(engines[kConfidant], engines[kSqlcipher], field)).c_str());
  }
  std::fprintf(out, "\n%-24s %10s %10s %10s\n", "median of", "plain", "Confidant", "SQLCipher");
  std::fprintf(out, "%-24s %10s %10s %10s\n", "pages", format_median_size(engines[kPlain], pages, "%.0f").c_str(),
               format_median_size(engines[kConfidant], pages, "%.0f").c_str(),
               format_median_size(engines[kSqlcipher], pages, "%.0f").c_str());
  std::fprintf(out, "%-24s %10s %10s %10s\n", "on disk, MiB", format_median_size(engines[kPlain], mebibytes, "%.1f").c_str(),
               format_median_size(engines[kConfidant], mebibytes, "%.1f").c_str(),
               format_median_size(engines[kSqlcipher], mebibytes, "%.1f").c_str());
  std::fprintf(out,
               "\nCold cache: each engine closes the database after the inserts and opens it with a new connection,\n"
               "so SQLite's page cache is empty; the OS file cache is not dropped (pages come from RAM).\n"
               "Reopen (new connection + reading the schema) is timed apart and is in no ratio.\n");

  std::fprintf(out, "\nSettings as each engine runs them:\n");
  for (std::size_t e = 0; e < kEngineCount; ++e) {
    if (!engines[e].config.empty()) {
      std::fprintf(out, "  %-10s %s\n", kLabels[e], format_config(engines[e].config).c_str());
    }
  }
  // A difference here makes the comparison unfair: say so loudly.
  const auto& reference = engines[kConfidant].config;
  for (std::size_t e = 0; e < kEngineCount; ++e) {
    if (e == kConfidant) continue;
    for (const auto& [name, value] : engines[e].config) {
      for (const auto& [ref_name, ref_value] : reference) {
        if (name == ref_name && value != ref_value) {
          std::fprintf(out, "  warning: %s=%s for %s but %s for Confidant\n", name.c_str(), value.c_str(), kLabels[e],
                       ref_value.c_str());
        }
      }
    }
  }
}

void print_json(const Options& options, const std::array<EngineRuns, kEngineCount>& engines) {
  auto number = [](std::optional<double> value) {
    if (!value) return std::string("null");
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", *value);
    return std::string(text);
  };
  std::string json = "{\"rows\": " + std::to_string(options.rows) + ", \"rounds\": " + std::to_string(options.rounds) +
                     ", \"synchronous\": \"" + sync_name(options.sync) + "\"";
  for (const Phase& phase : kPhases) {
    const auto plain = median_of(engines[kPlain], phase.field);
    const auto confidant = median_of(engines[kConfidant], phase.field);
    const auto sqlcipher = median_of(engines[kSqlcipher], phase.field);
    const std::string name = phase.json_name;
    if (name == "reopen") continue;  // in no ratio; its medians follow below
    json += ", \"" + name + "_ratio\": " + number(ratio(confidant, plain));
    json += ", \"sqlcipher_" + name + "_ratio\": " + number(ratio(sqlcipher, plain));
    json += ", \"confidant_sqlcipher_" + name + "_ratio\": " + number(ratio(confidant, sqlcipher));
  }
  for (std::size_t e = 0; e < kEngineCount; ++e) {
    for (const Phase& phase : kPhases) {
      json += ", \"" + std::string(kJsonPrefixes[e]) + "_" + phase.json_name +
              "_ms\": " + number(median_of(engines[e], phase.field));
    }
  }
  json += "}\n";
  std::fputs(json.c_str(), stdout);
}

int run(const Options& options) {
  std::array<EngineRuns, kEngineCount> engines;
  const std::string sqlite = sqlite_library_name();
  engines[kPlain].description = sqlite;
  engines[kConfidant].description = "Confidant store over " + sqlite;

  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  const fs::path child = self.parent_path() / "store_bench_sqlcipher";
  engines[kSqlcipher].description = child.string();
  if (error || !fs::exists(child)) engines[kSqlcipher].failure = "not run: " + child.string() + " is missing";

  std::string base_template = (options.tmp / "confidant-store-bench-XXXXXX").string();
  if (mkdtemp(base_template.data()) == nullptr) {
    std::fprintf(stderr, "store_bench: cannot create a directory in %s: %s\n", options.tmp.c_str(), std::strerror(errno));
    return 1;
  }
  const fs::path base = base_template;

  const std::string load_before = load_average();
  std::fprintf(stderr, "store_bench: %lld rows, %d rounds, synchronous=%s, directories under %s\n",
               static_cast<long long>(options.rows), options.rounds, sync_name(options.sync), base.c_str());
  const Workload workload = Workload::make(options.rows, options.seed);
  auto plain = make_sqlite_engine(options.sync, "");
  auto confidant = make_confidant_engine(options.sync);

  bool any_failed = false;
  for (int round = 0; round < options.rounds; ++round) {
    for (int slot = 0; slot < kEngineCount; ++slot) {
      const auto e = static_cast<std::size_t>((round + slot) % kEngineCount);
      EngineRuns& runs = engines[e];
      if (!runs.failure.empty()) continue;
      const fs::path dir = base / ("round" + std::to_string(round + 1) + "-" + kJsonPrefixes[e]);
      try {
        RoundResult result;
        if (e == kSqlcipher) {
          RoundReport report = run_child(child, options, dir);
          runs.description = report.engine;
          result = std::move(report.result);
        } else {
          result = run_round(e == kPlain ? *plain : *confidant, workload, dir);
        }
        std::fprintf(stderr, "  round %d/%d  %-10s insert %9.1f  reopen %7.1f  lookup %9.1f  scan %9.1f ms\n", round + 1,
                     options.rounds, kLabels[e], result.insert_ms, result.reopen_ms, result.lookup_ms, result.scan_ms);
        if (runs.config.empty()) runs.config = result.config;
        runs.rounds.push_back(std::move(result));
      } catch (const std::exception& failure) {
        runs.failure = std::string("failed: ") + failure.what();
        std::fprintf(stderr, "store_bench: %s %s\n", kLabels[e], runs.failure.c_str());
        any_failed = true;
      }
    }
  }
  fs::remove_all(base, error);

  print_table(options.json ? stderr : stdout, options, engines, load_before);
  if (options.json) print_json(options, engines);
  return any_failed ? 1 : 0;
}

}  // namespace
}  // namespace confidant::bench

int main(int argc, char** argv) {
  int exit_code = 0;
  const auto options = confidant::bench::parse_options(argc, argv, confidant::bench::kUsage, exit_code);
  if (!options) return exit_code;
  if (!options->db_dir.empty() || options->no_key) {
    std::fprintf(stderr, "store_bench: --db-dir and --no-key are flags of store_bench_sqlcipher\n%s",
                 confidant::bench::kUsage);
    return 2;
  }
  try {
    return confidant::bench::run(*options);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "store_bench: %s\n", error.what());
    return 1;
  }
}

// ingest_bench: what signal ingestion costs the host and how fast the SDK
// persists, against plain SQLite doing the same inserts in the same run.
//
//   ingest_bench [--signals N] [--rounds N] [--tmp DIR] [--json]
//
// Phases, each on a fresh directory, rounds alternating:
//   track     N track() calls timed one by one on the caller's thread
//             (the worker persists meanwhile): median and p99 in µs.
//   persist   N track() calls then flush(): signals durably persisted per
//             second, wall time from the first call to flush()'s return.
//   baseline  the same N signals' JSON inserted into plain SQLite (WAL,
//             synchronous FULL, the SDK's batch size per transaction): the
//             floor of what any SQLite-backed store can do here.
//   cold open a new process opens the store of the persist phase (N
//             signals; key-file provider) and reads the profile once: time
//             from Sdk::open to the first profile, and the process's peak
//             resident set (VmHWM) at that point.
//
// A benchmark, not a test: never registered with ctest; it exits non-zero
// only when the SDK fails.
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "confidant/sdk.hpp"
#include "support/numbered.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using confidant::Signal;
using confidant::SignalType;
using confidant::testing::numbered;

struct Args {
  std::size_t signals = 100'000;
  int rounds = 3;
  fs::path tmp = "/tmp";
  bool json = false;
  // Child mode: --cold-open DIR KEY_FILE
  fs::path child_dir;
  fs::path child_key;
};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "ingest_bench: %s\n", what.c_str());
  std::exit(1);
}

void check(const confidant::Status& st, const char* what) {
  if (!st) fail(std::string(what) + ": " + st.to_string());
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// A realistic mix: views and orders over 200 categories and 2,000 items,
// each with two attributes. Times spread over the last 30 days.
std::vector<Signal> make_signals(std::size_t n, std::int64_t now_ms) {
  std::vector<Signal> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    Signal s;
    s.type = i % 4 == 0 ? SignalType::kOrder : SignalType::kView;
    s.item = "sku-" + std::to_string(i % 2000);
    s.categories = {"shop/dept" + std::to_string(i % 20) + "/aisle" + std::to_string(i % 200)};
    s.attrs = {{"colour", numbered("c", i % 7)}, {"size", numbered("s", i % 5)}};
    s.at = now_ms - static_cast<std::int64_t>((n - i) * 30LL * 24 * 3600 * 1000 / n);
    out.push_back(std::move(s));
  }
  return out;
}

std::unique_ptr<confidant::Sdk> open_sdk(const fs::path& dir, const fs::path& key_file, std::size_t capacity) {
  fs::create_directories(key_file.parent_path());
  confidant::Options o;
  o.dir = dir;
  auto key = confidant::make_key_file_provider(key_file);
  if (!key) fail("key file: " + key.status().to_string());
  o.key_provider = std::shared_ptr<confidant::KeyProvider>(std::move(key.value()));
  o.queue_capacity = capacity;
  auto opened = confidant::Sdk::open(std::move(o));
  if (!opened) fail("open: " + opened.status().to_string());
  check(opened.value()->wait_until_ready(), "open");
  return std::move(opened.value());
}

void grant_all(confidant::Sdk& sdk) {
  check(sdk.grant({confidant::DataCategory::kBrowsing, confidant::DataCategory::kPurchases},
                  {confidant::Use::kPersonalize}),
        "grant");
}

// Phase "track": per-call latency on the caller's thread.
std::vector<double> run_track(const fs::path& dir, const std::vector<Signal>& signals) {
  auto sdk = open_sdk(dir / "store", dir / "key", signals.size() + 1);
  grant_all(*sdk);
  std::vector<double> us;
  us.reserve(signals.size());
  for (const Signal& s : signals) {
    const auto start = Clock::now();
    const confidant::Status st = sdk->track(s);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    check(st, "track");
  }
  check(sdk->flush(), "flush");
  if (sdk->stats().persisted != signals.size()) fail("track phase: not every signal was persisted");
  check(sdk->close(), "close");
  return us;
}

// Phase "persist": signals durably persisted per second.
double run_persist(const fs::path& dir, const std::vector<Signal>& signals) {
  auto sdk = open_sdk(dir / "store", dir / "key", signals.size() + 1);
  grant_all(*sdk);
  const auto start = Clock::now();
  for (const Signal& s : signals) check(sdk->track(s), "track");
  check(sdk->flush(), "flush");
  const double seconds = ms_since(start) / 1000;
  if (sdk->stats().persisted != signals.size()) fail("persist phase: not every signal was persisted");
  check(sdk->close(), "close");
  return static_cast<double>(signals.size()) / seconds;
}

// Baseline: the same rows into plain SQLite, same batch size, same durability.
double run_plain(const fs::path& dir, const std::vector<Signal>& signals) {
  fs::create_directories(dir);
  sqlite3* db = nullptr;
  if (sqlite3_open((dir / "plain.db").c_str(), &db) != SQLITE_OK) fail("plain sqlite open");
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA locking_mode=EXCLUSIVE;"
               "CREATE TABLE signals(id INTEGER PRIMARY KEY, type TEXT, data_category TEXT, sensitive INTEGER,"
               " at_ms INTEGER, body TEXT);",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO signals(type, data_category, sensitive, at_ms, body) VALUES (?,?,?,?,?)", -1,
                     &insert, nullptr);
  const auto start = Clock::now();
  constexpr std::size_t kBatch = 1024;  // Options::batch_size's default
  for (std::size_t i = 0; i < signals.size(); i += kBatch) {
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (std::size_t j = i; j < std::min(signals.size(), i + kBatch); ++j) {
      const std::string body = confidant::to_json(signals[j]);
      sqlite3_reset(insert);
      sqlite3_bind_text(insert, 1, "view", -1, SQLITE_STATIC);
      sqlite3_bind_text(insert, 2, "browsing", -1, SQLITE_STATIC);
      sqlite3_bind_int(insert, 3, 0);
      sqlite3_bind_int64(insert, 4, signals[j].at);
      sqlite3_bind_text(insert, 5, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
      if (sqlite3_step(insert) != SQLITE_DONE) fail("plain sqlite insert");
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) fail("plain sqlite commit");
  }
  const double seconds = ms_since(start) / 1000;
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return static_cast<double>(signals.size()) / seconds;
}

// Child: open the store and read the profile once; print the milliseconds.
int cold_open_child(const Args& args) {
  const auto start = Clock::now();
  confidant::Options o;
  o.dir = args.child_dir;
  auto key = confidant::make_key_file_provider(args.child_key, false);
  if (!key) fail("key file: " + key.status().to_string());
  o.key_provider = std::shared_ptr<confidant::KeyProvider>(std::move(key.value()));
  auto opened = confidant::Sdk::open(std::move(o));
  if (!opened) fail("open: " + opened.status().to_string());
  auto profile = opened.value()->profile();
  if (!profile) fail("profile: " + profile.status().to_string());
  const double ms = ms_since(start);
  if (profile->interests.empty()) fail("cold open: the profile is empty");
  // VmHWM: this process image's peak resident set. (The kernel's ru_maxrss
  // for a child also counts the parent's pages it held before exec.)
  double peak_mb = 0;
  if (std::FILE* status = std::fopen("/proc/self/status", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, status) != nullptr) {
      long kb = 0;
      if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) peak_mb = static_cast<double>(kb) / 1024.0;
    }
    std::fclose(status);
  }
  std::printf("%.3f %.3f\n", ms, peak_mb);
  return 0;
}

struct ColdOpen {
  double ms = 0;
  double peak_rss_mb = 0;
};

ColdOpen run_cold_open(const char* self, const fs::path& dir) {
  int out[2];
  if (pipe(out) != 0) fail("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addclose(&actions, out[1]);
  const std::string store = (dir / "store").string();
  const std::string key = (dir / "key").string();
  std::vector<char*> child_argv = {const_cast<char*>(self), const_cast<char*>("--cold-open"),
                                   const_cast<char*>(store.c_str()), const_cast<char*>(key.c_str()), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, self, &actions, nullptr, child_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) fail("posix_spawn: " + std::string(std::strerror(spawned)));
  close(out[1]);
  std::string text;
  char buffer[128];
  ssize_t got = 0;
  while ((got = read(out[0], buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(got));
  close(out[0]);
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fail("cold-open child failed");
  }
  ColdOpen result;
  if (std::sscanf(text.c_str(), "%lf %lf", &result.ms, &result.peak_rss_mb) != 2) fail("cold-open child: no figures");
  return result;
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const auto next = [&]() -> std::string {
      if (i + 1 >= argc) fail(flag + ": missing value");
      return argv[++i];
    };
    if (flag == "--signals") a.signals = std::stoul(next());
    else if (flag == "--rounds") a.rounds = std::stoi(next());
    else if (flag == "--tmp") a.tmp = next();
    else if (flag == "--json") a.json = true;
    else if (flag == "--cold-open") {
      a.child_dir = next();
      a.child_key = next();
    } else {
      fail("usage: ingest_bench [--signals N] [--rounds N] [--tmp DIR] [--json]");
    }
  }
  if (a.signals == 0 || a.rounds < 1) fail("--signals and --rounds must be positive");
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse(argc, argv);
  if (!args.child_dir.empty()) return cold_open_child(args);

  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::vector<Signal> signals = make_signals(args.signals, now_ms);
  std::vector<double> track_median, track_p99, persist, plain, cold_ms, rss;
  for (int round = 0; round < args.rounds; ++round) {
    const fs::path base = args.tmp / ("confidant-ingest-bench-" + std::to_string(getpid()) + "-" + std::to_string(round));
    fs::remove_all(base);
    const bool plain_first = round % 2 == 1;  // alternate so drift spreads evenly
    if (plain_first) plain.push_back(run_plain(base / "plain", signals));
    const std::vector<double> us = run_track(base / "track", signals);
    track_median.push_back(median(us));
    track_p99.push_back(percentile(us, 0.99));
    persist.push_back(run_persist(base / "persist", signals));
    if (!plain_first) plain.push_back(run_plain(base / "plain", signals));
    const ColdOpen cold = run_cold_open(argv[0], base / "persist");
    cold_ms.push_back(cold.ms);
    rss.push_back(cold.peak_rss_mb);
    fs::remove_all(base);
  }

  const double persist_median = median(persist);
  const double plain_median = median(plain);
  std::FILE* table = args.json ? stderr : stdout;
  std::fprintf(table, "ingest_bench: %zu signals, %d rounds (medians)\n", args.signals, args.rounds);
  std::fprintf(table, "  track() on the caller's thread  median %.2f us   p99 %.2f us\n", median(track_median),
               median(track_p99));
  std::fprintf(table, "  persisted, encrypted            %.0f signals/s\n", persist_median);
  std::fprintf(table, "  plain SQLite, same rows         %.0f rows/s   (Confidant / plain = %.2fx the rate)\n",
               plain_median, persist_median / plain_median);
  std::fprintf(table, "  cold open to first profile      %.1f ms   peak RSS %.1f MB\n", median(cold_ms), median(rss));
  if (args.json) {
    std::printf(
        "{\"signals\":%zu,\"rounds\":%d,\"track_median_us\":%.3f,\"track_p99_us\":%.3f,\"persist_per_s\":%.0f,"
        "\"plain_sqlite_rows_per_s\":%.0f,\"persist_vs_plain\":%.3f,\"cold_open_ms\":%.2f,\"peak_rss_mb\":%.2f}\n",
        args.signals, args.rounds, median(track_median), median(track_p99), persist_median, plain_median,
        persist_median / plain_median, median(cold_ms), median(rss));
  }
  return 0;
}

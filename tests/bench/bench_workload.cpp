#include "bench_workload.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace confidant::bench {
namespace {

// splitmix64: fixed output for a fixed seed on every platform and standard
// library, unlike std::shuffle or the std distributions.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound) without modulo bias (Lemire's method).
  std::uint64_t below(std::uint64_t bound) {
    while (true) {
      const unsigned __int128 product = static_cast<unsigned __int128>(next()) * bound;
      const auto low = static_cast<std::uint64_t>(product);
      if (low >= (0 - bound) % bound) return static_cast<std::uint64_t>(product >> 64);
    }
  }

 private:
  std::uint64_t state_;
};

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Read after CREATE TABLE so page_size reflects the file, not a pending setting.
constexpr const char* kConfigPragmas[] = {
    "page_size", "journal_mode", "locking_mode", "synchronous", "cache_size",  "temp_store",
    "mmap_size", "wal_autocheckpoint", "secure_delete", "auto_vacuum", "cache_spill",
};

std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
  std::uintmax_t total = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

void expect(bool condition, const std::string& what) {
  if (!condition) throw std::runtime_error("wrong result: " + what);
}

}  // namespace

Workload Workload::make(std::int64_t rows, std::uint64_t seed) {
  Workload workload;
  workload.rows = rows;
  SplitMix64 random(seed);
  workload.payloads.resize(static_cast<std::size_t>(rows) * kPayloadBytes);
  for (std::size_t i = 0; i < workload.payloads.size(); i += 8) {
    const std::uint64_t word = random.next();
    for (std::size_t b = 0; b < 8 && i + b < workload.payloads.size(); ++b) {
      workload.payloads[i + b] = static_cast<std::uint8_t>(word >> (8 * b));
    }
  }
  workload.lookup_order.resize(static_cast<std::size_t>(rows));
  for (std::int64_t i = 0; i < rows; ++i) workload.lookup_order[static_cast<std::size_t>(i)] = i + 1;
  for (std::size_t i = workload.lookup_order.size(); i > 1; --i) {  // Fisher-Yates
    std::swap(workload.lookup_order[i - 1], workload.lookup_order[random.below(i)]);
  }
  return workload;
}

std::span<const std::uint8_t> Workload::payload(std::int64_t id) const {
  return std::span<const std::uint8_t>(payloads).subspan(static_cast<std::size_t>(id - 1) * kPayloadBytes,
                                                         kPayloadBytes);
}

namespace {

RoundResult run_phases(Engine& engine, const Workload& workload, const std::filesystem::path& dir) {
  using Clock = std::chrono::steady_clock;
  RoundResult result;
  const auto expected_sum = workload.rows * static_cast<std::int64_t>(kPayloadBytes);

  engine.open(dir);
  engine.exec(kCreateTable);
  for (const char* pragma : kConfigPragmas) {
    result.config.emplace_back(pragma, engine.query_text((std::string("PRAGMA ") + pragma).c_str()));
  }

  auto start = Clock::now();
  for (std::int64_t first = 1; first <= workload.rows; first += kRowsPerTransaction) {
    const std::int64_t end = std::min(first + kRowsPerTransaction, workload.rows + 1);
    engine.exec("BEGIN");
    for (std::int64_t id = first; id < end; ++id) engine.insert(id, workload.payload(id));
    engine.exec("COMMIT");
  }
  result.insert_ms = ms_since(start);
  engine.close();

  start = Clock::now();
  engine.open(dir);
  // sqlite_master, not sqlite_schema: SQLCipher 3.4 is SQLite 3.15.
  const std::string tables = engine.query_text("SELECT count(*) FROM sqlite_master WHERE name = 'rows'");
  result.reopen_ms = ms_since(start);
  expect(tables == "1", "the reopened database has no table rows");

  start = Clock::now();
  std::int64_t found_bytes = 0;
  for (const std::int64_t id : workload.lookup_order) found_bytes += engine.lookup(id);
  result.lookup_ms = ms_since(start);
  expect(found_bytes == expected_sum, "lookups found " + std::to_string(found_bytes) + " bytes, expected " +
                                          std::to_string(expected_sum));

  start = Clock::now();
  for (int scan = 0; scan < kScans; ++scan) {
    const std::int64_t sum = engine.scan();
    expect(sum == expected_sum, "scan summed " + std::to_string(sum) + " bytes, expected " +
                                    std::to_string(expected_sum));
  }
  result.scan_ms = ms_since(start);

  result.page_count = std::stoll(engine.query_text("PRAGMA page_count"));
  engine.close();
  result.disk_bytes = directory_bytes(dir);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return result;
}

}  // namespace

RoundResult run_round(Engine& engine, const Workload& workload, const std::filesystem::path& dir) {
  if (std::filesystem::exists(dir)) throw std::runtime_error("round directory already exists: " + dir.string());
  try {
    return run_phases(engine, workload, dir);
  } catch (...) {
    try {
      engine.close();
    } catch (...) {
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    throw;
  }
}

std::string format_config(const std::vector<std::pair<std::string, std::string>>& config) {
  std::string text;
  for (const auto& [name, value] : config) {
    if (!text.empty()) text += ' ';
    text += name + '=' + value;
  }
  return text;
}

std::vector<std::pair<std::string, std::string>> parse_config(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> config;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    const auto equals = word.find('=');
    if (equals == std::string::npos) continue;
    config.emplace_back(word.substr(0, equals), word.substr(equals + 1));
  }
  return config;
}

}  // namespace confidant::bench

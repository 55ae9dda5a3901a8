#include "bench_protocol.hpp"

#include <cstdio>
#include <sstream>

namespace confidant::bench {

std::string format_round_report(const RoundReport& report) {
  const RoundResult& r = report.result;
  char numbers[512];
  std::snprintf(numbers, sizeof numbers,
                "insert_ms %.3f\nreopen_ms %.3f\nlookup_ms %.3f\nscan_ms %.3f\npage_count %lld\ndisk_bytes %llu\n",
                r.insert_ms, r.reopen_ms, r.lookup_ms, r.scan_ms, static_cast<long long>(r.page_count),
                static_cast<unsigned long long>(r.disk_bytes));
  return "engine " + report.engine + "\nconfig " + format_config(r.config) + "\n" + numbers;
}

std::optional<RoundReport> parse_round_report(const std::string& text) {
  RoundReport report;
  int timings = 0;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const auto space = line.find(' ');
    if (space == std::string::npos) continue;
    const std::string key = line.substr(0, space);
    const std::string value = line.substr(space + 1);
    try {
      if (key == "engine") report.engine = value;
      else if (key == "config") report.result.config = parse_config(value);
      else if (key == "insert_ms") report.result.insert_ms = std::stod(value), ++timings;
      else if (key == "reopen_ms") report.result.reopen_ms = std::stod(value), ++timings;
      else if (key == "lookup_ms") report.result.lookup_ms = std::stod(value), ++timings;
      else if (key == "scan_ms") report.result.scan_ms = std::stod(value), ++timings;
      else if (key == "page_count") report.result.page_count = std::stoll(value);
      else if (key == "disk_bytes") report.result.disk_bytes = std::stoull(value);
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  if (timings != 4) return std::nullopt;
  return report;
}

}  // namespace confidant::bench

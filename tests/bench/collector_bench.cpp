// collector_bench: what the brand's collector can take, how big a report is,
// and how the estimates' error shrinks with the number of devices.
//
//   collector_bench [--reports N] [--rounds N] [--json]
//
// Ingest: the real collector (samples/collector: cpp-httplib server, report
// opening, SQLite storage in WAL) on a loopback port, fed by 2 client
// threads. Two shapes of traffic, each the median of N rounds:
//   device   one upload of 2 reports per new connection: what a phone does
//   batched  uploads of 64 reports over keep-alive connections: a relay
// Baseline, same run: Collector::ingest called in process with the device
// shape (no HTTP), so the ratio shows what the network layer costs.
// Report size: a sealed report of the 5-bucket metric and of the largest
// allowed domain (4,096 buckets). Estimate error: OUE at epsilon 2 over the
// 5-bucket distribution 40/25/20/10/5 %, mean absolute error and mean 95%
// half-width of the frequency estimates, median of 5 trials per N.
//
// A benchmark, not a test: never registered with ctest.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "collector.hpp"
#include "server.hpp"
#include "support/report_factory.hpp"

namespace {

using namespace confidant;
using Clock = std::chrono::steady_clock;

const char* kConfig = R"({"version":1,"brand":"bench","epoch_seconds":604800,"budget_window_days":30,
 "budget_total_cap":8,"min_group_size":100,
 "metrics":[{"id":"top_drink","source":"top_category","domain":["a/1","a/2","a/3","a/4","a/5"],"epsilon":2,"budget_cap":4},
            {"id":"big","source":"attribute_value","attribute":"x","domain":[DOMAIN],"epsilon":2,"budget_cap":4}]})";
const std::vector<double> kTruth = {0.40, 0.25, 0.20, 0.10, 0.05};

struct Args {
  std::size_t reports = 20000;
  int rounds = 3;
  bool json = false;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "collector_bench: %s\n", what.c_str());
  std::exit(1);
}

struct Brand {
  brand::KeySet keys = brand::generate_keys();
  std::string signed_config;
  brand::ConfigInfo info;
  Brand() {
    std::string domain;
    for (int i = 0; i < 4096; ++i) domain += (i ? ",\"v" : "\"v") + std::to_string(i) + "\"";
    std::string json = kConfig;
    json.replace(json.find("DOMAIN"), 6, domain);
    auto made = brand::sign_config(json, keys);
    if (!made) die(made.status().to_string());
    signed_config = made.value();
    info = brand::verify_config(signed_config, keys.signing_public).value();
  }
  std::unique_ptr<collector::Collector> collector(const std::filesystem::path& db) const {
    auto storage = collector::open_storage("sqlite:" + db.string());
    if (!storage) die(storage.status().to_string());
    auto c = collector::Collector::create(keys, signed_config, std::move(storage.value()), {});
    if (!c) die(c.status().to_string());
    return std::move(c.value());
  }
};

// Uploads of `per_upload` fresh sealed reports, `count` reports in all.
std::vector<std::string> uploads(const Brand& b, std::size_t count, std::size_t per_upload, std::uint64_t seed) {
  testing::ReportSpec spec;
  spec.epoch = brand::epoch_of(now_ms(), 604800);
  spec.domain_size = 5;
  const auto sealed = testing::randomized_reports(kTruth, count, spec, b.keys.sealing_public, seed);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < sealed.size(); i += per_upload) {
    const auto end = sealed.begin() + static_cast<long>(std::min(i + per_upload, sealed.size()));
    out.push_back(brand::make_upload({sealed.begin() + static_cast<long>(i), end}));
  }
  return out;
}

// Reports per second through the HTTP server, 2 client threads.
double http_rate(const Brand& b, const std::filesystem::path& dir, const std::vector<std::string>& bodies,
                 std::size_t reports, bool keep_alive) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto c = b.collector(dir / "collector.db");
  collector::RateLimiter limiter(1e9, 1e9);
  httplib::Server server;
  collector::serve(server, *c, limiter);
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread listener([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::atomic<std::size_t> next{0};
  std::atomic<int> failures{0};
  const auto client = [&] {
    httplib::Client http("127.0.0.1", port);
    http.set_keep_alive(keep_alive);
    http.set_tcp_nodelay(true);  // or Nagle and delayed ACKs add 40 ms to every keep-alive upload
    for (std::size_t i = next++; i < bodies.size(); i = next++) {
      auto res = http.Post("/v1/reports", bodies[i], "application/x-protobuf");
      if (!res || res->status != 200) ++failures;
    }
  };
  const auto start = Clock::now();
  std::thread a(client), bt(client);
  a.join();
  bt.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  server.stop();
  listener.join();
  if (failures > 0) die(std::to_string(failures.load()) + " uploads failed");
  const auto stats = c->stats();
  if (!stats || stats->accepted != reports) die("not every report was counted");
  return static_cast<double>(reports) / seconds;
}

double in_process_rate(const Brand& b, const std::filesystem::path& dir, const std::vector<std::string>& bodies,
                       std::size_t reports) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto c = b.collector(dir / "collector.db");
  const std::int64_t now = now_ms();
  const auto start = Clock::now();
  for (const std::string& body : bodies)
    if (c->ingest(body, now).status != 200) die("in-process ingest failed");
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(reports) / seconds;
}

struct ErrorRow {
  std::size_t devices = 0;
  double mean_abs_error = 0;
  double mean_half_width = 0;
};

ErrorRow estimate_error(std::size_t devices) {
  std::vector<double> errors, widths;
  for (int trial = 0; trial < 5; ++trial) {
    std::mt19937_64 rng(1000 + trial);
    std::discrete_distribution<std::uint32_t> pick(kTruth.begin(), kTruth.end());
    const sync::Uniform uniform = [&rng] { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); };
    std::vector<std::uint64_t> ones(kTruth.size(), 0);
    for (std::size_t d = 0; d < devices; ++d) {
      const auto bits = sync::oue_randomize(pick(rng), 5, 2.0, uniform);
      for (std::uint32_t i = 0; i < 5; ++i) ones[i] += sync::bit_set(bits, i) ? 1 : 0;
    }
    const auto est = brand::estimate_frequencies(ones, devices, 2.0);
    double err = 0, width = 0;
    for (std::size_t i = 0; i < est.size(); ++i) {
      err += std::abs(est[i].frequency - kTruth[i]);
      width += est[i].high - est[i].frequency;
    }
    errors.push_back(err / 5);
    widths.push_back(width / 5);
  }
  return {devices, median(errors), median(widths)};
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--json") args.json = true;
    else if (flag == "--reports" && i + 1 < argc) args.reports = std::stoul(argv[++i]);
    else if (flag == "--rounds" && i + 1 < argc) args.rounds = std::stoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: collector_bench [--reports N] [--rounds N] [--json]\n");
      return 2;
    }
  }
  const Brand b;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("collector-bench-" + std::to_string(::getpid()));

  std::vector<double> device, batched, in_process;
  for (int round = 0; round < args.rounds; ++round) {
    const auto small = uploads(b, args.reports, 2, 10 + round);
    const auto large = uploads(b, args.reports, 64, 20 + round);
    const auto direct = uploads(b, args.reports, 2, 30 + round);
    device.push_back(http_rate(b, dir, small, args.reports, false));
    batched.push_back(http_rate(b, dir, large, args.reports, true));
    in_process.push_back(in_process_rate(b, dir, direct, args.reports));
  }
  std::filesystem::remove_all(dir);

  testing::ReportSpec spec;
  spec.domain_size = 5;
  const std::size_t small_bytes = testing::sealed_report(spec, b.keys.sealing_public).size();
  spec.metric_id = "big";
  spec.domain_size = 4096;
  const std::size_t big_bytes = testing::sealed_report(spec, b.keys.sealing_public).size();

  std::vector<ErrorRow> rows;
  for (std::size_t n : {100, 1000, 10000, 100000}) rows.push_back(estimate_error(n));

  const double device_rate = median(device), batched_rate = median(batched), direct_rate = median(in_process);
  if (args.json) {
    std::printf("{\"reports_per_s\":%.0f,\"reports_per_s_batched\":%.0f,\"reports_per_s_in_process\":%.0f,"
                "\"report_bytes\":%zu,\"report_bytes_4096\":%zu,\"estimate_error\":[",
                device_rate, batched_rate, direct_rate, small_bytes, big_bytes);
    for (std::size_t i = 0; i < rows.size(); ++i)
      std::printf("%s{\"devices\":%zu,\"mean_abs_error\":%.4f,\"mean_half_width\":%.4f}", i ? "," : "",
                  rows[i].devices, rows[i].mean_abs_error, rows[i].mean_half_width);
    std::printf("]}\n");
    return 0;
  }
  std::printf("collector ingest, %zu reports a round, median of %d rounds (SQLite, WAL)\n", args.reports, args.rounds);
  std::printf("  device shape  (2 reports/upload, new connection)  %9.0f reports/s  (%.2fx in-process)\n", device_rate,
              device_rate / direct_rate);
  std::printf("  batched shape (64 reports/upload, keep-alive)     %9.0f reports/s  (%.2fx in-process)\n", batched_rate,
              batched_rate / direct_rate);
  std::printf("  in process    (Collector::ingest, no HTTP)        %9.0f reports/s  (baseline)\n", direct_rate);
  std::printf("report size, sealed: %zu bytes (5 buckets), %zu bytes (4,096 buckets)\n", small_bytes, big_bytes);
  std::printf("estimate error, epsilon 2, 5 buckets (40/25/20/10/5 %%), median of 5 trials:\n");
  std::printf("  %9s  %14s  %16s\n", "devices", "mean |error|", "mean 95% +-");
  for (const ErrorRow& r : rows)
    std::printf("  %9zu  %13.2f%%  %15.2f%%\n", r.devices, 100 * r.mean_abs_error, 100 * r.mean_half_width);
  return 0;
}

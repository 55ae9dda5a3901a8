// confidant-collector: the brand's reference collector (docs/collector.md).
//
//   confidant-collector --listen HOST:PORT --keys DIR [--db sqlite:PATH | --db postgresql://...]
//                       [--k N] [--config FILE] [--rate N] [connection limits: see kUsage]
//
// Prints "listening on HOST:PORT" once it accepts connections (PORT 0 picks a
// free port, which the line then names).
#include <sys/resource.h>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

#include "collector.hpp"
#include "guarded_server.hpp"
#include "housekeeping.hpp"
#include "read_file.hpp"
#include "server.hpp"

namespace {

using namespace collector;

struct Args {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string keys_dir;
  std::string db;
  std::string config_file;
  long k = 0;  // 0: the config's min_group_size
  double rate = 50;
  ConnectionLimits limits;
};

constexpr const char* kUsage =
    "usage: confidant-collector --listen HOST:PORT --keys DIR [--db sqlite:PATH | --db postgresql://...]\n"
    "                           [--k N] [--config FILE] [--rate REQUESTS_PER_SECOND]\n"
    "                           [--max-connections N] [--max-connections-per-address N]\n"
    "                           [--idle-timeout SECONDS] [--request-timeout SECONDS] [--threads N]\n"
    "  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; port 0 picks a free one)\n"
    "  --keys DIR          signing.pub, sealing.pub, sealing.key (from confidant-brand keygen)\n"
    "  --db SPEC           sqlite:PATH (default sqlite:DIR/collector.db) or a postgresql:// URI\n"
    "  --k N               publish a (metric, epoch) group only with at least N reports\n"
    "                      (default: the config's min_group_size, else 100)\n"
    "  --config FILE       the signed config (default DIR/config.signed), verified with DIR/signing.pub\n"
    "  --rate N            requests per second per client address, burst 2N (default 50)\n"
    "  --max-connections N open connections at once (default 4096, lowered to fit the open-file\n"
    "                      limit); past it a new one closes the one waiting longest for its request\n"
    "  --max-connections-per-address N\n"
    "                      open connections per client address (default 256; 0: no cap); past it 429\n"
    "  --idle-timeout S    seconds a connection may wait for a request's first byte, keep-alive\n"
    "                      included (default 5)\n"
    "  --request-timeout S seconds from a request's first byte to its last, else 408 (default 10)\n"
    "  --threads N         requests handled at once (default 8); waiting and reading take none\n"
    "exit codes: 0 stopped by SIGINT or SIGTERM, 1 cannot start (the message says why), 2 bad arguments\n";

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "confidant-collector: " << problem << "\n" << kUsage;
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (i + 1 >= argc) usage(flag + ": missing value");
    const std::string value = argv[++i];
    try {
      if (flag == "--listen") {
        const auto colon = value.rfind(':');
        if (colon == std::string::npos) usage("--listen: expected HOST:PORT");
        a.host = value.substr(0, colon);
        a.port = std::stoi(value.substr(colon + 1));
        if (a.port < 0 || a.port > 65535) usage("--listen: port out of range");
      } else if (flag == "--keys") {
        a.keys_dir = value;
      } else if (flag == "--db") {
        a.db = value;
      } else if (flag == "--config") {
        a.config_file = value;
      } else if (flag == "--k") {
        a.k = std::stol(value);
        if (a.k < 1) usage("--k: must be at least 1");
      } else if (flag == "--rate") {
        a.rate = std::stod(value);
        if (!(a.rate > 0)) usage("--rate: must be positive");
      } else if (flag == "--max-connections") {
        const long n = std::stol(value);
        if (n < 1) usage("--max-connections: must be at least 1");
        a.limits.max_connections = static_cast<std::size_t>(n);
      } else if (flag == "--max-connections-per-address") {
        const long n = std::stol(value);
        if (n < 0) usage("--max-connections-per-address: must be 0 (no cap) or more");
        a.limits.max_connections_per_address = static_cast<std::size_t>(n);
      } else if (flag == "--idle-timeout" || flag == "--request-timeout") {
        const double seconds = std::stod(value);
        if (!(seconds >= 0.001 && seconds <= 3600)) usage(flag + ": must be from 0.001 to 3600 seconds");
        const std::chrono::milliseconds ms(std::lround(seconds * 1000));
        (flag == "--idle-timeout" ? a.limits.idle_timeout : a.limits.request_timeout) = ms;
      } else if (flag == "--threads") {
        const long n = std::stol(value);
        if (n < 1 || n > 1024) usage("--threads: must be from 1 to 1024");
        a.limits.threads = static_cast<std::size_t>(n);
      } else {
        usage("unknown flag " + flag);
      }
    } catch (const std::exception&) {
      usage(flag + ": not a number: " + value);
    }
  }
  if (a.keys_dir.empty()) usage("--keys is required");
  if (a.db.empty()) a.db = "sqlite:" + a.keys_dir + "/collector.db";
  if (a.config_file.empty()) a.config_file = a.keys_dir + "/config.signed";
  return a;
}

httplib::Server* running = nullptr;
void stop(int) {
  if (running != nullptr) running->stop();
}

// Each open connection is a file descriptor: take what the hard limit allows.
void raise_open_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

int run(int argc, char** argv) {
  const Args args = parse(argc, argv);
  raise_open_file_limit();
  auto keys = confidant::brand::read_keys(args.keys_dir);
  if (!keys) {
    std::cerr << "confidant-collector: " << keys.status().message() << "\n";
    return 1;
  }
  auto read = confidant::tools::read_file(args.config_file);
  if (!read) {
    std::cerr << "confidant-collector: " << read.status().message() << " (the signed config)\n";
    return 1;
  }
  const std::string& signed_config = read.value();
  auto storage = open_storage(args.db);
  if (!storage) {
    std::cerr << "confidant-collector: " << storage.status().message() << "\n";
    return 1;
  }
  auto config = confidant::brand::verify_config(signed_config, keys->signing_public);
  if (!config) {
    std::cerr << "confidant-collector: " << args.config_file << ": " << config.status().message() << "\n";
    return 1;
  }
  CollectorOptions options;
  options.k = static_cast<std::uint32_t>(args.k > 0 ? args.k : (config->min_group_size > 0 ? config->min_group_size : 100));
  auto made = Collector::create(keys.value(), signed_config, std::move(storage.value()), options);
  if (!made) {
    std::cerr << "confidant-collector: " << made.status().message() << "\n";
    return 1;
  }
  Collector& collector = *made.value();
  RateLimiter limiter(args.rate, 2 * args.rate);

  // Hourly: forgetting old ids is due once an epoch (a week by default).
  Housekeeping housekeeping(collector, std::chrono::hours(1), wall_clock_ms);
  GuardedServer server(args.limits);
  serve(server, collector, limiter);
  if (server.max_connections() < args.limits.max_connections)
    std::cerr << "confidant-collector: at most " << server.max_connections()
              << " connections at once (the open-file limit)\n";

  const int port = server.bind(args.host, args.port);
  if (port < 0) {
    std::cerr << "confidant-collector: cannot listen on " << args.host << ":" << args.port << "\n";
    return 1;
  }
  running = &server;
  std::signal(SIGINT, stop);
  std::signal(SIGTERM, stop);
  std::cout << "listening on " << args.host << ":" << port << std::endl;
  server.listen_after_bind();
  return 0;
}

}  // namespace

// Whatever goes wrong above (memory, a bug, an exception from a library) is a
// message and exit 1, never an abort.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "confidant-collector: unexpected failure: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "confidant-collector: unexpected failure\n";
  }
  return 1;
}

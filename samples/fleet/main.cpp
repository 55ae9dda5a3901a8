// confidant-fleet: N simulated devices (real SDK instances, each with its
// own encrypted store) with a known true distribution sync to a collector
// over HTTP. Prints the ground truth and what was delivered as JSON, so the
// collector's estimates (GET /v1/stats) can be checked against it.
//
//   confidant-fleet --collector http://127.0.0.1:8080 --signer KEYS/signing.pub
//                   [--devices 2000] [--threads 2] [--seed 1] [--attribute-share 0.04]
//                   [--work-dir DIR] [--people responsive|indifferent]
//
// --people: every device also lives through the config's first experiment
// (people.hpp: hidden tastes, visits that order from rank()'s list), and
// `truth.experiments.<id>` gives each arm's true mean outcome and the true
// lift (docs/collector.md, "Proof by simulation").
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "confidant/brand.hpp"
#include "curl_transport.hpp"
#include "device.hpp"
#include "fleet_plan.hpp"

namespace {

struct Args {
  std::string collector;
  std::string signer_file;
  std::size_t devices = 2000;
  unsigned threads = 2;
  std::uint64_t seed = 1;
  double attribute_share = 0.04;
  std::filesystem::path work_dir;
  fleet::People people = fleet::People::kNone;
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "confidant-fleet: " << problem << "\n"
            << "usage: confidant-fleet --collector URL --signer SIGNING_PUB [--devices N] [--threads T]\n"
            << "                       [--seed S] [--attribute-share F] [--work-dir DIR]\n"
            << "                       [--people responsive|indifferent]\n";
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage(flag + ": missing value");
    const std::string value = argv[++i];
    try {
      if (flag == "--collector") a.collector = value;
      else if (flag == "--signer") a.signer_file = value;
      else if (flag == "--devices") a.devices = std::stoul(value);
      else if (flag == "--threads") a.threads = static_cast<unsigned>(std::stoul(value));
      else if (flag == "--seed") a.seed = std::stoull(value);
      else if (flag == "--attribute-share") a.attribute_share = std::stod(value);
      else if (flag == "--work-dir") a.work_dir = value;
      else if (flag == "--people") {
        if (!fleet::parse_people(value, a.people)) usage("--people: expected responsive or indifferent, not " + value);
      }
      else usage("unknown flag " + flag);
    } catch (const std::exception&) {
      usage(flag + ": not a number: " + value);
    }
  }
  if (a.collector.empty()) usage("--collector is required");
  if (a.signer_file.empty()) usage("--signer is required");
  if (a.devices == 0 || a.threads == 0) usage("--devices and --threads must be at least 1");
  if (a.attribute_share < 0 || a.attribute_share > 1) usage("--attribute-share must be within [0, 1]");
  return a;
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) usage(path + ": cannot read");
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

int run(int argc, char** argv) {
  const Args args = parse(argc, argv);
  auto transport = std::make_shared<confidant::posix::CurlTransport>();

  confidant::HttpRequest get;
  get.method = "GET";
  get.url = args.collector + "/v1/config";
  auto served = transport->send(get);
  if (!served || served->status != 200) {
    std::cerr << "confidant-fleet: GET /v1/config failed: "
              << (served ? "http " + std::to_string(served->status) : served.status().to_string()) << "\n";
    return 1;
  }
  const std::string signing_public = first_line(args.signer_file);
  auto config = confidant::brand::verify_config(served->body, signing_public);
  if (!config) {
    std::cerr << "confidant-fleet: the served config does not verify: " << config.status().to_string() << "\n";
    return 1;
  }
  const fleet::Plan plan = fleet::make_plan(config.value(), args.devices, args.attribute_share, args.seed, args.people);
  if (args.people != fleet::People::kNone && config->experiments.empty())
    usage("--people: the served config declares no experiment");

  std::filesystem::path work = args.work_dir;
  if (work.empty()) work = std::filesystem::temp_directory_path() / ("confidant-fleet-" + std::to_string(::getpid()));
  std::filesystem::create_directories(work);

  std::atomic<std::size_t> next{0};
  std::atomic<int> prepared{0}, sent{0}, pending{0}, failed{0};
  std::mutex error_mu;  // also guards `experiment`
  // The truth of the config's first experiment, from what each device did
  // before any noise: the realized outcome of every device, per arm.
  fleet::ExperimentTruth experiment;
  const std::vector<double> values =
      args.people == fleet::People::kNone ? std::vector<double>()
                                          : confidant::brand::bucket_values(config->experiments[0].outcomes[0].bucket_starts);
  const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch()).count();
  std::string first_error;
  const auto started = std::chrono::steady_clock::now();
  const auto worker = [&] {
    for (std::size_t i = next++; i < plan.devices.size(); i = next++) {
      fleet::DeviceSetup setup{work / ("device-" + std::to_string(i)), served->body, signing_public,
                               args.collector + "/v1/reports", transport, &config.value(), args.people, now_ms};
      const fleet::DeviceOutcome outcome = fleet::run_device(setup, plan.devices[i]);
      std::error_code ignored;
      std::filesystem::remove_all(setup.dir, ignored);
      prepared += outcome.prepared;
      sent += outcome.sent;
      pending += outcome.pending;
      if (args.people != fleet::People::kNone && outcome.error.empty()) {
        std::lock_guard lock(error_mu);
        fleet::ArmTruth& arm = outcome.arm == 2 ? experiment.holdout : experiment.personalized;
        const std::size_t bucket = fleet::outcome_bucket(config->experiments[0].outcomes[0], outcome);
        ++arm.devices;
        arm.value_sum += values[bucket];
        arm.buckets.resize(values.size(), 0);
        ++arm.buckets[bucket];
      }
      if (!outcome.error.empty()) {
        ++failed;
        std::lock_guard lock(error_mu);
        if (first_error.empty()) first_error = "device " + std::to_string(i) + ": " + outcome.error;
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < args.threads; ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::error_code ignored;
  if (args.work_dir.empty()) std::filesystem::remove_all(work, ignored);

  std::cout << "{\"devices\":" << args.devices << ",\"prepared\":" << prepared << ",\"sent\":" << sent
            << ",\"pending\":" << pending << ",\"failed_devices\":" << failed << ",\"seconds\":" << seconds
            << ",\"truth\":" << fleet::plan_to_json(config.value(), plan,
                                                          args.people == fleet::People::kNone
                                                              ? std::map<std::string, fleet::ExperimentTruth>()
                                                              : std::map<std::string, fleet::ExperimentTruth>{
                                                                    {config->experiments[0].id, experiment}}) << "}\n";
  if (!first_error.empty()) std::cerr << "confidant-fleet: " << first_error << "\n";
  return failed == 0 && pending == 0 ? 0 : 1;
}

}  // namespace

// Whatever goes wrong above (memory, a bug, an exception from a library) is a
// message and exit 1, never an abort.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "confidant-fleet: unexpected failure: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "confidant-fleet: unexpected failure\n";
  }
  return 1;
}

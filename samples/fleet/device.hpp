// One simulated device: a real Sdk with its own encrypted store, holding the
// profile its DeviceTruth describes, that installs the brand's config and
// syncs through a real Transport.
//
// Thread-safety: run_device() may run on many threads at once, each with its
// own directory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "confidant/brand.hpp"
#include "confidant/transport.hpp"
#include "fleet_plan.hpp"
#include "people.hpp"

namespace fleet {

struct DeviceSetup {
  std::filesystem::path dir;           // the device's own, removed afterwards
  std::string signed_config;
  std::string signing_public;          // pinned key, hex
  std::string reports_url;
  std::shared_ptr<confidant::Transport> transport;
  const confidant::brand::ConfigInfo* config = nullptr;
  // kNone: the device only holds its profile and syncs. Otherwise it also
  // lives through an experiment (people.hpp): a history two epochs back that
  // reveals its tastes, visits in the last epoch that order from rank()'s
  // list, then the sync that reports that epoch's outcome.
  People people = People::kNone;
  std::int64_t now_ms = 0;  // the real time of the sync (the collector checks epochs against it)
};

struct DeviceOutcome {
  int prepared = 0;
  int sent = 0;
  int pending = 0;
  std::string error;  // empty when every step worked
  // With people: the arm rank() showed in the measured epoch (0: none,
  // 1 personalized, 2 holdout, as in the report) and the orders it made.
  int arm = 0;
  std::uint32_t orders = 0;
  std::uint32_t order_days = 0;  // the days of the measured epoch with an order
};

// The bucket of `outcome` that the device's measured epoch falls in, as the
// SDK counts it: its only signals then are the visits' orders.
std::size_t outcome_bucket(const confidant::brand::OutcomeInfo& outcome, const DeviceOutcome& did);

DeviceOutcome run_device(const DeviceSetup& setup, const DeviceTruth& truth);

}  // namespace fleet

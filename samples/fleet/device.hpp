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

namespace fleet {

struct DeviceSetup {
  std::filesystem::path dir;           // the device's own, removed afterwards
  std::string signed_config;
  std::string signing_public;          // pinned key, hex
  std::string reports_url;
  std::shared_ptr<confidant::Transport> transport;
  const confidant::brand::ConfigInfo* config = nullptr;
};

struct DeviceOutcome {
  int prepared = 0;
  int sent = 0;
  int pending = 0;
  std::string error;  // empty when every step worked
};

DeviceOutcome run_device(const DeviceSetup& setup, const DeviceTruth& truth);

}  // namespace fleet

// The experiment rows in the store: the arm drawn per experiment and
// period, and the experiments the person left. Plain SQL, no policy: the
// Syncer decides when to draw and what leaving stops.
//
// Thread-safety: the store's (the SDK's worker).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "confidant/status.hpp"
#include "store/store.hpp"
#include "sync/experiment.hpp"

namespace confidant::sync {

class ArmTable {
 public:
  explicit ArmTable(store::Store& store) : store_(store) {}

  // The arm drawn for `period`, if one was.
  Result<std::optional<Arm>> arm(std::string_view experiment, std::uint64_t period);
  Status save_arm(std::string_view experiment, std::uint64_t period, Arm arm, std::int64_t now_ms);

  Result<bool> left(std::string_view experiment);
  Status leave(std::string_view experiment, std::int64_t now_ms);

 private:
  store::Store& store_;
};

}  // namespace confidant::sync

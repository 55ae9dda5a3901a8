// Confidant's side of eval: each user replayed through the real SDK, with
// the public API only, exactly as an app would feed it.
//
// Per user: a fresh Sdk in its own temporary directory (in-memory key), a
// clock set to each signal's time before it is tracked; consent granted for
// personalize in every category except `sensitive` (so signals in sensitive
// paths are dropped, as for a person who never opted in); every training
// signal tracked, then flushed; then, with the clock at the held-out time,
// rank() over the catalog minus the user's training items: limit K, seed 0,
// variety on (the default, as shipped), exploration off (it deliberately
// spends slots on what the person has not shown interest in, which is
// noise when measuring the model's accuracy).
//
// Users are independent, so they run on a few threads at once; the result
// does not depend on how many.
//
// Thread-safety: one caller; it starts and joins its own threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "confidant/status.hpp"
#include "eval/dataset.hpp"
#include "eval/split.hpp"

namespace confidant::eval {

struct ReplayOutcome {
  // Per case: the held-out item's 1-based position in Confidant's top K.
  std::vector<std::optional<std::size_t>> positions;
  // Training signals track() refused for consent (sensitive paths).
  std::uint64_t dropped = 0;
};

// kInvalidArgument names the interactions line the SDK refused; any other
// error is the SDK's.
Result<ReplayOutcome> replay_confidant(const Dataset& data, const Split& split, std::size_t k,
                                       const std::filesystem::path& scratch);

}  // namespace confidant::eval

// Confidant's side of eval: each user replayed through the real SDK, with
// the public API only, exactly as an app would feed it.
//
// Per user: a fresh Sdk in its own temporary directory (in-memory key), a
// clock set to each signal's time before it is tracked; consent granted for
// personalize in every category except `sensitive` (so signals in sensitive
// paths are dropped, as for a person who never opted in); every training
// signal tracked, then flushed; then, with the clock at the held-out time,
// rank() over the user's candidates (the catalog minus the excluded items,
// split.hpp): limit K, seed 0, variety on (the default, as shipped),
// exploration off (it deliberately spends slots on what the person has not
// shown interest in, which is noise when measuring the model's accuracy).
//
// Several variants of the catalog (the same items, carrying different
// things: with and without the item model's related items) are ranked one
// after the other in the same store, each with the same request. That is
// what separate stores would give: after the replay, rank() changes only
// what does not move its next answer. It remembers the served list (for
// why(), and to learn from feedback signals that come after it: none do
// here), keeps the profile index (index_cache.hpp: a cached index answers
// exactly as a fresh one), and drops impression counts of earlier days (the
// second call, at the same time, finds none left). replay_test checks it
// against a store of its own.
//
// Last, the store is paused and the first variant ranked again: the SDK's
// own order for a person it may not personalize for.
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
  // Per catalog variant, per case: the held-out item's 1-based position in
  // Confidant's top K.
  std::vector<std::vector<std::optional<std::size_t>>> positions;
  // Per case, its position in the SDK's not-personal order (the same store
  // paused, the first variant ranked): popularity under variety.
  std::vector<std::optional<std::size_t>> not_personal;
  // Training signals track() refused for consent (sensitive paths).
  std::uint64_t dropped = 0;
};

// `catalogs`: the variants, each data.catalog's items in its order (none
// null, at least one). kInvalidArgument names the interactions line the
// SDK refused; any other error is the SDK's.
Result<ReplayOutcome> replay_confidant(const Dataset& data, const Split& split, std::size_t k,
                                       const std::vector<const std::vector<Candidate>*>& catalogs,
                                       const std::filesystem::path& scratch);

}  // namespace confidant::eval

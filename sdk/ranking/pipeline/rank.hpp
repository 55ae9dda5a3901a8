// rank(): the ranking pipeline, one call, no state of its own —
//
//   check the request and every candidate (errors name candidates[i].field)
//   → hard filters (filters.hpp) → score (evaluate.hpp)
//   → variety and exploration (selection.hpp) → reasons (explain.hpp)
//
// With inputs.consent.personal() false (no personalize grant, or paused),
// the order is non-personal: popularity (and, in a related slot, the item
// model's relatedness), no profile-derived filter, no personal reason, no
// exploration.
//
// Cost: the profile is indexed once per call (profile_index.hpp), each
// distinct category path is looked at once (path_facts.hpp), and the
// per-candidate loop allocates nothing; only the results are built as
// strings. docs/ranking.md has the figures.
//
// Ranker (ranker.hpp) wraps this with the learned state; the bench and the
// tests may call it directly.
//
// Thread-safety: reentrant; the inputs must not change during the call.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "confidant/ranking.hpp"
#include "confidant/status.hpp"
#include "ranking/pipeline/inputs.hpp"

namespace confidant::ranking {

// The displayed list, best first. `served` (optional) receives each
// result's component values, for the learner.
Result<std::vector<RankedItem>> rank(const RankingInputs& inputs, std::span<const Candidate> candidates,
                                     const RankRequest& request, std::vector<ServedItem>* served = nullptr);

// Why `item_id` (one of the candidates) is where it is: its result as rank()
// returns it when it is in the list; otherwise, when a hard rule removed
// it, score 0 and one reason with that rule's code (filters.hpp); otherwise
// (ranked below the limit) its score and reasons. kInvalidArgument naming
// "item" when no candidate has that id.
Result<RankedItem> explain(const RankingInputs& inputs, std::span<const Candidate> candidates,
                           const RankRequest& request, std::string_view item_id);

}  // namespace confidant::ranking

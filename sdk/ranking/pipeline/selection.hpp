// Selection: from the scored candidates to the displayed list — variety
// (at most max_per_category of one category in every window of 10, with an
// MMR-style re-rank inside the window) and exploration (a share of the
// slots given to categories the person has not engaged with, labelled
// "new for you").
//
// Variety. Positions are filled one at a time. A candidate whose category
// already has max_per_category items in the current window is skipped; among
// the others, the best score minus mmr_lambda × its similarity to what the
// window already holds (1 for the same category, parent_backoff for a
// sibling under the same parent) wins. When no candidate satisfies the cap,
// the best remaining one is taken anyway: a short list is worse than a
// narrow one. mmr_lambda is far below the stated weight, so variety never
// puts an unliked item above a liked one, though the cap may move the fifth
// liked latte out of the window.
//
// Exploration (epsilon-greedy over categories). One slot per whole
// 1/exploration_share results, at a random position of its block that is
// not among the block's first two (the top stays the best) when the block
// is longer than two. Each slot draws one
// category from those the person has not engaged with, with probability
// proportional to 0.25 + the popularity of its best candidate, without
// repeating a category, and takes that category's best-scored candidate.
// Never in a non-personal list (it would claim to know what is new to the
// person), never a sensitive candidate nor one the person stated anything
// about. A category whose best candidate scores above the slot's position
// is not drawn (the slot would move it down); "above" is by score, so a
// candidate the variety pass lifts higher than its score may still be moved.
// Every draw comes from a SplitMix64 seeded with the request's seed: same
// seed, same list.
//
// Ties break by the candidates' input order, so a list is a pure function
// of its inputs.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <vector>

#include "confidant/ranking.hpp"
#include "ranking/ranking_params.hpp"

namespace confidant::ranking {

struct Scored {
  double score = 0;
  double score_without_usual = 0;  // Evaluation's, for the usual's second look
  std::uint32_t usual_named = 0;
  std::uint32_t usual_matched = 0;
  double popularity = 0;
  std::uint32_t index = 0;  // into the candidates
  std::uint32_t group = 0;  // kNoGroup: no category, never capped
  std::uint32_t parent_group = 0;
  bool explorable = false;
};

struct Placement {
  std::uint32_t scored = 0;  // index into the `scored` vector
  bool exploration = false;
};

// The displayed list, at most request.limit long. Reorders `scored`.
std::vector<Placement> select(std::vector<Scored>& scored, const RankRequest& request, const RankingParams& params,
                              bool personal);

}  // namespace confidant::ranking

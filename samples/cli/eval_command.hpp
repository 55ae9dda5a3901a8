// eval: how well Confidant ranks, measured offline against two non-personal
// baselines (docs/cli.md, "eval"; docs/ranking.md, "Evaluation").
//
// Reads the interactions and the catalog, checks them with the SDK's own
// validation, splits each user's history leave-last-out (eval_split.hpp),
// replays it into a throwaway store per user (eval_replay.hpp), ranks the
// baselines on the same split (eval_baselines.hpp) and prints HR@K, NDCG@K
// and MRR@K (eval_metrics.hpp) for all three.
//
// Thread-safety: one caller.
#pragma once

#include "args.hpp"
#include "exit_codes.hpp"

namespace confidant::cli {

Exit run_eval(const Eval& args);

}  // namespace confidant::cli

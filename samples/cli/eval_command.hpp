// eval: how well Confidant ranks, measured offline against baselines, with
// intervals (docs/cli.md, "eval"; docs/ranking.md, "Evaluation").
//
// The evaluation itself is the confidant_eval library (tools/eval/); this
// command reads its two files line by line into it, prints its messages
// and its report, and turns its outcome into an exit code.
//
// Thread-safety: one caller.
#pragma once

#include "args.hpp"
#include "exit_codes.hpp"

namespace confidant::cli {

Exit run_eval(const Eval& args);

}  // namespace confidant::cli

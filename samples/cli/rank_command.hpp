// rank: orders candidate items for the person (Sdk::rank), best first.
//
// Candidates come as JSONL (one candidate per line, the contract's candidate
// form; blank lines skipped); any malformed line is bad input (exit 3, each
// reported with its line number) and nothing is ranked. Results go to
// stdout as JSONL, one {"id":..,"score":..,"reasons":[..]} per line.
//
// Thread-safety: one thread.
#pragma once

#include "args.hpp"
#include "exit_codes.hpp"
#include "session.hpp"

namespace confidant::cli {

Exit run_rank(const Session& session, const Rank& args);

}  // namespace confidant::cli

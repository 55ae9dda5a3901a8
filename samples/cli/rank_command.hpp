// rank: orders candidate items for the person.
//
// The ranking layer (sdk/ranking) does not exist yet. The command's
// arguments are already parsed and checked (args.hpp), so scripts can be
// written against the contract now; the command answers "not available yet"
// with exit 2 until the layer lands.
//
// Thread-safety: one thread.
#pragma once

#include "args.hpp"
#include "exit_codes.hpp"
#include "session.hpp"

namespace confidant::cli {

Exit run_rank(const Session& session, const Rank& args);

}  // namespace confidant::cli

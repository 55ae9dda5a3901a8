// Runs one parsed command and returns its exit code. Each command opens the
// store itself, after checking its own input, so a command that fails on its
// input (track's missing file) never creates or touches a store.
//
// Thread-safety: one thread.
#pragma once

#include "args.hpp"
#include "exit_codes.hpp"
#include "session.hpp"

namespace confidant::cli {

Exit run(const Session& session, const Command& command);

}  // namespace confidant::cli

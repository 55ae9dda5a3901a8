// Checks eval's whole input the way the SDK will, before any replay: each
// signal through Sdk::track()'s validation, the catalog through
// Sdk::rank()'s. A bad line found halfway through a long replay would waste
// the run, and the SDK's own checks are the only ones that match the SDK.
//
// It uses one throwaway store with no consent granted: track() validates a
// signal before it looks at consent, so a valid signal comes back
// kNotPermitted and nothing is kept.
//
// Thread-safety: one thread.
#pragma once

#include <filesystem>

#include "args.hpp"
#include "eval_dataset.hpp"
#include "exit_codes.hpp"

namespace confidant::cli {

// Exit 3 with the bad lines reported (file and line number), 1 when the
// throwaway store fails, ok otherwise.
Exit validate_dataset(const Dataset& data, const Eval& args, const std::filesystem::path& scratch);

}  // namespace confidant::cli

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

#include "confidant/status.hpp"
#include "confidant_eval/eval.hpp"
#include "eval/dataset.hpp"

namespace confidant::eval {

// Every problem is reported through `messages` (bad lines with their file
// and number). kInvalidArgument when the input is bad; the SDK's error when
// the throwaway store (in `scratch`) fails.
Status validate_dataset(const Dataset& data, const InputFiles& files, const std::filesystem::path& scratch,
                        const Messages& messages);

}  // namespace confidant::eval

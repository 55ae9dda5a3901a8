// Moves a log older than signals may be (kEarliestSignalTimeMs, 2000-01-01)
// forward in time, so public datasets from the 1990s replay as they are.
//
// Every interaction moves by the same whole number of weeks: the gaps
// between them (which decay reads), the hour of day and the day of the week
// (which the time-of-day habits read) are all kept, so the evaluation is
// the same as on the original times. A log already in range is untouched.
//
// Thread-safety: pure function on the caller's data.
#pragma once

#include <cstdint>

#include "eval_dataset.hpp"

namespace confidant::cli {

// Shifts every interaction's time when the earliest one is too early;
// returns the shift in days (0 when none was needed).
std::int64_t shift_into_signal_range(Dataset& data);

}  // namespace confidant::cli

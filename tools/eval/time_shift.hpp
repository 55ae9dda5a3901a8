// Brings a log's times into the range signals may have, so public datasets
// replay as they are.
//
// Seconds for milliseconds: a log whose every time falls in the first 115
// days of 1970 (below 10^10 ms) cannot be a real log in milliseconds; it is
// Unix seconds given as integers (MovieLens' own unit). Such times are
// multiplied by 1000, and the report says so.
//
// A log wholly before 2000 (kEarliestSignalTimeMs): every interaction moves
// forward by the same whole number of weeks, just enough. The gaps between them
// (which decay reads), the hour of day and the day of the week (which the
// time-of-day habits read) are all kept, so the evaluation is the same as
// on the original times. A log reaching 2000 or later is untouched (its
// earlier lines, like negative times, are bad lines for validation).
//
// Thread-safety: pure function on the caller's data.
#pragma once

#include <cstdint>

#include "eval/dataset.hpp"

namespace confidant::eval {

struct TimeFix {
  bool seconds_to_ms = false;  // every time was multiplied by 1000
  std::int64_t shift_days = 0;  // then moved this many days later (whole weeks)
};

TimeFix fix_times(Dataset& data);

}  // namespace confidant::eval

#include "eval/time_shift.hpp"

#include <algorithm>

namespace confidant::eval {
namespace {

// 1970-04-26 in milliseconds; 2286-11-20 in seconds.
constexpr std::int64_t kSecondsBelow = 10'000'000'000;

}  // namespace

TimeFix fix_times(Dataset& data) {
  TimeFix fix;
  if (data.interactions.empty()) return fix;
  const auto [first, last] = std::minmax_element(
      data.interactions.begin(), data.interactions.end(),
      [](const Interaction& a, const Interaction& b) { return a.signal.at < b.signal.at; });
  // A negative time is a bad line, not a unit or an era: validation names it.
  if (first->signal.at < 0) return fix;
  std::int64_t earliest = first->signal.at;
  std::int64_t latest = last->signal.at;
  if (latest < kSecondsBelow) {
    fix.seconds_to_ms = true;
    for (Interaction& interaction : data.interactions) interaction.signal.at *= 1000;
    earliest *= 1000;
    latest *= 1000;
  }
  // Only a log that is old as a whole moves: one line from before 2000 in a
  // recent log is a wrong clock, which validation reports.
  if (latest >= kEarliestSignalTimeMs) return fix;
  const std::int64_t weeks = (kEarliestSignalTimeMs - earliest + kWeekMs - 1) / kWeekMs;
  for (Interaction& interaction : data.interactions) interaction.signal.at += weeks * kWeekMs;
  fix.shift_days = weeks * 7;
  return fix;
}

}  // namespace confidant::eval

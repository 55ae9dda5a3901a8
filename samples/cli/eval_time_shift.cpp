#include "eval_time_shift.hpp"

#include <algorithm>

namespace confidant::cli {

std::int64_t shift_into_signal_range(Dataset& data) {
  if (data.interactions.empty()) return 0;
  const auto earliest = std::min_element(data.interactions.begin(), data.interactions.end(),
                                         [](const Interaction& a, const Interaction& b) {
                                           return a.signal.at < b.signal.at;
                                         })->signal.at;
  if (earliest >= kEarliestSignalTimeMs) return 0;
  constexpr std::int64_t kDayMs = 86'400'000;
  constexpr std::int64_t kWeekMs = 7 * kDayMs;
  const std::int64_t weeks = (kEarliestSignalTimeMs - earliest + kWeekMs - 1) / kWeekMs;
  for (Interaction& interaction : data.interactions) interaction.signal.at += weeks * kWeekMs;
  return weeks * 7;
}

}  // namespace confidant::cli

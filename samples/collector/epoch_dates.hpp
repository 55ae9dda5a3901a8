// Epochs as dates: an epoch is counted from the Unix epoch in the config's
// epoch_seconds (brand::epoch_of), so its start and end are UTC instants a
// brand can read ("3 Dec – 9 Dec 2026") instead of a number ("epoch 2970").
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

namespace collector {

// The first instant of the epoch, ISO 8601 in UTC: "2026-12-03T00:00:00Z".
std::string epoch_start_iso(std::uint64_t epoch, std::uint64_t epoch_seconds);

// The epoch in words, UTC: "3 Dec 2026" for a day, "3 Dec – 9 Dec 2026" for
// several whole days (the last day included), "3 Dec 2026 14:00 UTC" when
// epochs do not fall on whole days.
std::string epoch_label(std::uint64_t epoch, std::uint64_t epoch_seconds);

// The same, short enough for a chart's axis: "3 Dec", or "3 Dec 14:00".
std::string epoch_axis_label(std::uint64_t epoch, std::uint64_t epoch_seconds);

// "a week", "a day", "every 3 days", "every 2 hours" or "every 90 seconds":
// what a per-epoch count is counted over, for "2.3 orders a week".
std::string per_epoch_words(std::uint64_t epoch_seconds);

}  // namespace collector

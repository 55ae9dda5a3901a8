// ImpressionLog: how often each item was shown today without being chosen,
// for the frequency cap (RankingParams::max_impressions_per_day).
//
// Why the ranking keeps its own count: the profile's impression terms hold a
// total count and the first and last times, which cannot say how many of
// them fell today. Here each item has (UTC day, count): an impression on a
// later day starts a new count, one on an earlier day (a late delivery) is
// ignored, and a click, add to cart, order or purchase of the item clears
// it — an item the person keeps choosing (the morning latte) is never
// capped for being shown.
//
// Thread-safety: the owner's; one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "confidant/signal.hpp"
#include "ranking/learned/keyed_table.hpp"

namespace confidant::ranking {

struct DayCount {
  std::int64_t day = 0;    // days since 1970-01-01, UTC
  std::int64_t count = 0;  // impressions that day, since the last time it was chosen
};

std::int64_t utc_day(std::int64_t unix_ms) noexcept;

class ImpressionLog : public KeyedTable<DayCount> {
 public:
  // Counts an impression; clears the item on a sign it was chosen.
  void observe(const Signal& signal);

  // Impressions of `item` on the UTC day of `now_ms`.
  std::int64_t shown_on_day_of(std::string_view item, std::int64_t now_ms) const;

  // Forgets the counts of days before the day of `now_ms` (they cap
  // nothing); returns how many.
  std::size_t prune(std::int64_t now_ms);
};

}  // namespace confidant::ranking

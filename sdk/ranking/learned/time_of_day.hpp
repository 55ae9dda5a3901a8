// Time of day, learned on the device: per category path, a 24-hour histogram
// (UTC hours) of when the person engages with it — their own orders, visits
// and views — so "this person orders coffee in the morning" is something
// the phone learns, not something the brand is told.
//
// Each signal adds its weight to the hour of its own time, for every prefix
// of its category paths (interest in "drinks/coffee/latte" at 8:00 is
// interest in "drinks/coffee" at 8:00). The bins of one path decay together
// (one reference time, as profile/decay.hpp), so the result does not depend
// on the order signals arrive in, and a shift in habits wins out over months.
//
// Hours are UTC because signals carry no time zone; matching a UTC hour
// against a UTC hour needs none. Only the wording ("in the morning") uses
// the request's offset.
//
// Thread-safety: the owner's; one thread at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "confidant/signal.hpp"
#include "ranking/learned/keyed_table.hpp"
#include "ranking/ranking_params.hpp"

namespace confidant::ranking {

// The verb of "You often order this in the morning".
enum class Engagement : std::uint8_t { kOrder, kVisit, kView };
inline constexpr std::size_t kEngagementCount = 3;

struct HourHistogram {
  std::array<double, 24> hours{};                      // decayed weight per UTC hour, valued at ref_ms
  std::array<double, kEngagementCount> engagement{};   // the same weight per verb
  std::int64_t ref_ms = 0;

  void add(int hour, Engagement kind, double weight, std::int64_t at_ms, double half_life_ms) noexcept;
  double total() const noexcept;
  Engagement dominant() const noexcept;
};

// What one signal type says about when: (verb, weight), or nothing for
// types that say nothing about the hour the person wants something
// (searches, ratings, impressions, dismissals, already_have, preferences).
std::optional<std::pair<Engagement, double>> time_of_day_weight(SignalType type) noexcept;

// The UTC hour (0..23) of a Unix time in ms.
int utc_hour(std::int64_t unix_ms) noexcept;
// "morning" (5-10 h), "midday" (11-13), "afternoon" (14-17), "evening"
// (18-21), "night" (22-4), for a local hour.
std::string_view part_of_day(int local_hour) noexcept;

// The share of a histogram's engagement within ±window hours of `now_ms`
// (0 when it holds nothing).
double share_near(const HourHistogram& histogram, std::int64_t now_ms, int window_hours) noexcept;

// The component's value for one histogram at `now_ms`: how much more of the
// engagement falls within ±window hours of now than `usual_share` (the
// share the person's engagement as a whole puts there; a flat day's share
// when that is higher), as a part of what is left above it (0 = no more
// than usual, 1 = all of it), times a confidence that grows with the amount
// of evidence, total / (total + confidence). A path that only follows the
// person's usual hours says nothing about what they want now.
double time_of_day_value(const HourHistogram& histogram, std::int64_t now_ms, const RankingParams& params,
                         double usual_share = 0) noexcept;

// The share of the person's whole engagement (every root path's histogram,
// decayed to `now_ms`) within ±window hours of now: time_of_day_value's
// `usual_share`.
double usual_share_near(const KeyedTable<HourHistogram>& histograms, std::int64_t now_ms,
                        const RankingParams& params) noexcept;

class TimeOfDay : public KeyedTable<HourHistogram> {
 public:
  // Adds a kept signal (at > 0). Paths beyond params.time_of_day_max_paths
  // push out the path with the least decayed weight.
  void observe(const Signal& signal, const RankingParams& params);

  // Drops `path` and everything under it.
  void erase_under(std::string_view path);
};

}  // namespace confidant::ranking

#include "ranking/learned/time_of_day.hpp"

#include <algorithm>
#include <vector>

#include "profile/decay.hpp"
#include "profile/target.hpp"

namespace confidant::ranking {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;

}  // namespace

void HourHistogram::add(int hour, Engagement kind, double weight, std::int64_t at_ms, double half_life_ms) noexcept {
  if (at_ms > ref_ms) {
    // Rebase every bin to the newer time, as DecayedSum does for one sum.
    const double factor = profile::decay_factor(at_ms - ref_ms, half_life_ms);
    for (double& bin : hours) bin *= factor;
    for (double& bin : engagement) bin *= factor;
    ref_ms = at_ms;
  } else {
    weight *= profile::decay_factor(ref_ms - at_ms, half_life_ms);
  }
  hours[static_cast<std::size_t>(hour)] += weight;
  engagement[static_cast<std::size_t>(kind)] += weight;
}

double HourHistogram::total() const noexcept {
  double sum = 0;
  for (const double bin : hours) sum += bin;
  return sum;
}

Engagement HourHistogram::dominant() const noexcept {
  std::size_t best = 0;
  for (std::size_t i = 1; i < engagement.size(); ++i) {
    if (engagement[i] > engagement[best]) best = i;
  }
  return static_cast<Engagement>(best);
}

std::optional<std::pair<Engagement, double>> time_of_day_weight(SignalType type) noexcept {
  switch (type) {
    case SignalType::kOrder:
    case SignalType::kPurchase: return std::pair{Engagement::kOrder, 1.0};
    case SignalType::kVisit: return std::pair{Engagement::kVisit, 1.0};
    case SignalType::kClick:
    case SignalType::kAddToCart: return std::pair{Engagement::kView, 0.5};
    case SignalType::kView: return std::pair{Engagement::kView, 0.25};
    default: return std::nullopt;
  }
}

int utc_hour(std::int64_t unix_ms) noexcept {
  std::int64_t hour = (unix_ms / kHourMs) % 24;
  if (unix_ms % kHourMs < 0) --hour;  // floor for times before 1970
  return static_cast<int>((hour + 24) % 24);
}

std::string_view part_of_day(int local_hour) noexcept {
  if (local_hour >= 5 && local_hour <= 10) return "morning";
  if (local_hour >= 11 && local_hour <= 13) return "midday";
  if (local_hour >= 14 && local_hour <= 17) return "afternoon";
  if (local_hour >= 18 && local_hour <= 21) return "evening";
  return "night";
}

double share_near(const HourHistogram& histogram, std::int64_t now_ms, int window_hours) noexcept {
  const double total = histogram.total();
  if (!(total > 0)) return 0;
  const int hour = utc_hour(now_ms);
  double near = 0;
  for (int offset = -window_hours; offset <= window_hours; ++offset) {
    near += histogram.hours[static_cast<std::size_t>((hour + offset + 24) % 24)];
  }
  return near / total;
}

double time_of_day_value(const HourHistogram& histogram, std::int64_t now_ms, const RankingParams& params,
                         double usual_share) noexcept {
  const double total = histogram.total();
  if (!(total > 0)) return 0;
  const int window = params.time_of_day_window_hours;
  const double flat = static_cast<double>(2 * window + 1) / 24.0;
  const double usual = std::max(usual_share, flat);
  if (usual >= 1) return 0;
  const double lift = std::clamp((share_near(histogram, now_ms, window) - usual) / (1.0 - usual), 0.0, 1.0);
  // All bins share one decay factor, so the share is timeless; only the
  // amount of evidence fades.
  const double decayed_total =
      total * profile::decay_factor(now_ms - histogram.ref_ms, profile::days_to_ms(params.time_of_day_half_life_days));
  return lift * decayed_total / (decayed_total + params.time_of_day_confidence);
}

double usual_share_near(const KeyedTable<HourHistogram>& histograms, std::int64_t now_ms,
                        const RankingParams& params) noexcept {
  // Root paths only: every signal with a category counts in at least one,
  // and a deeper path is already inside its root.
  const double half_life_ms = profile::days_to_ms(params.time_of_day_half_life_days);
  HourHistogram whole;
  histograms.for_each([&](const std::string& path, const HourHistogram& histogram) {
    if (path.find('/') != std::string::npos) return;
    const double factor = profile::decay_factor(now_ms - histogram.ref_ms, half_life_ms);
    for (std::size_t h = 0; h < whole.hours.size(); ++h) whole.hours[h] += histogram.hours[h] * factor;
  });
  return share_near(whole, now_ms, params.time_of_day_window_hours);
}

void TimeOfDay::observe(const Signal& signal, const RankingParams& params) {
  const auto weight = time_of_day_weight(signal.type);
  if (!weight || signal.categories.empty()) return;
  const double half_life_ms = profile::days_to_ms(params.time_of_day_half_life_days);
  const int hour = utc_hour(signal.at);
  // A signal's paths often share prefixes ("drinks/coffee/latte" and
  // "drinks/coffee/seasonal"): each prefix counts once per signal.
  std::vector<std::string_view> seen;
  for (const std::string& path : signal.categories) {
    profile::any_prefix(path, [&](std::string_view prefix) {
      if (std::find(seen.begin(), seen.end(), prefix) != seen.end()) return false;
      seen.push_back(prefix);
      if (find(prefix) == nullptr && size() >= params.time_of_day_max_paths) {
        evict_weakest([&](const HourHistogram& h) {
          return h.total() * profile::decay_factor(signal.at - h.ref_ms, half_life_ms);
        });
      }
      find_or_add(prefix).add(hour, weight->first, weight->second, signal.at, half_life_ms);
      mark_changed(prefix);
      return false;
    });
  }
}

void TimeOfDay::erase_under(std::string_view path) {
  erase_if([path](std::string_view key, const HourHistogram&) { return profile::is_under(key, path); });
}

}  // namespace confidant::ranking

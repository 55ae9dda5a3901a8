#include "ranking/learned/impressions.hpp"

#include "profile/decay.hpp"

namespace confidant::ranking {
namespace {

bool is_choice(SignalType type) noexcept {
  return type == SignalType::kClick || type == SignalType::kAddToCart || type == SignalType::kOrder ||
         type == SignalType::kPurchase;
}

}  // namespace

std::int64_t utc_day(std::int64_t unix_ms) noexcept {
  std::int64_t day = unix_ms / profile::kMsPerDay;
  if (unix_ms % profile::kMsPerDay < 0) --day;
  return day;
}

void ImpressionLog::observe(const Signal& signal) {
  if (!signal.item) return;
  const std::string& item = *signal.item;
  if (signal.type == SignalType::kImpression) {
    const std::int64_t day = utc_day(signal.at);
    DayCount& count = find_or_add(item, DayCount{day, 0});
    if (day < count.day) return;  // a late delivery from an earlier day caps nothing now
    if (day > count.day) count = {day, 0};
    ++count.count;
    mark_changed(item);
  } else if (is_choice(signal.type)) {
    erase(item);
  }
}

std::int64_t ImpressionLog::shown_on_day_of(std::string_view item, std::int64_t now_ms) const {
  if (empty()) return 0;
  const DayCount* count = find(item);
  if (count == nullptr || count->day != utc_day(now_ms)) return 0;
  return count->count;
}

std::size_t ImpressionLog::prune(std::int64_t now_ms) {
  const std::int64_t today = utc_day(now_ms);
  return erase_if([today](std::string_view, const DayCount& count) { return count.day < today; });
}

}  // namespace confidant::ranking

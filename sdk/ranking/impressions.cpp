#include "ranking/impressions.hpp"

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
    auto it = by_item_.find(item);
    if (it == by_item_.end()) it = by_item_.emplace(item, DayCount{day, 0}).first;
    DayCount& count = it->second;
    if (day < count.day) return;  // a late delivery from an earlier day caps nothing now
    if (day > count.day) count = {day, 0};
    ++count.count;
    pending_.changed(item);
  } else if (is_choice(signal.type)) {
    erase(item);
  }
}

std::int64_t ImpressionLog::shown_on_day_of(std::string_view item, std::int64_t now_ms) const {
  if (by_item_.empty()) return 0;
  const auto it = by_item_.find(item);
  if (it == by_item_.end() || it->second.day != utc_day(now_ms)) return 0;
  return it->second.count;
}

std::size_t ImpressionLog::prune(std::int64_t now_ms) {
  const std::int64_t today = utc_day(now_ms);
  std::size_t pruned = 0;
  for (auto it = by_item_.begin(); it != by_item_.end();) {
    if (it->second.day < today) {
      pending_.removed(it->first);
      it = by_item_.erase(it);
      ++pruned;
    } else {
      ++it;
    }
  }
  return pruned;
}

void ImpressionLog::insert_saved(std::string item, DayCount count) { by_item_.insert_or_assign(std::move(item), count); }

void ImpressionLog::erase(std::string_view item) {
  const auto it = by_item_.find(item);
  if (it == by_item_.end()) return;
  pending_.removed(it->first);
  by_item_.erase(it);
}

void ImpressionLog::clear() {
  by_item_.clear();
  pending_.clear();
}

}  // namespace confidant::ranking

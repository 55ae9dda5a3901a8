#include "ranking/learned/places.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/json.hpp"
#include "profile/decay.hpp"
#include "profile/target.hpp"

namespace confidant::ranking {
namespace {

// Orders and purchases say what the person wants at a place; a purchase
// (usually a durable good) says it less about coming back for more.
std::optional<double> place_weight(SignalType type) noexcept {
  switch (type) {
    case SignalType::kOrder: return 1.0;
    case SignalType::kPurchase: return 0.5;
    default: return std::nullopt;
  }
}

double decayed(double value, std::int64_t from_ms, std::int64_t to_ms, double half_life_ms) noexcept {
  return to_ms > from_ms ? value * profile::decay_factor(to_ms - from_ms, half_life_ms) : value;
}

}  // namespace

void PlaceHabit::add(std::span<const std::string> categories, double weight, std::int64_t at_ms,
                     double half_life_ms) {
  if (at_ms > ref_ms) {
    // Rebase every path to the newer time, so all share one factor.
    const double factor = ref_ms == 0 ? 1.0 : profile::decay_factor(at_ms - ref_ms, half_life_ms);
    for (auto& [path, value] : paths) value *= factor;
    orders *= factor;
    ref_ms = at_ms;
  } else {
    weight *= profile::decay_factor(ref_ms - at_ms, half_life_ms);
  }
  orders += weight;
  std::vector<std::string_view> seen;
  for (const std::string& path : categories) {
    profile::any_prefix(path, [&](std::string_view prefix) {
      if (std::find(seen.begin(), seen.end(), prefix) != seen.end()) return false;
      seen.push_back(prefix);
      auto it = paths.find(prefix);
      if (it == paths.end()) it = paths.emplace(std::string(prefix), 0.0).first;
      it->second += weight;
      return false;
    });
  }
}

double place_value(const PlaceHabit& habit, std::string_view path, std::int64_t now_ms, const RankingParams& params,
                   std::string_view& found) noexcept {
  if (!(habit.orders > 0)) return 0;
  const double* deepest = nullptr;
  profile::any_prefix(path, [&](std::string_view prefix) {
    if (const auto it = habit.paths.find(prefix); it != habit.paths.end()) {
      deepest = &it->second;
      found = it->first;
    }
    return false;
  });
  if (deepest == nullptr) return 0;
  const std::size_t found_depth = profile::segment_count(found);
  double weight = *deepest;
  if (found != path) {
    // An ancestor: only what it holds beyond its known children counts.
    // Orders of tea under "drinks" say nothing about coffee here.
    for (const auto& [other, other_weight] : habit.paths) {
      if (profile::segment_count(other) == found_depth + 1 && profile::is_under(other, found)) weight -= other_weight;
    }
    if (!(weight > 1e-9)) return 0;
  }
  const double levels = static_cast<double>(profile::segment_count(path) - found_depth);
  const double share = std::min(1.0, weight / habit.orders);
  // Shares are timeless (one decay factor for the whole place); only the
  // amount of evidence fades.
  const double evidence = decayed(habit.orders, habit.ref_ms, now_ms, profile::days_to_ms(params.place_half_life_days));
  return share * evidence / (evidence + params.place_confidence) * std::pow(params.parent_backoff, levels);
}

std::string paths_json(const PlaceHabit& habit) {
  json::Value::Object members;
  for (const auto& [path, weight] : habit.paths) members.emplace_back(path, json::Value::from_double(weight));
  // Sorted, so the same habit is always stored (and exported) the same way.
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return json::serialize(json::Value::from_object(std::move(members)));
}

void Places::observe(const Signal& signal, const RankingParams& params) {
  if (signal.type == SignalType::kVisit) {
    if (signal.item && (!last_visit_ || signal.at >= last_visit_->at_ms)) last_visit_ = Visit{*signal.item, signal.at};
    return;
  }
  const auto weight = place_weight(signal.type);
  if (!weight || signal.categories.empty() || !last_visit_) return;
  const std::int64_t window_ms = static_cast<std::int64_t>(params.place_window_hours) * 3'600'000;
  if (signal.at < last_visit_->at_ms || signal.at - last_visit_->at_ms > window_ms) return;
  const double half_life_ms = profile::days_to_ms(params.place_half_life_days);
  if (find(last_visit_->place) == nullptr && size() >= params.place_max_places) {
    evict_weakest([&](const PlaceHabit& habit) { return decayed(habit.orders, habit.ref_ms, signal.at, half_life_ms); });
  }
  find_or_add(last_visit_->place).add(signal.categories, *weight, signal.at, half_life_ms);
  mark_changed(last_visit_->place);
}

void Places::erase_place(std::string_view place) {
  erase(place);
  if (last_visit_ && last_visit_->place == place) last_visit_.reset();
}

void Places::erase_under(std::string_view path) {
  std::vector<std::string> changed;
  erase_if([&](std::string_view place, PlaceHabit& habit) {
    const auto own = habit.paths.find(path);
    if (own == habit.paths.end()) return false;
    // What the path held leaves its ancestors and the place's total too, so
    // no trace of it is left to roll up.
    const double weight = own->second;
    std::erase_if(habit.paths, [&](const auto& entry) { return profile::is_under(entry.first, path); });
    profile::any_prefix(path, [&](std::string_view prefix) {
      if (prefix == path) return false;
      if (auto it = habit.paths.find(prefix); it != habit.paths.end()) {
        it->second -= weight;
        if (!(it->second > 1e-9)) habit.paths.erase(it);
      }
      return false;
    });
    habit.orders = std::max(0.0, habit.orders - weight);
    if (habit.paths.empty() || !(habit.orders > 1e-9)) return true;
    changed.emplace_back(place);
    return false;
  });
  for (const std::string& place : changed) mark_changed(place);
}

void Places::clear() {
  remove_all();
  last_visit_.reset();
}

}  // namespace confidant::ranking

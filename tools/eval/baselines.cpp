#include "eval/baselines.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace confidant::eval {
namespace {

constexpr std::int64_t kRecentWindowMs = kWeekMs;

// One positive training interaction with a catalog item.
struct Event {
  std::int64_t at = 0;
  std::size_t item = 0;
};

std::vector<Event> training_events(const Dataset& data, const Split& split) {
  std::vector<Event> events;
  for (const UserCase& c : split.cases) {
    for (const std::size_t i : c.training) {
      const Signal& signal = data.interactions[i].signal;
      if (const auto item = positive_catalog_item(data, signal)) events.push_back({signal.at, *item});
    }
  }
  return events;
}

std::vector<std::uint64_t> counts_of(const std::vector<Event>& events, std::size_t catalog_size) {
  std::vector<std::uint64_t> counts(catalog_size, 0);
  for (const Event& e : events) ++counts[e.item];
  return counts;
}

// Place of each item in the most-popular order (0 = first).
std::vector<std::size_t> popularity_places(const std::vector<std::uint64_t>& counts) {
  std::vector<std::size_t> order(counts.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
  std::vector<std::size_t> place(counts.size());
  for (std::size_t p = 0; p < order.size(); ++p) place[order[p]] = p;
  return place;
}

}  // namespace

std::vector<std::uint64_t> training_counts(const Dataset& data, const Split& split) {
  return counts_of(training_events(data, split), data.catalog.size());
}

std::vector<std::size_t> most_popular_places(const Dataset& data, const Split& split) {
  return popularity_places(training_counts(data, split));
}

std::vector<std::size_t> most_popular_positions(const Dataset& data, const Split& split) {
  const std::vector<std::size_t> place = most_popular_places(data, split);
  std::vector<std::size_t> positions;
  positions.reserve(split.cases.size());
  for (const UserCase& c : split.cases) {
    // Everything ahead of the held-out item, minus the user's excluded items there.
    const std::size_t target = place[c.held_out_item];
    std::size_t ahead = target;
    for (const std::size_t out : c.excluded_items) ahead -= place[out] < target ? 1 : 0;
    positions.push_back(ahead + 1);
  }
  return positions;
}

std::vector<std::size_t> recent_popular_positions(const Dataset& data, const Split& split) {
  std::vector<Event> events = training_events(data, split);
  const std::vector<std::size_t> place = popularity_places(counts_of(events, data.catalog.size()));
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });

  // Users in order of held-out time, so one window slides over the events once.
  std::vector<std::size_t> by_time(split.cases.size());
  std::iota(by_time.begin(), by_time.end(), std::size_t{0});
  std::stable_sort(by_time.begin(), by_time.end(), [&](std::size_t a, std::size_t b) {
    return split.cases[a].held_out_at < split.cases[b].held_out_at;
  });

  std::vector<std::uint64_t> recent(data.catalog.size(), 0);
  std::vector<char> excluded(data.catalog.size(), 0);
  std::vector<std::size_t> positions(split.cases.size());
  std::size_t enter = 0, leave = 0;
  for (const std::size_t index : by_time) {
    const UserCase& c = split.cases[index];
    for (; enter < events.size() && events[enter].at < c.held_out_at; ++enter) ++recent[events[enter].item];
    for (; leave < enter && events[leave].at < c.held_out_at - kRecentWindowMs; ++leave) --recent[events[leave].item];

    for (const std::size_t out : c.excluded_items) excluded[out] = 1;
    const std::size_t h = c.held_out_item;
    std::size_t ahead = 0;
    for (std::size_t i = 0; i < data.catalog.size(); ++i) {
      if (excluded[i] || i == h) continue;
      ahead += recent[i] > recent[h] || (recent[i] == recent[h] && place[i] < place[h]) ? 1 : 0;
    }
    for (const std::size_t out : c.excluded_items) excluded[out] = 0;
    positions[index] = ahead + 1;
  }
  return positions;
}

}  // namespace confidant::eval

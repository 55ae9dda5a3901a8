#include "ranking/learned/learned_json.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.hpp"
#include "common/time.hpp"
#include "profile/decay.hpp"

namespace confidant::ranking {
namespace {

void append_time(std::string& out, std::int64_t unix_ms) {
  const std::string iso = timefmt::iso8601_utc(unix_ms);
  if (iso.empty()) {
    out += "null";
  } else {
    json::append_json_string(out, iso);
  }
}

}  // namespace

std::string export_json(const LearnedState& state) {
  std::string out = "{\"model\":{\"updates\":" + std::to_string(state.learner.updates) + ",\"bias\":";
  json::append_json_double(out, state.learner.bias);
  out += ",\"multipliers\":{";
  for (std::size_t i = 0; i < kComponentCount; ++i) {
    if (i > 0) out += ',';
    json::append_json_string(out, name(static_cast<Component>(i)));
    out += ':';
    json::append_json_double(out, state.learner.multipliers[i]);
  }
  out += "}},\"time_of_day\":[";

  std::vector<std::pair<std::string_view, const HourHistogram*>> paths;
  state.time_of_day.for_each([&paths](const std::string& path, const HourHistogram& histogram) {
    paths.emplace_back(path, &histogram);
  });
  std::sort(paths.begin(), paths.end());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const HourHistogram& histogram = *paths[i].second;
    out += i > 0 ? ",{\"path\":" : "{\"path\":";
    json::append_json_string(out, paths[i].first);
    out += ",\"as_of\":";
    append_time(out, histogram.ref_ms);
    out += ",\"hours_utc\":[";
    for (std::size_t h = 0; h < histogram.hours.size(); ++h) {
      if (h > 0) out += ',';
      json::append_json_double(out, histogram.hours[h]);
    }
    out += "],\"orders\":";
    json::append_json_double(out, histogram.engagement[static_cast<std::size_t>(Engagement::kOrder)]);
    out += ",\"visits\":";
    json::append_json_double(out, histogram.engagement[static_cast<std::size_t>(Engagement::kVisit)]);
    out += ",\"views\":";
    json::append_json_double(out, histogram.engagement[static_cast<std::size_t>(Engagement::kView)]);
    out += '}';
  }
  out += "],\"places\":[";

  std::vector<std::pair<std::string_view, const PlaceHabit*>> places;
  state.places.for_each([&places](const std::string& place, const PlaceHabit& habit) { places.emplace_back(place, &habit); });
  std::sort(places.begin(), places.end());
  for (std::size_t i = 0; i < places.size(); ++i) {
    out += i > 0 ? ",{\"place\":" : "{\"place\":";
    json::append_json_string(out, places[i].first);
    out += ",\"as_of\":";
    append_time(out, places[i].second->ref_ms);
    out += ",\"orders\":";
    json::append_json_double(out, places[i].second->orders);
    out += ",\"paths\":" + paths_json(*places[i].second) + "}";
  }
  out += "],\"impressions\":[";

  std::vector<std::pair<std::string_view, DayCount>> items;
  state.impressions.for_each([&items](const std::string& item, const DayCount& count) { items.emplace_back(item, count); });
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i > 0 ? ",{\"item\":" : "{\"item\":";
    json::append_json_string(out, items[i].first);
    out += ",\"day\":";
    const std::string day = timefmt::iso8601_utc(items[i].second.day * profile::kMsPerDay);
    if (day.size() >= 10) {
      json::append_json_string(out, std::string_view(day).substr(0, 10));
    } else {
      out += "null";
    }
    out += ",\"count\":" + std::to_string(items[i].second.count) + "}";
  }
  out += "]}";
  return out;
}

}  // namespace confidant::ranking

// Place habits, learned on the device: at each place the person visits
// (a `visit` signal, kept only with `location` granted for personalize),
// which categories they then order or buy. "At the airport store this person
// buys tea; at the corner shop, a latte" is something the phone learns and
// ranking uses when the app says where the person is now
// (RankRequest::place); the brand is never told.
//
// An order or purchase counts towards the place of the latest visit at most
// RankingParams::place_window_hours before it, for every prefix of its
// category paths (once per signal). A place's counts decay together (one
// reference time), so a change of habit wins out over months. The latest
// visit is kept in memory only: after a restart, orders are not attributed
// until the next visit (losing a few is better than guessing a place).
//
// Thread-safety: the owner's; one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "confidant/signal.hpp"
#include "common/string_map.hpp"
#include "ranking/learned/keyed_table.hpp"
#include "ranking/ranking_params.hpp"

namespace confidant::ranking {

struct PlaceHabit {
  text::StringMap<double> paths;  // decayed weight per category path (and prefix), valued at ref_ms
  double orders = 0;                 // decayed number of attributed signals, valued at ref_ms
  std::int64_t ref_ms = 0;

  void add(std::span<const std::string> categories, double weight, std::int64_t at_ms, double half_life_ms);
};

// The component's value of `path` (the deepest prefix the habit knows,
// discounted per level above the path) at `place`: its share of the
// place's orders times orders / (orders + confidence). `found` gets the
// prefix it came from.
double place_value(const PlaceHabit& habit, std::string_view path, std::int64_t now_ms, const RankingParams& params,
                   std::string_view& found) noexcept;

// {"path": weight, ...} sorted by path: how a habit is stored and exported.
std::string paths_json(const PlaceHabit& habit);

class Places : public KeyedTable<PlaceHabit> {
 public:
  // A kept signal (at > 0): a visit remembers its place; an order or
  // purchase soon after counts towards it. Places beyond
  // params.place_max_places push out the one with the least decayed weight.
  void observe(const Signal& signal, const RankingParams& params);

  // Forgets one place (Sdk::forget("item:<place id>")).
  void erase_place(std::string_view place);
  // Drops `path` and everything under it, at every place, and takes its
  // weight off its ancestors and the place's total; a place left with
  // nothing goes.
  void erase_under(std::string_view path);
  // Every place (each marked removed) and the latest visit.
  void clear();

 private:
  struct Visit {
    std::string place;
    std::int64_t at_ms = 0;
  };
  std::optional<Visit> last_visit_;
};

}  // namespace confidant::ranking

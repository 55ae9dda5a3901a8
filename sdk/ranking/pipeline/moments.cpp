#include "ranking/pipeline/moments.hpp"

#include <array>

#include "profile/target.hpp"

namespace confidant::ranking {
namespace {

// Paths follow the built-in taxonomy (docs/profile.md); a brand with other
// paths gets no boost from these until its config supplies its own table.
constexpr std::array<MomentBoost, 3> kMorningCommute = {{
    {"drinks/coffee", 1.0},
    {"drinks/tea", 0.7},
    {"food/bakery", 0.6},
}};
constexpr std::array<MomentBoost, 4> kLunch = {{
    {"food/sandwiches", 1.0},
    {"food/salads", 1.0},
    {"food/pasta", 0.8},
    {"drinks/juice", 0.5},
}};
constexpr std::array<MomentBoost, 3> kEvening = {{
    {"food/pasta", 0.8},
    {"drinks/tea", 0.5},
    {"amenities/spa", 0.6},
}};
// While booking, the room is the decision.
constexpr std::array<MomentBoost, 2> kBooking = {{
    {"rooms", 1.0},
    {"amenities/parking", 0.4},
}};
// On arrival, what the stay will be like: amenities first; the room still
// matters (its preferences decide the assignment), the room type less.
constexpr std::array<MomentBoost, 4> kCheckIn = {{
    {"amenities", 1.0},
    {"amenities/late_checkout", 0.6},
    {"food", 0.4},
    {"rooms", 0.3},
}};
constexpr std::array<MomentBoost, 2> kInStay = {{
    {"amenities", 1.0},
    {"food", 0.6},
}};
constexpr std::array<MomentBoost, 3> kCheckout = {{
    {"amenities/late_checkout", 1.0},
    {"amenities/parking", 0.7},
    {"food/bakery", 0.4},
}};

constexpr std::array<Moment, 7> kMoments = {{
    {"morning_commute", "Good for your morning commute", kMorningCommute},
    {"lunch", "Good for lunch", kLunch},
    {"evening", "Good for this evening", kEvening},
    {"booking", "Matters for your booking", kBooking},
    {"check_in", "Useful now that you are checking in", kCheckIn},
    {"in_stay", "Useful during your stay", kInStay},
    {"checkout", "Useful as you check out", kCheckout},
}};

}  // namespace

const Moment* find_moment(std::string_view name) noexcept {
  for (const Moment& moment : kMoments) {
    if (moment.name == name) return &moment;
  }
  return nullptr;
}

double moment_boost(const Moment& moment, std::string_view path) noexcept {
  double boost = 0;
  std::size_t depth = 0;
  for (const MomentBoost& entry : moment.boosts) {
    if (!profile::is_under(path, entry.path)) continue;
    const std::size_t entry_depth = profile::segment_count(entry.path);
    if (entry_depth > depth) {
      depth = entry_depth;
      boost = entry.boost;
    }
  }
  return boost;
}

}  // namespace confidant::ranking

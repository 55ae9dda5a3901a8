// Moments of truth: named situations ("morning_commute", "check_in") and
// the categories that matter in them, each with a boost 0..1 (the value of
// the `moment` component for a candidate under that path).
//
// The table is built in and small on purpose: it encodes what any coffee
// shop, hotel or retailer would agree on (on arrival at the hotel, the
// amenities matter more than the room types browsed while booking). A
// moment name the table does not know is allowed and changes nothing, so
// apps can send their own names before a brand config teaches them.
//
// Thread-safety: immutable tables and pure functions.
#pragma once

#include <span>
#include <string_view>

namespace confidant::ranking {

struct MomentBoost {
  std::string_view path;  // a category path: it and everything under it
  double boost = 0;       // 0..1
};

struct Moment {
  std::string_view name;
  // How a reason words it: "Good for your morning commute".
  std::string_view text;
  std::span<const MomentBoost> boosts;
};

// The moment named `name`; nullptr for an empty or unknown name.
const Moment* find_moment(std::string_view name) noexcept;

// The boost of the deepest entry covering `path`; 0 when none does.
double moment_boost(const Moment& moment, std::string_view path) noexcept;

}  // namespace confidant::ranking

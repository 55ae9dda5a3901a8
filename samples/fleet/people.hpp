// Simulated people for holdout experiments (confidant-fleet --people): hidden
// tastes over a small menu, and a choice model that says how many items a
// person orders from the list the SDK's rank() showed them. The simulator
// knows the tastes, so it knows the true effect of personalization.
//
// Choice model (docs/collector.md, "Proof by simulation"): in each visit the
// person looks down the list; the item at position r (0 = top) is ordered
// with probability fit(item) x attention(r).
//   responsive:  attention(r) = kDecay^r (a position-discounted choice model),
//                so a list with the person's favourites on top sells more;
//   indifferent: attention(r) = the mean of kDecay^r over the list, for every
//                r: the same expected orders whatever the order, no true lift.
//
// Thread-safety: a Menu and Tastes are immutable; choose() takes the caller's rng.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace fleet {

enum class People { kNone, kResponsive, kIndifferent };

// "responsive" / "indifferent"; false for anything else.
bool parse_people(const std::string& text, People& out);

inline constexpr std::size_t kMenuSize = 12;
inline constexpr int kVisitsPerEpoch = 4;  // each on its own day of the measured epoch
inline constexpr double kDecay = 0.7;

// A person's hidden tastes: fit in [0, 1] per menu item. Three favourites
// (fit 0.35) and a low fit (0.02) for everything else.
struct Tastes {
  std::vector<double> fit;           // per menu index
  std::vector<std::size_t> favourites;  // the menu indexes with a high fit
};

Tastes draw_tastes(std::mt19937_64& rng);

// The menu's item ids ("fleet-menu-0" ...), and the index of an id (or kMenuSize).
std::string menu_item(std::size_t index);
std::size_t menu_index(const std::string& id);

// How many of `shown` (menu indexes, top first) one visit orders, and which.
std::vector<std::size_t> choose(People people, const Tastes& tastes, const std::vector<std::size_t>& shown,
                                std::mt19937_64& rng);

}  // namespace fleet

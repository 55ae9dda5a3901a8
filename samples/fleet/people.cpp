#include "people.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fleet {

bool parse_people(const std::string& text, People& out) {
  if (text == "responsive") out = People::kResponsive;
  else if (text == "indifferent") out = People::kIndifferent;
  else return false;
  return true;
}

Tastes draw_tastes(std::mt19937_64& rng) {
  Tastes t;
  t.fit.assign(kMenuSize, 0.02);
  std::vector<std::size_t> order(kMenuSize);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::shuffle(order.begin(), order.end(), rng);
  t.favourites.assign(order.begin(), order.begin() + 3);
  for (std::size_t i : t.favourites) t.fit[i] = 0.35;
  return t;
}

std::string menu_item(std::size_t index) { return "fleet-menu-" + std::to_string(index); }

std::size_t menu_index(const std::string& id) {
  for (std::size_t i = 0; i < kMenuSize; ++i)
    if (menu_item(i) == id) return i;
  return kMenuSize;
}

std::vector<std::size_t> choose(People people, const Tastes& tastes, const std::vector<std::size_t>& shown,
                                std::mt19937_64& rng) {
  // The indifferent person's attention is the responsive one's averaged over
  // the positions: the same orders in expectation, whatever the list's order.
  double mean_attention = 0;
  for (std::size_t r = 0; r < shown.size(); ++r) mean_attention += std::pow(kDecay, static_cast<double>(r));
  if (!shown.empty()) mean_attention /= static_cast<double>(shown.size());
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<std::size_t> ordered;
  for (std::size_t r = 0; r < shown.size(); ++r) {
    const double attention =
        people == People::kResponsive ? std::pow(kDecay, static_cast<double>(r)) : mean_attention;
    if (uniform(rng) < tastes.fit[shown[r]] * attention) ordered.push_back(shown[r]);
  }
  return ordered;
}

}  // namespace fleet

#include "eval/bootstrap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace confidant::eval {
namespace {

constexpr double kLowQuantile = 0.025;
constexpr double kHighQuantile = 0.975;

// The four figures in a fixed order, so each gets the same treatment.
constexpr std::size_t kFigures = 4;
double Metrics::*const kFigure[kFigures] = {&Metrics::hr, &Metrics::ndcg, &Metrics::mrr, &Metrics::hr1};
Interval Intervals::*const kInterval[kFigures] = {&Intervals::hr, &Intervals::ndcg, &Intervals::mrr,
                                                  &Intervals::hr1};

}  // namespace

std::size_t draw_below(std::mt19937_64& random, std::size_t n) {
  const auto bound = static_cast<std::uint64_t>(n);
  // 2^64 mod n: the values at the top that would favour the smallest results.
  const std::uint64_t surplus = (std::numeric_limits<std::uint64_t>::max() % bound + 1) % bound;
  const std::uint64_t last = std::numeric_limits<std::uint64_t>::max() - surplus;
  std::uint64_t x = random();
  while (x > last) x = random();
  return static_cast<std::size_t>(x % bound);
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const double at = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  if (below + 1 >= sorted.size()) return sorted.back();
  return sorted[below] + (at - static_cast<double>(below)) * (sorted[below + 1] - sorted[below]);
}

std::vector<Intervals> bootstrap_intervals(const std::vector<std::vector<Metrics>>& per_user, std::size_t resamples,
                                           std::uint64_t seed) {
  const std::size_t methods = per_user.size();
  std::vector<Intervals> out(methods);
  const std::size_t users = methods == 0 ? 0 : per_user.front().size();
  if (users == 0 || resamples == 0) return out;

  // means[m][f][b]: method m's mean of figure f in resample b.
  std::vector<std::array<std::vector<double>, kFigures>> means(methods);
  for (auto& figures : means)
    for (auto& values : figures) values.resize(resamples);
  std::mt19937_64 random(seed);
  std::vector<Metrics> sums(methods);
  const double n = static_cast<double>(users);
  for (std::size_t b = 0; b < resamples; ++b) {
    std::fill(sums.begin(), sums.end(), Metrics{});
    for (std::size_t draw = 0; draw < users; ++draw) {
      const std::size_t u = draw_below(random, users);
      for (std::size_t m = 0; m < methods; ++m) {
        const Metrics& value = per_user[m][u];
        for (std::size_t f = 0; f < kFigures; ++f) sums[m].*kFigure[f] += value.*kFigure[f];
      }
    }
    for (std::size_t m = 0; m < methods; ++m)
      for (std::size_t f = 0; f < kFigures; ++f) means[m][f][b] = sums[m].*kFigure[f] / n;
  }
  for (std::size_t m = 0; m < methods; ++m) {
    for (std::size_t f = 0; f < kFigures; ++f) {
      std::vector<double>& values = means[m][f];
      std::sort(values.begin(), values.end());
      out[m].*kInterval[f] = {percentile(values, kLowQuantile), percentile(values, kHighQuantile)};
    }
  }
  return out;
}

}  // namespace confidant::eval

#include "ranking/learned/learner.hpp"

#include <algorithm>
#include <cmath>

namespace confidant::ranking {
namespace {

// The bias only absorbs the base rate (most impressions are not chosen);
// bounding it keeps a long run of impressions from saturating σ.
constexpr double kMaxBias = 6.0;

}  // namespace

void Learner::learn(const ComponentVector& values, bool chosen, double example_weight, const RankingParams& params) {
  double logit = bias;
  for (std::size_t i = 0; i < kComponentCount; ++i) logit += params.weights[i] * multipliers[i] * values[i];
  const double predicted = 1.0 / (1.0 + std::exp(-logit));
  const double error = (chosen ? 1.0 : 0.0) - predicted;
  const double step = params.learning_rate * example_weight * error;
  for (std::size_t i = 0; i < kComponentCount; ++i) {
    double m = multipliers[i] + step * params.weights[i] * values[i];
    m -= params.prior_pull * (m - 1.0);
    multipliers[i] = std::clamp(m, params.learned_min, params.learned_max);
  }
  bias = std::clamp(bias + step, -kMaxBias, kMaxBias);
  ++updates;
  changed = true;
}

}  // namespace confidant::ranking

// Learner: what the person's own feedback teaches the ranking, as one
// multiplier per score component (RankingParams), by online logistic
// regression on the components of what was shown.
//
// The model reads P(chosen | shown) = σ(bias + Σ weight[c]·multiplier[c]·value[c]).
// Each example — an item that was served, then shown (impression: not
// chosen), clicked, ordered or dismissed — moves the multipliers one
// gradient step, pulls them back towards 1 a little (so an old lesson fades
// when the person changes), and clamps them to [learned_min, learned_max].
// The clamp is what keeps stated preferences winning: check(RankingParams)
// sizes the stated weight against learned_max.
//
// Ten numbers about how this person responds to kinds of evidence; nothing
// about any item or category. Reset when any personalize consent is withdrawn.
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>

#include "ranking/ranking_params.hpp"

namespace confidant::ranking {

struct Learner {
  ComponentVector multipliers = filled(1.0);
  double bias = 0;
  std::int64_t updates = 0;
  bool changed = false;  // since the last save

  // One example: the component values the item was served with, whether it
  // was chosen, and how much the example counts.
  void learn(const ComponentVector& values, bool chosen, double example_weight, const RankingParams& params);

  static constexpr ComponentVector filled(double value) {
    ComponentVector out{};
    for (double& entry : out) entry = value;
    return out;
  }
};

}  // namespace confidant::ranking

// Exponential decay of interest, kept exact under out-of-order arrival.
//
// The score of a term at time t is  Σ w_i · 2^(-(t - at_i) / half_life).
// Rather than every contribution, a term keeps two numbers: the sum valued at
// a reference time (score, ref_ms). Adding a contribution rebases the sum to
// max(ref_ms, at): an older signal is decayed to the reference, a newer one
// moves the reference forward and decays the old sum to it. Both are the same
// formula, so the result does not depend on the order signals arrive in
// (beyond floating-point rounding, ~1e-15 relative per step) — which matters
// because a phone that was offline delivers yesterday's events after today's.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cmath>
#include <cstdint>

namespace confidant::profile {

inline constexpr std::int64_t kMsPerDay = 86'400'000;

constexpr double days_to_ms(double days) noexcept { return days * static_cast<double>(kMsPerDay); }

// 2^(-elapsed / half_life). A non-positive half-life means "does not decay".
inline double decay_factor(std::int64_t elapsed_ms, double half_life_ms) noexcept {
  if (half_life_ms <= 0) return 1.0;
  return std::exp2(-static_cast<double>(elapsed_ms) / half_life_ms);
}

struct DecayedSum {
  double score = 0;         // the sum, valued at ref_ms
  std::int64_t ref_ms = 0;  // the latest contribution's time

  void add(double weight, std::int64_t at_ms, double half_life_ms) noexcept {
    if (at_ms <= ref_ms) {
      score += weight * decay_factor(ref_ms - at_ms, half_life_ms);
    } else {
      score = score * decay_factor(at_ms - ref_ms, half_life_ms) + weight;
      ref_ms = at_ms;
    }
  }

  // The sum valued at `now_ms` (before ref_ms only when the clock moved back:
  // then the decay runs backwards, which keeps the formula one formula).
  double at(std::int64_t now_ms, double half_life_ms) const noexcept {
    return score * decay_factor(now_ms - ref_ms, half_life_ms);
  }
};

}  // namespace confidant::profile

// The brand's estimate of an experiment: per arm, the debiased outcome
// distribution and its mean with a standard error that counts both the
// randomized response's noise and the sampling of devices; between arms,
// the difference and the ratio of means with 95% normal intervals.
// Derivation in docs/collector.md ("Experiments").
#include <algorithm>
#include <cmath>

#include "confidant/brand.hpp"
#include "sync/oue.hpp"

namespace confidant::brand {
namespace {

constexpr double kZ95 = 1.959963984540054;

}  // namespace

std::vector<double> bucket_values(std::span<const std::uint32_t> bucket_starts) {
  std::vector<double> values;
  for (std::size_t j = 0; j < bucket_starts.size(); ++j) {
    const double start = bucket_starts[j];
    values.push_back(j + 1 < bucket_starts.size() ? (start + bucket_starts[j + 1] - 1) / 2.0 : start);
  }
  return values;
}

ArmEstimate estimate_arm(std::span<const std::uint64_t> ones, std::uint64_t reports, double epsilon,
                         std::span<const double> values) {
  ArmEstimate out;
  out.reports = reports;
  out.buckets = estimate_frequencies(ones, reports, epsilon);
  if (reports == 0 || values.size() != ones.size()) return out;
  const auto [p, q] = sync::oue_probabilities(epsilon);
  const double n = static_cast<double>(reports);
  // Each report i gives X_i = sum_j v_j (b_ij - q) / (p - q), whose mean
  // given the true bucket t is v_t: the mean of the X_i is unbiased for the
  // population's mean outcome. Var(X) = E[Var(X | t)] + Var(v_t).
  double mean = 0, second = 0, sum_squares = 0;
  for (std::size_t j = 0; j < values.size(); ++j) {
    const double f = out.buckets[j].frequency;
    mean += values[j] * f;
    second += values[j] * values[j] * f;
    sum_squares += values[j] * values[j];
  }
  // The debiased second moment may fall below mean^2 by noise; a variance
  // is never negative.
  second = std::max(second, mean * mean);
  const double noise = (q * (1 - q) * sum_squares + (p * (1 - p) - q * (1 - q)) * second) / ((p - q) * (p - q));
  const double sampling = second - mean * mean;
  out.mean = mean;
  out.mean_sd = std::sqrt(std::max(0.0, noise + sampling) / n);
  out.low = mean - kZ95 * out.mean_sd;
  out.high = mean + kZ95 * out.mean_sd;
  return out;
}

LiftEstimate estimate_lift(const ArmEstimate& personalized, const ArmEstimate& holdout) {
  LiftEstimate out;
  out.difference = personalized.mean - holdout.mean;
  const double sd = std::hypot(personalized.mean_sd, holdout.mean_sd);
  out.low = out.difference - kZ95 * sd;
  out.high = out.difference + kZ95 * sd;
  if (personalized.mean > 0 && holdout.mean > 0) {
    // Delta method on log(ratio): the interval stays positive and is
    // asymmetric, as a ratio's should be.
    out.has_ratio = true;
    out.ratio = personalized.mean / holdout.mean;
    const double log_sd = std::hypot(personalized.mean_sd / personalized.mean, holdout.mean_sd / holdout.mean);
    out.ratio_low = out.ratio * std::exp(-kZ95 * log_sd);
    out.ratio_high = out.ratio * std::exp(kZ95 * log_sd);
  }
  return out;
}

}  // namespace confidant::brand

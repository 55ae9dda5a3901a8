// The experiment estimator: per-arm means and the lift, checked by their
// coverage over repeated simulated fleets (OUE randomization included).
#include <catch2/catch.hpp>

#include <random>

#include "confidant/brand.hpp"
#include "sync/oue.hpp"

using namespace confidant;

namespace {

const std::vector<std::uint32_t> kStarts = {0, 1, 2, 3, 6};

// One arm of `n` devices whose true buckets follow `truth`, randomized at `epsilon`.
brand::ArmEstimate simulate_arm(const std::vector<double>& truth, std::size_t n, double epsilon, std::mt19937_64& rng) {
  std::discrete_distribution<std::uint32_t> pick(truth.begin(), truth.end());
  const sync::Uniform uniform = [&rng] { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); };
  std::vector<std::uint64_t> ones(truth.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto bits = sync::oue_randomize(pick(rng), static_cast<std::uint32_t>(truth.size()), epsilon, uniform);
    for (std::uint32_t b = 0; b < truth.size(); ++b) ones[b] += sync::bit_set(bits, b) ? 1 : 0;
  }
  const std::vector<double> values = brand::bucket_values(kStarts);
  return brand::estimate_arm(ones, n, epsilon, values);
}

double mean_of(const std::vector<double>& truth) {
  const std::vector<double> values = brand::bucket_values(kStarts);
  double mean = 0;
  for (std::size_t j = 0; j < truth.size(); ++j) mean += truth[j] * values[j];
  return mean;
}

}  // namespace

TEST_CASE("a bucket stands for its midpoint, the open last one for its lower bound") {
  CHECK(brand::bucket_values(kStarts) == std::vector<double>{0, 1, 2, 4, 6});
  CHECK(brand::bucket_values(std::vector<std::uint32_t>{0, 1, 3}) == std::vector<double>{0, 1.5, 3});
}

TEST_CASE("the 95% intervals of an arm's mean, the difference and the ratio cover the truth about 95% of the time") {
  // Personalized people order more: true means 2.5 and 1.95.
  const std::vector<double> personalized = {0.15, 0.20, 0.25, 0.30, 0.10};
  const std::vector<double> holdout = {0.25, 0.25, 0.20, 0.25, 0.05};
  const double true_p = mean_of(personalized), true_h = mean_of(holdout);
  REQUIRE(true_p - true_h == Approx(0.55));
  std::mt19937_64 rng(20261207);
  for (const double epsilon : {1.0, 2.0}) {
    INFO("epsilon " << epsilon);
    constexpr int kRuns = 300;
    int mean_covered = 0, difference_covered = 0, ratio_covered = 0, zero_excluded = 0;
    double half_width = 0;
    for (int run = 0; run < kRuns; ++run) {
      const brand::ArmEstimate p = simulate_arm(personalized, 3000, epsilon, rng);
      const brand::ArmEstimate h = simulate_arm(holdout, 3000, epsilon, rng);
      mean_covered += p.low <= true_p && true_p <= p.high ? 1 : 0;
      const brand::LiftEstimate lift = brand::estimate_lift(p, h);
      difference_covered += lift.low <= true_p - true_h && true_p - true_h <= lift.high ? 1 : 0;
      REQUIRE(lift.has_ratio);
      ratio_covered += lift.ratio_low <= true_p / true_h && true_p / true_h <= lift.ratio_high ? 1 : 0;
      zero_excluded += lift.low > 0 ? 1 : 0;
      half_width += (lift.high - lift.low) / 2 / kRuns;
    }
    INFO("covered: mean " << mean_covered << ", difference " << difference_covered << ", ratio " << ratio_covered
                          << " of " << kRuns << "; mean half-width " << half_width);
    // Binomial(300, 0.95): sd 3.8 runs; 0.90 is 4 sd below. An interval
    // that counted the sampling alone, or the noise alone, covers far less.
    CHECK(mean_covered >= 270);
    CHECK(difference_covered >= 270);
    CHECK(ratio_covered >= 270);
    CHECK(mean_covered <= 296);  // and not so wide that it always covers
    CHECK(difference_covered <= 296);
    // Power: at epsilon 2 the difference's half-width is about 0.37, so a
    // true lift of 0.55 (1.5 half-widths) excludes 0 in most runs (about
    // 83% by the normal approximation); at epsilon 1 (half-width about 0.75)
    // 3,000 devices an arm are too few to tell.
    INFO("zero excluded in " << zero_excluded);
    if (epsilon == 2.0) CHECK(zero_excluded >= 200);
  }
}

TEST_CASE("with no true lift, the difference's interval covers 0 about 95% of the time") {
  const std::vector<double> same = {0.2, 0.3, 0.2, 0.2, 0.1};
  std::mt19937_64 rng(7);
  constexpr int kRuns = 300;
  int covered = 0;
  for (int run = 0; run < kRuns; ++run) {
    const brand::LiftEstimate lift =
        brand::estimate_lift(simulate_arm(same, 1000, 1.0, rng), simulate_arm(same, 300, 1.0, rng));
    covered += lift.low <= 0 && 0 <= lift.high ? 1 : 0;
  }
  INFO("covered " << covered << " of " << kRuns);
  CHECK(covered >= 270);
  CHECK(covered <= 296);
}

TEST_CASE("no ratio when a mean is not positive") {
  brand::ArmEstimate p, h;
  p.mean = 1;
  p.mean_sd = 0.1;
  h.mean = 0;
  h.mean_sd = 0.1;
  CHECK_FALSE(brand::estimate_lift(p, h).has_ratio);
  CHECK(brand::estimate_lift(p, h).difference == 1);
}

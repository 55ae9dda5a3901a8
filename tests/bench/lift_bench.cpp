// How many devices an experiment needs: the 95 % interval's half-width of
// the lift (personalized - holdout mean outcome) against the number of
// devices N in the experiment and the outcome's epsilon. Each cell is the
// mean over --rounds simulated report populations: every device's true
// bucket is drawn from its arm's distribution, randomized by the SDK's own
// OUE oracle (sync::oue_randomize, with a seeded PRNG in place of the OS
// source for speed), and estimated by the collector's own code
// (brand::estimate_arm, brand::estimate_lift). No network: the loopback
// path is checked by tests/bench/experiment_coverage.py.
//
// The arms' true distributions (buckets 0, 1, 2, 3-5, 6+) are those that
// `confidant-fleet --people responsive` produced in a 1,000-device run at
// epsilon 2 (479 personalized, 521 holdout); the half-width depends on them
// only through their spread.
//
// Run: build/default/tests/bench/lift_bench [--rounds 20] [--holdout-share 0.5] [--seed 1]
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "confidant/brand.hpp"
#include "sync/oue.hpp"

using namespace confidant;

namespace {

const std::vector<std::uint32_t> kStarts = {0, 1, 2, 3, 6};
const std::vector<double> kPersonalized = {10, 56, 106, 258, 49};  // devices per bucket
const std::vector<double> kHoldout = {149, 176, 114, 80, 2};

// Ones per bucket of `n` randomized reports whose true buckets follow `truth`.
brand::ArmEstimate simulate_arm(const std::vector<double>& truth, std::size_t n, double epsilon, std::mt19937_64& rng) {
  std::discrete_distribution<std::uint32_t> pick(truth.begin(), truth.end());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const sync::Uniform uniform = [&] { return unit(rng); };
  const auto d = static_cast<std::uint32_t>(truth.size());
  std::vector<std::uint64_t> ones(truth.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto bits = sync::oue_randomize(pick(rng), d, epsilon, uniform);
    for (std::uint32_t b = 0; b < d; ++b) ones[b] += sync::bit_set(bits, b) ? 1 : 0;
  }
  return brand::estimate_arm(ones, n, epsilon, brand::bucket_values(kStarts));
}

double mean_of(const std::vector<double>& truth) {
  const std::vector<double> values = brand::bucket_values(kStarts);
  double mean = 0;
  double total = 0;
  for (std::size_t j = 0; j < truth.size(); ++j) {
    mean += truth[j] * values[j];
    total += truth[j];
  }
  return mean / total;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 20;
  double holdout_share = 0.5;
  unsigned long long seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--rounds") rounds = std::atoi(argv[i + 1]);
    else if (flag == "--holdout-share") holdout_share = std::atof(argv[i + 1]);
    else if (flag == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else {
      std::fprintf(stderr, "usage: lift_bench [--rounds R] [--holdout-share H] [--seed S]\n");
      return 2;
    }
  }
  if (rounds < 1 || holdout_share <= 0 || holdout_share >= 1) {
    std::fprintf(stderr, "lift_bench: --rounds must be >= 1 and --holdout-share in (0, 1)\n");
    return 2;
  }
  std::mt19937_64 rng(seed);
  const std::vector<std::size_t> sizes = {500, 1000, 2000, 5000, 10000};
  const std::vector<double> epsilons = {0.5, 1, 2, 4};
  std::printf("lift 95%% half-width (orders per epoch), holdout share %.2f, true lift %.3f, mean of %d rounds\n",
              holdout_share, mean_of(kPersonalized) - mean_of(kHoldout), rounds);
  std::printf("%8s", "N");
  for (double e : epsilons) std::printf("   eps=%-4g", e);
  std::printf("\n");
  for (std::size_t n : sizes) {
    const auto holdout = static_cast<std::size_t>(static_cast<double>(n) * holdout_share + 0.5);
    std::printf("%8zu", n);
    for (double epsilon : epsilons) {
      double half_width = 0;
      for (int r = 0; r < rounds; ++r) {
        const brand::LiftEstimate lift = brand::estimate_lift(simulate_arm(kPersonalized, n - holdout, epsilon, rng),
                                                              simulate_arm(kHoldout, holdout, epsilon, rng));
        half_width += (lift.high - lift.low) / 2 / rounds;
      }
      std::printf("   %8.3f", half_width);
    }
    std::printf("\n");
  }
  return 0;
}

// eval's bootstrap intervals: the percentile rule on values laid out by
// hand, draws taken from mt19937_64's raw output (fixed by the standard),
// intervals that are exact where the resamples can only give a few means,
// that hold the mean and narrow as users are added, and that are the same
// on every call and whatever other methods are resampled alongside.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

#include "eval/bootstrap.hpp"

namespace {

using namespace confidant::eval;

// Users whose HR is 1 for the first `hits` of `users`, 0 for the rest; the
// other figures follow (a hit at position 1).
std::vector<Metrics> hits_of(std::size_t users, std::size_t hits) {
  std::vector<Metrics> out(users);
  for (std::size_t u = 0; u < hits; ++u) out[u] = {1, 1, 1, 1};
  return out;
}

double width(const Interval& i) { return i.high - i.low; }

}  // namespace

TEST_CASE("eval bootstrap: the percentile is linear between order statistics at p * (n - 1)") {
  const std::vector<double> ten = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  CHECK(percentile(ten, 0) == 0);
  CHECK(percentile(ten, 1) == 10);
  CHECK(percentile(ten, 0.25) == 2.5);
  CHECK(percentile(ten, 0.5) == 5);
  CHECK(percentile({5}, 0.025) == 5);
  CHECK(percentile({}, 0.5) == 0);
  // B = 1000 means 0, 1, ..., 999: the bounds are at 24.975 and 974.025.
  std::vector<double> thousand(1000);
  for (std::size_t i = 0; i < thousand.size(); ++i) thousand[i] = static_cast<double>(i);
  CHECK(percentile(thousand, 0.025) == Approx(24.975).epsilon(1e-12));
  CHECK(percentile(thousand, 0.975) == Approx(974.025).epsilon(1e-12));
}

TEST_CASE("eval bootstrap: a draw is the generator's raw output modulo n") {
  // The standard fixes mt19937_64's 10000th output from the default seed
  // at 9981545732273789042; 2^64 mod 1000 = 616 values at the very top are
  // refused, far above it.
  std::mt19937_64 random;
  random.discard(9999);
  CHECK(draw_below(random, 1000) == 42);
  std::mt19937_64 one(kBootstrapSeed);
  for (int i = 0; i < 100; ++i) CHECK(draw_below(one, 1) == 0);
  std::mt19937_64 a(kBootstrapSeed), b(kBootstrapSeed);
  for (int i = 0; i < 100; ++i) {
    const std::size_t x = draw_below(a, 7);
    CHECK(x < 7);
    CHECK(x == draw_below(b, 7));
  }
}

TEST_CASE("eval bootstrap: no users, every interval [0, 0], and one value for everyone, [v, v]") {
  const std::vector<Intervals> none = bootstrap_intervals({{}, {}});
  REQUIRE(none.size() == 2);
  CHECK(none[0].hr.low == 0);
  CHECK(none[0].hr.high == 0);
  CHECK(bootstrap_intervals({}).empty());

  const std::vector<Metrics> same(50, Metrics{1, 0.5, 0.25, 0});
  const Intervals i = bootstrap_intervals({same}).front();
  CHECK(i.hr.low == 1);
  CHECK(i.hr.high == 1);
  CHECK(i.ndcg.low == 0.5);
  CHECK(i.ndcg.high == 0.5);
  CHECK(i.mrr.low == 0.25);
  CHECK(i.mrr.high == 0.25);
  CHECK(i.hr1.low == 0);
  CHECK(i.hr1.high == 0);
}

TEST_CASE("eval bootstrap: two users, a hit and a miss: the interval is the full range [0, 1]") {
  // A resample's mean is 0, 0.5 or 1 with chances 1/4, 1/2, 1/4: of 1000
  // resamples about 250 are 0 and 250 are 1, so both the 25th and 26th
  // smallest are 0 and both the 975th and 976th are 1.
  const Intervals i = bootstrap_intervals({hits_of(2, 1)}).front();
  CHECK(i.hr.low == 0);
  CHECK(i.hr.high == 1);
  CHECK(i.hr1.low == 0);
  CHECK(i.hr1.high == 1);
}

TEST_CASE("eval bootstrap: the interval holds the mean and narrows as users are added") {
  // Half the users hit. The mean of n draws has standard deviation
  // 0.5 / sqrt(n), so the 95 % interval is about 0.5 -+ 1.96 * 0.5 / sqrt(n):
  // 0.5 -+ 0.219 for 20 users, 0.5 -+ 0.022 for 2000 (a tenth as wide).
  const Interval few = bootstrap_intervals({hits_of(20, 10)}).front().hr;
  const Interval many = bootstrap_intervals({hits_of(2000, 1000)}).front().hr;
  CHECK(few.low <= 0.5);
  CHECK(few.high >= 0.5);
  CHECK(many.low <= 0.5);
  CHECK(many.high >= 0.5);
  CHECK(width(few) == Approx(2 * 0.219).epsilon(0.2));
  CHECK(width(many) == Approx(2 * 0.0219).epsilon(0.2));
  CHECK(width(many) < width(few) / 5);
}

TEST_CASE("eval bootstrap: the same intervals on every call, whatever else is resampled") {
  const std::vector<Metrics> a = hits_of(300, 45);
  std::vector<Metrics> b = hits_of(300, 200);
  const std::vector<Intervals> alone = bootstrap_intervals({a});
  const std::vector<Intervals> again = bootstrap_intervals({a});
  const std::vector<Intervals> paired = bootstrap_intervals({a, b});
  REQUIRE(paired.size() == 2);
  for (const Intervals* other : {&again.front(), &paired.front()}) {
    CHECK(other->hr.low == alone.front().hr.low);
    CHECK(other->hr.high == alone.front().hr.high);
    CHECK(other->mrr.low == alone.front().mrr.low);
    CHECK(other->mrr.high == alone.front().mrr.high);
  }
  // Another seed draws other users: the bounds move (the mean, 0.15, does not).
  const Intervals reseeded = bootstrap_intervals({a}, kBootstrapResamples, kBootstrapSeed + 1).front();
  CHECK((reseeded.hr.low != alone.front().hr.low || reseeded.hr.high != alone.front().hr.high));
}

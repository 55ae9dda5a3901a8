// Decay: a term's score halves every half-life; contributions arriving out of
// order rebase exactly; and the same signals applied in any order give the
// same profile (property test over random orders).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "profile/decay.hpp"
#include "profile/exact_sum.hpp"
#include "profile/model_params.hpp"
#include "profile_test_util.hpp"

namespace {

using confidant::profile::days_to_ms;
using confidant::profile::DecayedSum;
using confidant::profile::RowKey;
using confidant::profile::SuppressionSpan;
using confidant::profile::Term;
using namespace profile_test;

constexpr double kRelative = 1e-9;

TEST_CASE("a score halves every half-life") {
  const double half_life = days_to_ms(14);
  DecayedSum sum;
  sum.add(1.0, kT0, half_life);
  CHECK(sum.ref_ms == kT0);
  CHECK(sum.at(kT0, half_life) == 1.0);
  CHECK(sum.at(kT0 + 14 * kDay, half_life) == Approx(0.5).epsilon(kRelative));
  CHECK(sum.at(kT0 + 28 * kDay, half_life) == Approx(0.25).epsilon(kRelative));
  CHECK(sum.at(kT0 + 7 * kDay, half_life) == Approx(std::sqrt(0.5)).epsilon(kRelative));
}

TEST_CASE("an older contribution decays to the reference, a newer one moves it") {
  const double half_life = days_to_ms(3);
  DecayedSum newer_first;
  newer_first.add(0.5, kT0 + 3 * kDay, half_life);
  newer_first.add(2.0, kT0, half_life);  // arrives late
  CHECK(newer_first.ref_ms == kT0 + 3 * kDay);
  CHECK(newer_first.score == Approx(0.5 + 1.0).epsilon(kRelative));

  DecayedSum older_first;
  older_first.add(2.0, kT0, half_life);
  older_first.add(0.5, kT0 + 3 * kDay, half_life);
  CHECK(older_first.ref_ms == kT0 + 3 * kDay);
  CHECK(older_first.score == Approx(newer_first.score).epsilon(kRelative));
  CHECK(older_first.at(kT0 + 6 * kDay, half_life) == Approx(0.75).epsilon(kRelative));
}

TEST_CASE("mixed signs (ratings above and below neutral) still sum by the formula") {
  const double half_life = days_to_ms(60);
  DecayedSum sum;
  sum.add(3.0, kT0 + 10 * kDay, half_life);
  sum.add(-3.0, kT0, half_life);
  const double expected = 3.0 - 3.0 * std::exp2(-10.0 / 60.0);
  CHECK(sum.at(kT0 + 10 * kDay, half_life) == Approx(expected).margin(1e-12));
}

TEST_CASE("ExactSum: the order of additions does not change the sum") {
  std::mt19937_64 rng(3);
  std::vector<double> addends;
  for (int i = 0; i < 1000; ++i) addends.push_back(std::ldexp(static_cast<double>(rng() % 1000000), -int(rng() % 40)));
  confidant::profile::ExactSum forward;
  for (const double a : addends) forward += a;
  std::shuffle(addends.begin(), addends.end(), rng);
  confidant::profile::ExactSum shuffled;
  for (const double a : addends) shuffled += a;
  CHECK(forward.value() == shuffled.value());  // bit for bit

  confidant::profile::ExactSum huge;
  huge += 1e300;
  huge += 1e300;
  CHECK(huge.value() > 2e9);  // saturated, not wrapped
  huge += -1e300;
  CHECK(std::isfinite(huge.value()));
}

TEST_CASE("default weights and half-lives are the documented ones") {
  const ModelParams& p = ModelParams::defaults();
  const auto w = [&p](SignalType type) { return p.weight(type, 3); };
  CHECK(w(SignalType::kView) == 1.0);
  CHECK(w(SignalType::kImpression) == 0.0);
  CHECK(w(SignalType::kClick) == 1.5);
  CHECK(w(SignalType::kAddToCart) == 3.0);
  CHECK(w(SignalType::kSearch) == 0.5);
  CHECK(w(SignalType::kPurchase) == 4.0);
  CHECK(w(SignalType::kOrder) == 3.0);
  CHECK(w(SignalType::kDismiss) == -1.5);
  CHECK(w(SignalType::kAlreadyHave) == 0.0);
  CHECK(w(SignalType::kVisit) == 2.0);
  CHECK(p.weight(SignalType::kRate, 5) == 3.0);
  CHECK(p.weight(SignalType::kRate, 1) == -3.0);
  CHECK(p.weight(SignalType::kRate, 3) == 0.0);
  CHECK(p.half_life_ms(SignalType::kView) == days_to_ms(14));
  CHECK(p.half_life_ms(SignalType::kSearch) == days_to_ms(3));
  CHECK(p.half_life_ms(SignalType::kAddToCart) == days_to_ms(21));
  CHECK(p.half_life_ms(SignalType::kPurchase) == days_to_ms(60));
  CHECK(p.half_life_ms(SignalType::kOrder) == days_to_ms(30));
  CHECK(p.half_life_ms(SignalType::kRate) == days_to_ms(60));
  CHECK(p.half_life_ms(SignalType::kVisit) == days_to_ms(30));
  CHECK(p.durable_suppression_ms() == 180 * kDay);
  CHECK(p.dismiss_suppression_ms() == 30 * kDay);
  CHECK(check(p));
}

TEST_CASE("impossible parameters are refused naming the field") {
  ModelParams p;
  p.by_type[static_cast<std::size_t>(SignalType::kView)].half_life_days = 0;
  CHECK(check(p).message().rfind("by_type[view].half_life_days", 0) == 0);
  ModelParams q;
  q.usual_min_share = 1.5;
  CHECK(check(q).message().rfind("usual_min_share", 0) == 0);
  TestStore t;
  auto refused = ProfileState::load(*t.store, Taxonomy::builtin(), q);
  REQUIRE_FALSE(refused);
  CHECK(refused.status().code() == confidant::ErrorCode::kInvalidArgument);
}

// Random signals of every inferred type over two months. Ratings stay above
// neutral so no term mixes signs: relative error then means something.
std::vector<Signal> random_signals(std::mt19937_64& rng, std::size_t count) {
  const std::vector<SignalType> types = {
      SignalType::kView,     SignalType::kSearch,  SignalType::kAddToCart,   SignalType::kPurchase,
      SignalType::kOrder,    SignalType::kDismiss, SignalType::kAlreadyHave, SignalType::kRate,
      SignalType::kVisit,    SignalType::kImpression, SignalType::kClick};
  const std::vector<std::string> paths = {"drinks/coffee/latte", "drinks/tea", "food/pasta",
                                          "electronics/camera/batteries", "footwear/running_shoes", "rooms/suite",
                                          "apps/own/category"};
  const std::vector<std::string> items = {"latte-1", "tea-1", "battery-1", "shoe-9", "suite-2"};
  const std::vector<std::string> milks = {"oat", "whole", "none"};
  std::vector<Signal> out;
  for (std::size_t i = 0; i < count; ++i) {
    const SignalType type = types[rng() % types.size()];
    std::vector<std::string> categories = {paths[rng() % paths.size()]};
    if (rng() % 3 == 0 && categories[0] != paths[0]) categories.push_back(paths[0]);
    std::map<std::string, std::string> attrs;
    if (rng() % 2 == 0) attrs["milk"] = milks[rng() % milks.size()];
    const std::int64_t at = kT0 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(60 * kDay));
    Signal s = signal(type, at, items[rng() % items.size()], categories, attrs);
    if (type == SignalType::kRate) s.rating = 4 + static_cast<std::int64_t>(rng() % 2);
    out.push_back(std::move(s));
  }
  return out;
}

TEST_CASE("the same signals in any order give the same terms and suppressions") {
  std::mt19937_64 rng(20261120);
  TestStore t;
  const std::vector<Signal> signals = random_signals(rng, 400);
  const std::int64_t now = kT0 + 61 * kDay;
  const ModelParams& params = ModelParams::defaults();

  auto reference = load(*t.store);
  for (const Signal& s : signals) reference->apply(s, false);

  for (int round = 0; round < 20; ++round) {
    std::vector<Signal> shuffled = signals;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    auto state = load(*t.store);
    for (const Signal& s : shuffled) state->apply(s, false);

    REQUIRE(state->terms().size() == reference->terms().size());
    reference->terms().for_each([&](const RowKey& key, const Term& expected) {
      const Term* got = state->terms().find(key.view());
      REQUIRE(got != nullptr);
      CHECK(got->count == expected.count);
      CHECK(got->first_ms == expected.first_ms);
      CHECK(got->last_ms == expected.last_ms);
      CHECK(got->decayed.ref_ms == expected.decayed.ref_ms);  // rebased to the latest, exactly
      const double half_life = params.half_life_ms(key.type);
      CHECK(got->decayed.at(now, half_life) == Approx(expected.decayed.at(now, half_life)).epsilon(kRelative));
    });
    REQUIRE(state->suppressions().rows().size() == reference->suppressions().rows().size());
    reference->suppressions().rows().for_each([&](const RowKey& key, const SuppressionSpan& expected) {
      const SuppressionSpan* got = state->suppressions().rows().find(key.view());
      REQUIRE(got != nullptr);
      CHECK(got->since_ms == expected.since_ms);
      CHECK(got->until_ms == expected.until_ms);
    });
  }
}

TEST_CASE("a term's score is the decay formula summed over its signals") {
  std::mt19937_64 rng(7);
  TestStore t;
  auto state = load(*t.store);
  const double half_life = ModelParams::defaults().half_life_ms(SignalType::kView);
  const std::int64_t now = kT0 + 90 * kDay;
  double expected = 0;
  for (int i = 0; i < 200; ++i) {
    const std::int64_t at = kT0 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(90 * kDay));
    state->apply(signal(SignalType::kView, at, "shoe-" + std::to_string(i), {"footwear/running_shoes"}), false);
    expected += std::exp2(-static_cast<double>(now - at) / half_life);
  }
  const Term* term =
      state->terms().find({confidant::profile::TargetKind::kCategory, SignalType::kView, false, "footwear/running_shoes", ""});
  REQUIRE(term != nullptr);
  CHECK(term->count == 200);
  CHECK(term->decayed.at(now, half_life) == Approx(expected).epsilon(kRelative));
}

}  // namespace

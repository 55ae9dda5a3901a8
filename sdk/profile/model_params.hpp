// ModelParams: the numbers of the interest model, with every default and why
// (docs/profile.md says the same at more length). The brand's signed config
// may replace them; the defaults are what the samples and tests use.
//
// Thread-safety: a plain value; read-only once handed to a ProfileState.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "confidant/signal.hpp"
#include "confidant/status.hpp"
#include "profile/decay.hpp"

namespace confidant::profile {

// How much one signal of a type adds to its terms, and how fast that fades.
struct SignalWeight {
  double weight = 0;
  double half_life_days = 14;
};

// Indexed by SignalType.
using SignalWeights = std::array<SignalWeight, kAllSignalTypes.size()>;

// The defaults, by type:
//   view          1.0 / 14 d   the baseline: a look is mild interest
//   search        0.5 /  3 d   a one-off search weighs little and fades in days (scenario 2)
//   add_to_cart   3.0 / 21 d   intent
//   purchase      4.0 / 60 d   the strongest evidence of taste, lasting a season
//   order         3.0 / 30 d   a consumable bought again and again; also feeds the usual
//   dismiss      -1.5 / 14 d   "not for me" pulls its categories down
//   already_have  0             suppression only: owning says nothing of taste
//   rate          (rating-3)·1.5 / 60 d   5 stars +3, 1 star -3 (weight here is per star)
//   visit         2.0 / 30 d   being there is a strong signal
//   impression    0             shown, not chosen: counted (ranking's frequency caps), never interest
//   click         1.5 / 14 d   a chosen look
//   like dislike block   not terms: stated preferences never decay
SignalWeights default_signal_weights() noexcept;

struct ModelParams {
  // The defaults below, as one shared instance that lives forever.
  static const ModelParams& defaults();

  SignalWeights by_type = default_signal_weights();

  // rate: weight = (rating - neutral_rating) * by_type[rate].weight.
  std::int64_t neutral_rating = 3;

  // Suppression periods. A durable good bought (or already owned) is not
  // wanted again for months; a dismissed item may be welcome again sooner.
  double durable_suppression_days = 180;
  double dismiss_suppression_days = 30;
  // A category path suppresses its near-duplicates only when it is at least
  // this deep: a battery silences "electronics/camera/batteries", never
  // "electronics".
  std::size_t near_duplicate_min_segments = 2;

  // The usual: the top value of an attribute among orders, when it has at
  // least this many orders and at least this share of the attribute's
  // decayed order weight (so one afternoon tea does not replace it).
  std::int64_t usual_min_orders = 3;
  double usual_min_share = 0.5;

  // view(): interests at least this strong, strongest first, at most this many.
  double view_min_score = 0.05;
  std::size_t view_max_interests = 100;
  // Explanations say "this week" for contributions at most this old.
  double recent_days = 7;

  // The weight one signal adds to its terms (rate: from its rating).
  double weight(const Signal& signal) const noexcept;
  double weight(SignalType type, std::int64_t rating) const noexcept;
  double half_life_ms(SignalType type) const noexcept {
    return days_to_ms(by_type[static_cast<std::size_t>(type)].half_life_days);
  }
  std::int64_t durable_suppression_ms() const noexcept;
  std::int64_t dismiss_suppression_ms() const noexcept;
  std::int64_t recent_ms() const noexcept;
};

// kInvalidArgument naming the field when a value cannot work (a non-positive
// half-life, a share outside 0..1, ...). The defaults pass.
Status check(const ModelParams& params);

}  // namespace confidant::profile

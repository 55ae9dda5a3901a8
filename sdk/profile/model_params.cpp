#include "profile/model_params.hpp"

#include <cmath>
#include <string>

#include "signals/signal.hpp"

namespace confidant::profile {
namespace {

std::int64_t whole_ms(double days) noexcept { return static_cast<std::int64_t>(std::llround(days_to_ms(days))); }

// A period longer than this would overflow until_ms arithmetic long before
// it meant anything to a person.
constexpr double kMaxDays = 100.0 * 365.0;

}  // namespace

SignalWeights default_signal_weights() noexcept {
  SignalWeights weights{};
  const auto set = [&weights](SignalType type, double weight, double half_life_days) {
    weights[static_cast<std::size_t>(type)] = {weight, half_life_days};
  };
  set(SignalType::kView, 1.0, 14);
  set(SignalType::kSearch, 0.5, 3);
  set(SignalType::kAddToCart, 3.0, 21);
  set(SignalType::kPurchase, 4.0, 60);
  set(SignalType::kOrder, 3.0, 30);
  set(SignalType::kDismiss, -1.5, 14);
  set(SignalType::kAlreadyHave, 0.0, 14);
  set(SignalType::kRate, 1.5, 60);
  set(SignalType::kVisit, 2.0, 30);
  set(SignalType::kImpression, 0.0, 14);
  set(SignalType::kClick, 1.5, 14);
  set(SignalType::kLike, 0.0, 14);
  set(SignalType::kDislike, 0.0, 14);
  set(SignalType::kBlock, 0.0, 14);
  return weights;
}

const ModelParams& ModelParams::defaults() {
  static const ModelParams kDefaults;
  return kDefaults;
}

double ModelParams::weight(SignalType type, std::int64_t rating) const noexcept {
  const double base = by_type[static_cast<std::size_t>(type)].weight;
  if (type == SignalType::kRate) return static_cast<double>(rating - neutral_rating) * base;
  return base;
}

double ModelParams::weight(const Signal& signal) const noexcept {
  return weight(signal.type, signal.rating.value_or(neutral_rating));
}

std::int64_t ModelParams::durable_suppression_ms() const noexcept { return whole_ms(durable_suppression_days); }
std::int64_t ModelParams::dismiss_suppression_ms() const noexcept { return whole_ms(dismiss_suppression_days); }
std::int64_t ModelParams::recent_ms() const noexcept { return whole_ms(recent_days); }

Status check(const ModelParams& params) {
  for (const SignalType type : kAllSignalTypes) {
    const SignalWeight& w = params.by_type[static_cast<std::size_t>(type)];
    const std::string field = "by_type[" + std::string(signals::name(type)) + "]";
    if (!std::isfinite(w.weight)) return Status::invalid_field(field + ".weight", "not a finite number");
    if (!(w.half_life_days > 0 && w.half_life_days <= kMaxDays)) {
      return Status::invalid_field(field + ".half_life_days", "must be in (0, " + std::to_string(kMaxDays) + "]");
    }
  }
  const auto period = [](const char* field, double days) {
    return days >= 0 && days <= kMaxDays ? Status::ok() : Status::invalid_field(field, "must be in [0, 36500] days");
  };
  if (Status s = period("durable_suppression_days", params.durable_suppression_days); !s) return s;
  if (Status s = period("dismiss_suppression_days", params.dismiss_suppression_days); !s) return s;
  if (Status s = period("recent_days", params.recent_days); !s) return s;
  if (params.near_duplicate_min_segments < 1) {
    return Status::invalid_field("near_duplicate_min_segments", "must be at least 1");
  }
  if (params.usual_min_orders < 1) return Status::invalid_field("usual_min_orders", "must be at least 1");
  if (!(params.usual_min_share >= 0 && params.usual_min_share <= 1)) {
    return Status::invalid_field("usual_min_share", "must be in [0, 1]");
  }
  if (!(params.view_min_score >= 0) || !std::isfinite(params.view_min_score)) {
    return Status::invalid_field("view_min_score", "must be a finite number >= 0");
  }
  return Status::ok();
}

}  // namespace confidant::profile

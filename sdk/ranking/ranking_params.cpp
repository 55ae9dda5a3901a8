#include "ranking/ranking_params.hpp"

#include <cmath>
#include <string>

namespace confidant::ranking {
namespace {

bool finite_at_least(double value, double minimum) { return std::isfinite(value) && value >= minimum; }

}  // namespace

std::string_view name(Component component) noexcept {
  switch (component) {
    case Component::kCategoryInterest: return "category_interest";
    case Component::kUsual: return "usual";
    case Component::kAttributeInterest: return "attribute_interest";
    case Component::kItemHistory: return "item_history";
    case Component::kRelatedToRecent: return "related_to_recent";
    case Component::kRelatedToItem: return "related_to_item";
    case Component::kPopularity: return "popularity";
    case Component::kTimeOfDay: return "time_of_day";
    case Component::kMoment: return "moment";
    case Component::kNovelty: return "novelty";
    case Component::kPlace: return "place";
  }
  return "invalid";
}

double lowest_value(Component component) noexcept {
  switch (component) {
    case Component::kCategoryInterest:
    case Component::kAttributeInterest:
    case Component::kItemHistory: return -1.0;  // dismissals and low ratings pull these down
    default: return 0.0;
  }
}

const RankingParams& RankingParams::defaults() {
  static const RankingParams params;
  return params;
}

double max_inferred_spread(const RankingParams& params) noexcept {
  double spread = 0;
  for (std::size_t i = 0; i < kComponentCount; ++i) {
    spread += params.weights[i] * (1.0 - lowest_value(static_cast<Component>(i)));
  }
  return params.learned_max * spread;
}

Status check(const RankingParams& p) {
  for (std::size_t i = 0; i < kComponentCount; ++i) {
    if (!finite_at_least(p.weights[i], 0)) {
      return Status::invalid_field("ranking params: weights." + std::string(name(static_cast<Component>(i))),
                                   "must be a finite number >= 0");
    }
  }
  if (!finite_at_least(p.learned_min, 0) || !finite_at_least(p.learned_max, p.learned_min)) {
    return Status::invalid_field("ranking params: learned_min/learned_max", "need 0 <= learned_min <= learned_max");
  }
  if (!std::isfinite(p.stated_weight) || p.stated_weight <= max_inferred_spread(p)) {
    return Status::invalid_field("ranking params: stated_weight", "must exceed the widest inferred spread (" +
                                        std::to_string(max_inferred_spread(p)) + "), or inference could outweigh it");
  }
  if (!finite_at_least(p.learning_rate, 0) || !finite_at_least(p.prior_pull, 0) || p.prior_pull > 1) {
    return Status::invalid_field("ranking params: learning_rate/prior_pull",
                                 "need learning_rate >= 0 and 0 <= prior_pull <= 1");
  }
  if (!(p.interest_saturation > 0) || !std::isfinite(p.interest_saturation)) {
    return Status::invalid_field("ranking params: interest_saturation", "must be > 0");
  }
  if (!(p.parent_backoff >= 0 && p.parent_backoff <= 1)) {
    return Status::invalid_field("ranking params: parent_backoff", "must be within 0..1");
  }
  if (p.time_of_day_window_hours < 0 || p.time_of_day_window_hours > 11) {
    return Status::invalid_field("ranking params: time_of_day_window_hours", "must be within 0..11");
  }
  if (!(p.time_of_day_confidence >= 0) || !std::isfinite(p.time_of_day_confidence)) {
    return Status::invalid_field("ranking params: time_of_day_confidence", "must be >= 0");
  }
  if (!(p.time_of_day_half_life_days > 0) || !std::isfinite(p.time_of_day_half_life_days)) {
    return Status::invalid_field("ranking params: time_of_day_half_life_days", "must be > 0");
  }
  if (p.time_of_day_max_paths == 0) {
    return Status::invalid_field("ranking params: time_of_day_max_paths", "must be > 0");
  }
  if (p.place_window_hours < 0 || p.place_window_hours > 24) {
    return Status::invalid_field("ranking params: place_window_hours", "must be within 0..24");
  }
  if (!(p.place_confidence >= 0) || !std::isfinite(p.place_confidence)) {
    return Status::invalid_field("ranking params: place_confidence", "must be >= 0");
  }
  if (!(p.place_half_life_days > 0) || !std::isfinite(p.place_half_life_days)) {
    return Status::invalid_field("ranking params: place_half_life_days", "must be > 0");
  }
  if (p.place_max_places == 0) return Status::invalid_field("ranking params: place_max_places", "must be > 0");
  if (!(p.near_duplicate_relatedness >= 0 && p.near_duplicate_relatedness <= 1)) {
    return Status::invalid_field("ranking params: near_duplicate_relatedness", "must be within 0..1");
  }
  if (p.max_impressions_per_day < 0) {
    return Status::invalid_field("ranking params: max_impressions_per_day", "must be >= 0");
  }
  if (!(p.recent_half_rank > 0) || !std::isfinite(p.recent_half_rank)) {
    return Status::invalid_field("ranking params: recent_half_rank", "must be > 0");
  }
  if (!(p.related_saturation > 0) || !std::isfinite(p.related_saturation)) {
    return Status::invalid_field("ranking params: related_saturation", "must be > 0");
  }
  if (p.variety_window == 0) return Status::invalid_field("ranking params: variety_window", "must be > 0");
  if (!finite_at_least(p.mmr_lambda, 0)) return Status::invalid_field("ranking params: mmr_lambda", "must be >= 0");
  if (!finite_at_least(p.reason_min_contribution, 0)) {
    return Status::invalid_field("ranking params: reason_min_contribution", "must be >= 0");
  }
  if (p.max_reasons == 0) return Status::invalid_field("ranking params: max_reasons", "must be > 0");
  if (!(p.popular_min >= 0 && p.popular_min <= 1)) {
    return Status::invalid_field("ranking params: popular_min", "must be within 0..1");
  }
  if (p.served_memory == 0) return Status::invalid_field("ranking params: served_memory", "must be > 0");
  if (p.feedback_window_ms <= 0) return Status::invalid_field("ranking params: feedback_window_ms", "must be > 0");
  return Status::ok();
}

}  // namespace confidant::ranking

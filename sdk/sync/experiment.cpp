#include "sync/experiment.hpp"

#include <cmath>
#include <set>

#include "sync/wire.hpp"

namespace confidant::sync {
namespace {

constexpr double kMaxEpsilon = 8.0;  // as for metrics (brand_config.cpp)

Status validate_outcome(const proto::Outcome& outcome, const std::string& field) {
  if (outcome.id().empty()) return Status::invalid_field(field + ".id", "must not be empty");
  if (outcome.id().find('/') != std::string::npos) return Status::invalid_field(field + ".id", "must not contain '/'");
  if (outcome_source_name(outcome.source()).empty())
    return Status::invalid_field(field + ".source", "must be orders, purchases, visits or active_days");
  if (outcome.bucket_starts_size() < 2) return Status::invalid_field(field + ".buckets", "at least 2 buckets");
  if (outcome.bucket_starts_size() > kMaxOutcomeBuckets)
    return Status::invalid_field(field + ".buckets", "at most " + std::to_string(kMaxOutcomeBuckets) + " buckets");
  if (outcome.bucket_starts(0) != 0) return Status::invalid_field(field + ".buckets[0]", "must be 0");
  for (int i = 1; i < outcome.bucket_starts_size(); ++i) {
    if (outcome.bucket_starts(i) <= outcome.bucket_starts(i - 1))
      return Status::invalid_field(field + ".buckets[" + std::to_string(i) + "]", "must be larger than the one before");
  }
  if (!(outcome.epsilon() > 0) || outcome.epsilon() > kMaxEpsilon)
    return Status::invalid_field(field + ".epsilon", "must be in (0, 8]");
  if (!(outcome.budget_cap() >= outcome.epsilon()) || !std::isfinite(outcome.budget_cap()))
    return Status::invalid_field(field + ".budget_cap", "must be finite and at least the outcome's epsilon");
  return {};
}

Status validate_experiment(const proto::Experiment& experiment, std::uint64_t epoch_seconds, const std::string& field) {
  if (experiment.id().empty()) return Status::invalid_field(field + ".id", "must not be empty");
  if (experiment.id().find('/') != std::string::npos) return Status::invalid_field(field + ".id", "must not contain '/'");
  // A share of 0 or 1 leaves one arm empty: nothing to compare.
  if (!(experiment.holdout_share() > 0 && experiment.holdout_share() < 1))
    return Status::invalid_field(field + ".holdout_share", "must be in (0, 1)");
  // Whole epochs per period: an epoch's outcome then belongs to one arm.
  if (experiment.period_seconds() == 0 || epoch_seconds == 0 || experiment.period_seconds() % epoch_seconds != 0)
    return Status::invalid_field(field + ".period_seconds", "must be a positive multiple of epoch_seconds");
  if (experiment.outcomes_size() == 0) return Status::invalid_field(field + ".outcomes", "at least one outcome");
  if (experiment.outcomes_size() > kMaxOutcomes)
    return Status::invalid_field(field + ".outcomes", "at most " + std::to_string(kMaxOutcomes) + " outcomes");
  std::set<std::string> ids;
  for (int i = 0; i < experiment.outcomes_size(); ++i) {
    const std::string where = field + ".outcomes[" + std::to_string(i) + "]";
    if (Status s = validate_outcome(experiment.outcomes(i), where); !s.is_ok()) return s;
    if (!ids.insert(experiment.outcomes(i).id()).second) return Status::invalid_field(where + ".id", "duplicate outcome id");
  }
  return {};
}

}  // namespace

std::string_view arm_name(Arm arm) noexcept { return arm == Arm::kHoldout ? "holdout" : "personalized"; }

std::optional<proto::OutcomeSource> outcome_source(std::string_view name) noexcept {
  if (name == "orders") return proto::ORDERS;
  if (name == "purchases") return proto::PURCHASES;
  if (name == "visits") return proto::VISITS;
  if (name == "active_days") return proto::ACTIVE_DAYS;
  return std::nullopt;
}

std::string_view outcome_source_name(proto::OutcomeSource source) noexcept {
  switch (source) {
    case proto::ORDERS: return "orders";
    case proto::PURCHASES: return "purchases";
    case proto::VISITS: return "visits";
    case proto::ACTIVE_DAYS: return "active_days";
    default: return {};
  }
}

Status validate_experiments(const proto::BrandConfig& config) {
  std::set<std::string> ids;
  for (int i = 0; i < config.experiments_size(); ++i) {
    const std::string field = "config.experiments[" + std::to_string(i) + "]";
    if (Status s = validate_experiment(config.experiments(i), config.epoch_seconds(), field); !s.is_ok()) return s;
    if (!ids.insert(config.experiments(i).id()).second)
      return Status::invalid_field(field + ".id", "duplicate experiment id");
  }
  return {};
}

const proto::Experiment* find_experiment(const proto::BrandConfig& config, std::string_view id) {
  for (const proto::Experiment& experiment : config.experiments())
    if (experiment.id() == id) return &experiment;
  return nullptr;
}

const proto::Outcome* find_outcome(const proto::Experiment& experiment, std::string_view id) {
  for (const proto::Outcome& outcome : experiment.outcomes())
    if (outcome.id() == id) return &outcome;
  return nullptr;
}

std::vector<std::string> bucket_labels(const proto::Outcome& outcome) {
  std::vector<std::string> labels;
  const int n = outcome.bucket_starts_size();
  for (int i = 0; i < n; ++i) {
    const std::uint32_t start = outcome.bucket_starts(i);
    if (i + 1 == n) {
      labels.push_back(std::to_string(start) + "+");
    } else if (outcome.bucket_starts(i + 1) == start + 1) {
      labels.push_back(std::to_string(start));
    } else {
      labels.push_back(std::to_string(start) + "-" + std::to_string(outcome.bucket_starts(i + 1) - 1));
    }
  }
  return labels;
}

std::uint32_t bucket_of(std::uint64_t count, const proto::Outcome& outcome) noexcept {
  std::uint32_t bucket = 0;
  for (int i = 0; i < outcome.bucket_starts_size(); ++i)
    if (count >= outcome.bucket_starts(i)) bucket = static_cast<std::uint32_t>(i);
  return bucket;
}

std::uint64_t period_of(std::int64_t unix_ms, const proto::Experiment& experiment) noexcept {
  return epoch_of(unix_ms, experiment.period_seconds());
}

CategoryMask outcome_categories(const proto::Outcome& outcome) noexcept {
  switch (outcome.source()) {
    case proto::ORDERS:
    case proto::PURCHASES: return mask_of(DataCategory::kPurchases);
    case proto::VISITS: return mask_of(DataCategory::kLocation);
    default: return 0;
  }
}

bool experiment_allowed(const proto::Experiment& experiment, const ShareGrants& grants) noexcept {
  bool shared = false, personalized = false;
  CategoryMask needed = 0;
  for (const proto::Outcome& outcome : experiment.outcomes()) needed |= outcome_categories(outcome);
  for (const DataCategory category : kAllCategories) {
    const bool granted = grants.allows(category);
    shared = shared || granted;
    if ((needed & mask_of(category)) != 0 && !granted) return false;
    // Without personalization there is nothing to hold out: both arms
    // would see the same plain list.
    personalized = personalized || (category != DataCategory::kSensitive &&
                                    grants.states.of(category, Use::kPersonalize) == ConsentState::kGranted);
  }
  return shared && personalized;
}

std::string outcome_key(const proto::Experiment& experiment, const proto::Outcome& outcome) {
  return experiment.id() + "/" + outcome.id();
}

}  // namespace confidant::sync

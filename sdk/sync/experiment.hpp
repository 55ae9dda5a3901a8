// Holdout experiments declared in the brand's config (docs/sync.md,
// "Experiments"): their checks, the names of outcome sources, how a count
// becomes a bucket, and which period an instant falls in. The arm itself is
// kept by ArmTable and decided by the Syncer.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/status.hpp"
#include "confidant_sync.pb.h"
#include "sync/metric_value.hpp"

namespace confidant::sync {

// A histogram of a count needs few buckets; more would spread a small
// fleet's reports thin and make each report bigger for nothing.
inline constexpr int kMaxOutcomeBuckets = 16;
inline constexpr int kMaxOutcomes = 8;

// The two arms as reports carry them (SyncReport.arm).
enum class Arm : std::uint32_t { kPersonalized = 1, kHoldout = 2 };
std::string_view arm_name(Arm arm) noexcept;  // "personalized", "holdout"

// "orders", "purchases", "visits", "active_days"; nullopt for anything else.
std::optional<proto::OutcomeSource> outcome_source(std::string_view name) noexcept;
std::string_view outcome_source_name(proto::OutcomeSource source) noexcept;

// The checks validate() applies to config.experiments, each naming its field
// ("config.experiments[0].holdout_share: must be in (0, 1)").
Status validate_experiments(const proto::BrandConfig& config);

const proto::Experiment* find_experiment(const proto::BrandConfig& config, std::string_view id);
const proto::Outcome* find_outcome(const proto::Experiment& experiment, std::string_view id);

// The bucket labels of an outcome: starts {0, 1, 2, 3, 6} -> "0", "1", "2", "3-5", "6+".
std::vector<std::string> bucket_labels(const proto::Outcome& outcome);
// The bucket a count falls in.
std::uint32_t bucket_of(std::uint64_t count, const proto::Outcome& outcome) noexcept;

// floor(unix seconds / period_seconds).
std::uint64_t period_of(std::int64_t unix_ms, const proto::Experiment& experiment) noexcept;

// The data categories an outcome's count reads (active_days: none in
// particular; it counts whatever share allows).
CategoryMask outcome_categories(const proto::Outcome& outcome) noexcept;
// The experiment runs for this person only when share is granted for every
// category its outcomes read (and for at least one category), and some
// category is granted for personalize (else both arms see the same list).
bool experiment_allowed(const proto::Experiment& experiment, const ShareGrants& grants) noexcept;

// The key an outcome's reports and budget are kept under on the device:
// "experiment/outcome" (ids may not contain '/').
std::string outcome_key(const proto::Experiment& experiment, const proto::Outcome& outcome);

}  // namespace confidant::sync

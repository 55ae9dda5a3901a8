// What the collector publishes about the brand's experiments: per
// experiment, outcome and epoch, each arm's debiased outcome distribution
// and mean, and the lift between arms (brand::estimate_arm/estimate_lift;
// formulas in docs/collector.md, "Experiments"). An arm with fewer than k
// reports withholds the whole comparison, as a metric's group would be.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "confidant/brand.hpp"
#include "storage.hpp"

namespace collector {

struct ArmStats {
  std::uint64_t reports = 0;
  confidant::brand::ArmEstimate estimate;  // filled when published
};

struct ExperimentStats {
  std::string id;
  std::string outcome;
  std::uint64_t epoch = 0;
  bool published = false;  // both arms have at least k reports
  std::vector<std::string> buckets;  // the outcome's bucket labels
  std::vector<double> values;        // what each bucket stands for in the mean
  ArmStats personalized;
  ArmStats holdout;
  confidant::brand::LiftEstimate lift;  // filled when published
};

// From the stored groups: those keyed "experiment/outcome/arm" of the
// config's experiments, ordered by experiment, outcome and epoch.
std::vector<ExperimentStats> experiment_stats(const std::vector<GroupCounts>& groups,
                                              const confidant::brand::ConfigInfo& config, std::uint32_t k);

// The "experiments" member of /v1/stats: a JSON array.
std::string experiments_to_json(const std::vector<ExperimentStats>& experiments);

}  // namespace collector

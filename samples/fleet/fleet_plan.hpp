// The fleet's ground truth: which true value each simulated device holds,
// drawn from a known distribution, so the collector's estimates can be
// checked against it.
//
// Thread-safety: a plan is immutable once made.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "confidant/brand.hpp"
#include "people.hpp"

namespace fleet {

struct DeviceTruth {
  // metric id -> domain index the device's profile will make its true value
  std::map<std::string, std::uint32_t> values;
  // With --people: the hidden tastes, and the seed of the person's own choices.
  Tastes tastes;
  std::uint64_t choice_seed = 0;
};

struct Plan {
  std::vector<DeviceTruth> devices;
  // metric id -> true count per domain index
  std::map<std::string, std::vector<std::uint64_t>> counts;
};

// Top-category metrics: every device, with shares falling geometrically
// over the domain (member i about twice as likely as member i+1).
// Attribute metrics: only `attribute_share` of the devices have the
// attribute at all, so such a metric may fall under k and be withheld.
Plan make_plan(const confidant::brand::ConfigInfo& config, std::size_t devices, double attribute_share,
               std::uint64_t seed, People people = People::kNone);

// What the devices did in an experiment's measured epoch, before any noise.
struct ArmTruth {
  std::uint64_t devices = 0;
  double value_sum = 0;  // of the bucket values (brand::bucket_values) of the first outcome
  std::vector<std::uint64_t> buckets;  // devices per bucket of the first outcome
};
struct ExperimentTruth {
  ArmTruth personalized, holdout;
};

// {"devices":N,"metrics":{"top_drink":{"domain":[...],"counts":[...],"frequencies":[...]}},
//  "experiments":{"plain":{"outcome":"orders","personalized":{"devices":n,"mean":m,"buckets":[...]},"holdout":{...},"lift":d}}}
// "experiments" only when `experiments` is not empty.
std::string plan_to_json(const confidant::brand::ConfigInfo& config, const Plan& plan,
                         const std::map<std::string, ExperimentTruth>& experiments = {});

}  // namespace fleet

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

namespace fleet {

struct DeviceTruth {
  // metric id -> domain index the device's profile will make its true value
  std::map<std::string, std::uint32_t> values;
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
               std::uint64_t seed);

// {"devices":N,"metrics":{"top_drink":{"domain":[...],"counts":[...],"frequencies":[...]}}}
std::string plan_to_json(const confidant::brand::ConfigInfo& config, const Plan& plan);

}  // namespace fleet

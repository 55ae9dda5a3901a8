#include "experiment_stats.hpp"

#include <cstdio>
#include <map>
#include <tuple>

namespace collector {
namespace {

using confidant::brand::ExperimentInfo;
using confidant::brand::OutcomeInfo;

struct Key {
  std::string experiment;
  std::string outcome;
  std::uint64_t epoch = 0;
  bool operator<(const Key& other) const {
    return std::tie(experiment, outcome, epoch) < std::tie(other.experiment, other.outcome, other.epoch);
  }
};

struct Pair {
  const OutcomeInfo* outcome = nullptr;
  const GroupCounts* personalized = nullptr;
  const GroupCounts* holdout = nullptr;
};

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string quoted(const std::string& text) {
  // Ids and labels are config values checked when signed; escape anyway.
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

ArmStats arm_stats(const GroupCounts* group, const OutcomeInfo& outcome, const std::vector<double>& values,
                   bool published) {
  ArmStats out;
  if (group == nullptr) return out;
  out.reports = group->reports;
  if (published) {
    std::vector<std::uint64_t> ones = group->ones;
    ones.resize(outcome.buckets.size(), 0);
    out.estimate = confidant::brand::estimate_arm(ones, group->reports, outcome.epsilon, values);
  }
  return out;
}

std::string arm_json(const ArmStats& arm, const ExperimentStats& e) {
  std::string out = "{\"reports\":" + std::to_string(arm.reports);
  if (e.published) {
    out += ",\"mean\":" + number(arm.estimate.mean) + ",\"low\":" + number(arm.estimate.low) +
           ",\"high\":" + number(arm.estimate.high) + ",\"buckets\":[";
    for (std::size_t j = 0; j < arm.estimate.buckets.size() && j < e.buckets.size(); ++j) {
      const auto& b = arm.estimate.buckets[j];
      out += std::string(j ? "," : "") + "{\"value\":" + quoted(e.buckets[j]) + ",\"frequency\":" +
             number(b.frequency) + ",\"low\":" + number(b.low) + ",\"high\":" + number(b.high) + "}";
    }
    out += "]";
  }
  return out + "}";
}

}  // namespace

std::vector<ExperimentStats> experiment_stats(const std::vector<GroupCounts>& groups,
                                              const confidant::brand::ConfigInfo& config, std::uint32_t k) {
  std::map<Key, Pair> pairs;
  for (const GroupCounts& group : groups) {
    const auto first = group.metric_id.find('/');
    const auto second = first == std::string::npos ? first : group.metric_id.find('/', first + 1);
    if (second == std::string::npos) continue;  // a metric's group
    const std::string experiment_id = group.metric_id.substr(0, first);
    const std::string outcome_id = group.metric_id.substr(first + 1, second - first - 1);
    const std::string arm = group.metric_id.substr(second + 1);
    const OutcomeInfo* outcome = nullptr;
    for (const ExperimentInfo& e : config.experiments) {
      if (e.id != experiment_id) continue;
      for (const OutcomeInfo& o : e.outcomes)
        if (o.id == outcome_id) outcome = &o;
    }
    if (outcome == nullptr) continue;  // of an older config: not this one's to publish
    Pair& pair = pairs[{experiment_id, outcome_id, group.epoch}];
    pair.outcome = outcome;
    if (arm == "personalized") pair.personalized = &group;
    if (arm == "holdout") pair.holdout = &group;
  }
  std::vector<ExperimentStats> out;
  for (const auto& [key, pair] : pairs) {
    ExperimentStats e;
    e.id = key.experiment;
    e.outcome = key.outcome;
    e.epoch = key.epoch;
    e.buckets = pair.outcome->buckets;
    e.values = confidant::brand::bucket_values(pair.outcome->bucket_starts);
    e.published = pair.personalized != nullptr && pair.holdout != nullptr && pair.personalized->reports >= k &&
                  pair.holdout->reports >= k;
    e.personalized = arm_stats(pair.personalized, *pair.outcome, e.values, e.published);
    e.holdout = arm_stats(pair.holdout, *pair.outcome, e.values, e.published);
    if (e.published) e.lift = confidant::brand::estimate_lift(e.personalized.estimate, e.holdout.estimate);
    out.push_back(std::move(e));
  }
  return out;
}

std::string experiments_to_json(const std::vector<ExperimentStats>& experiments) {
  std::string out = "[";
  for (std::size_t i = 0; i < experiments.size(); ++i) {
    const ExperimentStats& e = experiments[i];
    out += std::string(i ? "," : "") + "{\"id\":" + quoted(e.id) + ",\"outcome\":" + quoted(e.outcome) +
           ",\"epoch\":" + std::to_string(e.epoch) + ",\"published\":" + (e.published ? "true" : "false") +
           ",\"personalized\":" + arm_json(e.personalized, e) + ",\"holdout\":" + arm_json(e.holdout, e);
    if (e.published) {
      out += ",\"lift\":{\"difference\":" + number(e.lift.difference) + ",\"low\":" + number(e.lift.low) +
             ",\"high\":" + number(e.lift.high);
      if (e.lift.has_ratio) {
        out += ",\"ratio\":" + number(e.lift.ratio) + ",\"ratio_low\":" + number(e.lift.ratio_low) +
               ",\"ratio_high\":" + number(e.lift.ratio_high);
      }
      out += "}";
    }
    out += "}";
  }
  return out + "]";
}

}  // namespace collector

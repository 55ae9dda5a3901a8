#include "fleet_plan.hpp"

#include <cmath>
#include <random>
#include <sstream>

namespace fleet {
namespace {

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Plan make_plan(const confidant::brand::ConfigInfo& config, std::size_t devices, double attribute_share,
               std::uint64_t seed, People people) {
  std::mt19937_64 rng(seed);
  Plan plan;
  plan.devices.resize(devices);
  if (people != People::kNone) {
    // Drawn from a stream of their own, so the metrics' truth is the same with or without --people.
    std::mt19937_64 taste_rng(seed ^ 0x9e3779b97f4a7c15ULL);
    for (DeviceTruth& device : plan.devices) {
      device.tastes = draw_tastes(taste_rng);
      device.choice_seed = taste_rng();
    }
  }
  for (const auto& metric : config.metrics) {
    std::vector<double> weights;
    for (std::size_t i = 0; i < metric.domain.size(); ++i) weights.push_back(std::pow(0.5, static_cast<double>(i)));
    std::discrete_distribution<std::uint32_t> pick(weights.begin(), weights.end());
    std::bernoulli_distribution has_attribute(attribute_share);
    auto& counts = plan.counts[metric.id];
    counts.assign(metric.domain.size(), 0);
    for (DeviceTruth& device : plan.devices) {
      if (metric.source == "attribute_value" && !has_attribute(rng)) continue;
      const std::uint32_t value = pick(rng);
      device.values[metric.id] = value;
      ++counts[value];
    }
  }
  return plan;
}

std::string plan_to_json(const confidant::brand::ConfigInfo& config, const Plan& plan,
                         const std::map<std::string, ExperimentTruth>& experiments) {
  std::ostringstream out;
  out.precision(17);
  out << "{\"devices\":" << plan.devices.size() << ",\"metrics\":{";
  bool first_metric = true;
  for (const auto& metric : config.metrics) {
    const auto& counts = plan.counts.at(metric.id);
    std::uint64_t total = 0;
    for (std::uint64_t c : counts) total += c;
    out << (first_metric ? "" : ",") << quoted(metric.id) << ":{\"reports\":" << total << ",\"domain\":[";
    first_metric = false;
    for (std::size_t i = 0; i < metric.domain.size(); ++i) out << (i ? "," : "") << quoted(metric.domain[i]);
    out << "],\"counts\":[";
    for (std::size_t i = 0; i < counts.size(); ++i) out << (i ? "," : "") << counts[i];
    out << "],\"frequencies\":[";
    for (std::size_t i = 0; i < counts.size(); ++i)
      out << (i ? "," : "") << (total == 0 ? 0.0 : static_cast<double>(counts[i]) / static_cast<double>(total));
    out << "]}";
  }
  out << "}";
  if (!experiments.empty()) {
    const auto mean = [](const ArmTruth& arm) {
      return arm.devices == 0 ? 0.0 : arm.value_sum / static_cast<double>(arm.devices);
    };
    const auto arm_json = [&](const ArmTruth& arm) {
      std::ostringstream a;
      a.precision(17);
      a << "{\"devices\":" << arm.devices << ",\"mean\":" << mean(arm) << ",\"buckets\":[";
      for (std::size_t j = 0; j < arm.buckets.size(); ++j) a << (j ? "," : "") << arm.buckets[j];
      a << "]}";
      return a.str();
    };
    out << ",\"experiments\":{";
    bool first = true;
    for (const auto& experiment : config.experiments) {
      const auto it = experiments.find(experiment.id);
      if (it == experiments.end() || experiment.outcomes.empty()) continue;
      out << (first ? "" : ",") << quoted(experiment.id) << ":{\"outcome\":" << quoted(experiment.outcomes[0].id)
          << ",\"personalized\":" << arm_json(it->second.personalized)
          << ",\"holdout\":" << arm_json(it->second.holdout)
          << ",\"lift\":" << mean(it->second.personalized) - mean(it->second.holdout) << "}";
      first = false;
    }
    out << "}";
  }
  out << "}";
  return out.str();
}

}  // namespace fleet

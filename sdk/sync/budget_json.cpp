// to_json(Budget): the privacy budget as the person (and the CLI's
// `budget` command) reads it.
#include "common/json.hpp"
#include "confidant/sync.hpp"

namespace confidant {

std::string to_json(const Budget& budget) {
  json::Value::Array metrics;
  for (const MetricBudget& m : budget.metrics) {
    metrics.push_back(json::Value::from_object({{"metric", json::Value::from_string(m.metric_id)},
                                                {"spent", json::Value::from_double(m.spent)},
                                                {"cap", json::Value::from_double(m.cap)}}));
  }
  return json::serialize(json::Value::from_object(
      {{"config_version", json::Value::from_int64(static_cast<std::int64_t>(budget.config_version))},
       {"window_days", json::Value::from_int64(budget.window_days)},
       {"spent", json::Value::from_double(budget.spent)},
       {"cap", json::Value::from_double(budget.cap)},
       {"metrics", json::Value::from_array(std::move(metrics))}}));
}

}  // namespace confidant

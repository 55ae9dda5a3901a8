// to_json(Budget), to_json(SyncResult): sync's public values as JSON, for
// the CLI and the C ABI alike.
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

std::string to_json(const SyncResult& result) {
  json::Value::Array withheld;
  for (const std::string& why : result.withheld) withheld.push_back(json::Value::from_string(why));
  return json::serialize(json::Value::from_object(
      {{"prepared", json::Value::from_int64(result.prepared)},
       {"sent", json::Value::from_int64(result.sent)},
       {"pending", json::Value::from_int64(result.pending)},
       {"dropped", json::Value::from_int64(result.dropped)},
       {"withheld", json::Value::from_array(std::move(withheld))},
       {"dry_run_reports", json::Value::from_string(result.dry_run_reports)}}));
}

}  // namespace confidant

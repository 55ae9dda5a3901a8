// eval's result, as one JSON object (--json) or a table for a person.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "eval_metrics.hpp"
#include "eval_split.hpp"

namespace confidant::cli {

struct EvalReport {
  std::uint64_t users = 0;  // evaluated
  Skipped skipped;
  std::size_t k = 10;
  Metrics confidant;
  Metrics most_popular;
  Metrics recent_popular;
  std::uint64_t dropped_signals = 0;  // refused for consent during the replay
  bool popularity_from_training = false;  // the catalog had none: fill_missing_popularity() gave it
  bool related_from_training = false;     // the catalog had none: fill_missing_related() gave them
  bool times_in_seconds = false;          // fix_times() read the integer times as Unix seconds
  std::int64_t time_shift_days = 0;       // fix_times() moved the log this far forward
};

// {"users":N,"skipped":M,"k":K,"confidant":{"hr":..,"ndcg":..,"mrr":..},
//  "most_popular":{..},"recent_popular":{..},"skipped_by_reason":{..},"dropped_signals":D,
//  "popularity_from_training":B,"related_from_training":R,"times_in_seconds":T,"time_shift_days":S}
std::string report_json(const EvalReport& report);
// Several lines, no trailing newline.
std::string report_table(const EvalReport& report);

}  // namespace confidant::cli

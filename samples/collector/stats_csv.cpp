#include "stats_csv.hpp"

#include <cstdio>
#include <vector>

#include "epoch_dates.hpp"

namespace collector {
namespace {

constexpr const char* kHeader =
    "kind,id,outcome,epoch,start,arm,statistic,bucket,reports,published,estimate,low,high";

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// The columns after kind and before the figures, shared by a group's rows.
struct RowKey {
  std::string kind, id, outcome;
  std::uint64_t epoch = 0;
  std::string start;
};

class Table {
 public:
  explicit Table(std::string& out) : out_(out) { out_ += std::string(kHeader) + "\r\n"; }
  void row(const RowKey& key, const std::string& arm, const std::string& statistic, const std::string& bucket,
           std::uint64_t reports, bool published, const std::vector<double>& figures) {
    const std::vector<std::string> fields = {key.kind, key.id,    key.outcome, std::to_string(key.epoch),
                                             key.start, arm,      statistic,   bucket,
                                             std::to_string(reports), published ? "true" : "false"};
    std::string line;
    for (const std::string& f : fields) line += csv_field(f) + ",";
    // Withheld rows leave estimate, low and high empty.
    line += figures.empty() ? ",," : number(figures[0]) + "," + number(figures[1]) + "," + number(figures[2]);
    out_ += line + "\r\n";
  }

 private:
  std::string& out_;
};

void arm_rows(Table& table, const RowKey& key, const std::string& arm, const ArmStats& stats,
              const ExperimentStats& e) {
  if (!e.published) {
    table.row(key, arm, "", "", stats.reports, false, {});
    return;
  }
  const auto& a = stats.estimate;
  table.row(key, arm, "mean", "", stats.reports, true, {a.mean, a.low, a.high});
  for (std::size_t j = 0; j < a.buckets.size() && j < e.buckets.size(); ++j)
    table.row(key, arm, "share", e.buckets[j], stats.reports, true,
              {a.buckets[j].frequency, a.buckets[j].low, a.buckets[j].high});
}

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string stats_to_csv(const Stats& stats, const confidant::brand::ConfigInfo& config) {
  std::string out;
  Table table(out);
  for (const GroupStats& g : stats.groups) {
    const RowKey key{"metric", g.metric_id, "", g.epoch, epoch_start_iso(g.epoch, config.epoch_seconds)};
    if (!g.published) {
      table.row(key, "", "", "", g.reports, false, {});
      continue;
    }
    for (const BucketStats& b : g.buckets)
      table.row(key, "", "share", b.value, g.reports, true, {b.estimate.frequency, b.estimate.low, b.estimate.high});
  }
  for (const ExperimentStats& e : stats.experiments) {
    const RowKey key{"experiment", e.id, e.outcome, e.epoch, epoch_start_iso(e.epoch, config.epoch_seconds)};
    arm_rows(table, key, "personalized", e.personalized, e);
    arm_rows(table, key, "holdout", e.holdout, e);
    if (!e.published) continue;
    const std::uint64_t both = e.personalized.reports + e.holdout.reports;
    table.row(key, "lift", "difference", "", both, true, {e.lift.difference, e.lift.low, e.lift.high});
    if (e.lift.has_ratio)
      table.row(key, "lift", "ratio", "", both, true, {e.lift.ratio, e.lift.ratio_low, e.lift.ratio_high});
  }
  return out;
}

}  // namespace collector

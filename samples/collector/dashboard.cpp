#include "dashboard.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <algorithm>

#include "epoch_dates.hpp"
#include "html_text.hpp"
#include "lift_words.hpp"
#include "trend_chart.hpp"

namespace collector {
namespace {

using confidant::brand::ConfigInfo;

std::string fixed(double value, int decimals) {
  char text[32];
  // Rounded first, so that a value just below 0 reads "0", not "-0".
  const double scale = std::pow(10.0, decimals);
  std::snprintf(text, sizeof text, "%.*f", decimals, std::round(value * scale) / scale + 0.0);
  return text;
}

std::string percent(const confidant::brand::BucketEstimate& e) {
  return fixed(100 * e.frequency, 0) + " % (" + fixed(100 * e.low, 0) + " to " + fixed(100 * e.high, 0) + ")";
}

// "week", "day" or "period": what one epoch is called in captions.
std::string epoch_noun(const ConfigInfo& config) {
  return config.epoch_seconds == 7 * 86400 ? "week" : config.epoch_seconds == 86400 ? "day" : "period";
}

std::string epoch_header(const ConfigInfo& config) {
  std::string noun = epoch_noun(config);
  noun[0] = static_cast<char>(noun[0] - 'a' + 'A');
  return noun;
}

const char* kStyle =
    "body{font-family:sans-serif;margin:2em;max-width:60em;color:#1a1a1a;background:#fff;line-height:1.4}"
    "table{border-collapse:collapse;margin:0.5em 0 1.5em;min-width:30em}caption{text-align:left;font-weight:bold;padding:4px 0}"
    "td,th{padding:3px 10px;text-align:left;border-bottom:1px solid #ccc;vertical-align:top}"
    ".withheld{color:#595959}.lift{font-size:1.1em}a{color:#1a5c96}";

std::string source_of(const ConfigInfo& config, const std::string& experiment, const std::string& outcome) {
  for (const auto& e : config.experiments)
    if (e.id == experiment)
      for (const auto& o : e.outcomes)
        if (o.id == outcome) return o.source;
  return outcome;
}

// One experiment's outcome over its epochs (entries in epoch order).
std::string experiment_section(const std::vector<const ExperimentStats*>& entries, const Stats& stats,
                               const ConfigInfo& config, int index) {
  const ExperimentStats& latest = *entries.back();
  const std::string name = latest.id + ", " + latest.outcome;
  const std::string source = source_of(config, latest.id, latest.outcome);
  const std::string unit = outcome_unit(source) + " " + per_epoch_words(config.epoch_seconds);
  std::string html = "<section class='experiment' data-experiment='" + escape_html(latest.id) + "' data-outcome='" +
                     escape_html(latest.outcome) + "'><h3>Experiment " + escape_html(latest.id) + ": " +
                     escape_html(outcome_unit(source)) + "</h3>";
  html += "<p class='lift' data-epoch='" + std::to_string(latest.epoch) + "'><strong>" +
          escape_html(epoch_label(latest.epoch, config.epoch_seconds)) + ":</strong> " +
          escape_html(lift_sentence(latest, source, config.epoch_seconds, stats.k)) + "</p>";
  TrendChart chart;
  chart.id = "experiment-chart-" + std::to_string(index);
  chart.title = "Mean " + unit + " per device, personalized and not, over time (" + name + ")";
  TrendSeries personalized{"personalized", {}}, holdout{"not personalized", {}};
  for (const ExperimentStats* e : entries) {
    chart.epochs.push_back(e->epoch);
    if (!e->published) continue;
    const auto& p = e->personalized.estimate;
    const auto& h = e->holdout.estimate;
    personalized.points.push_back({e->epoch, p.mean, p.low, p.high});
    holdout.points.push_back({e->epoch, h.mean, h.low, h.high});
  }
  chart.series = {personalized, holdout};
  html += render_trend_svg(chart, config.epoch_seconds);
  html += "<table><caption>" + escape_html(name) + ": each " + epoch_noun(config) +
          "'s estimate (95 % intervals)</caption><thead><tr><th scope='col'>" + epoch_header(config) +
          "</th><th scope='col'>Reports (personalized, not)</th><th scope='col'>Estimate</th></tr></thead><tbody>";
  for (const ExperimentStats* e : entries) {
    html += "<tr data-epoch='" + std::to_string(e->epoch) + "'><th scope='row'>" +
            escape_html(epoch_label(e->epoch, config.epoch_seconds)) + "</th><td>" +
            std::to_string(e->personalized.reports) + ", " + std::to_string(e->holdout.reports) + "</td><td" +
            (e->published ? "" : " class='withheld'") + ">" +
            escape_html(lift_sentence(*e, source, config.epoch_seconds, stats.k)) + "</td></tr>";
  }
  return html + "</tbody></table></section>";
}

// One metric's buckets over its epochs (groups in epoch order).
std::string metric_section(const std::vector<const GroupStats*>& groups, const Stats& stats, const ConfigInfo& config,
                           int index) {
  const std::string& id = groups.front()->metric_id;
  std::string html = "<section class='metric' data-metric='" + escape_html(id) + "'><h3>" + escape_html(id) + "</h3>";
  TrendChart chart;
  chart.id = "metric-chart-" + std::to_string(index);
  chart.title = "Share of devices in each bucket of " + id + " over time";
  chart.percent = true;
  std::vector<std::string> buckets;  // in the config's order, from any published group
  for (const GroupStats* g : groups) {
    chart.epochs.push_back(g->epoch);
    if (g->published && buckets.empty())
      for (const BucketStats& b : g->buckets) buckets.push_back(b.value);
  }
  for (const std::string& bucket : buckets) {
    TrendSeries series{bucket, {}};
    for (const GroupStats* g : groups)
      for (const BucketStats& b : g->buckets)
        if (g->published && b.value == bucket)
          series.points.push_back({g->epoch, b.estimate.frequency, b.estimate.low, b.estimate.high});
    chart.series.push_back(series);
  }
  if (!buckets.empty()) html += render_trend_svg(chart, config.epoch_seconds);
  html += "<table><caption>" + escape_html(id) + ": share of devices in each bucket, by " + epoch_noun(config) + " (95 % intervals)</caption><thead><tr><th scope='col'>" +
          epoch_header(config) + "</th><th scope='col'>Reports</th>";
  for (const std::string& bucket : buckets) html += "<th scope='col'>" + escape_html(bucket) + "</th>";
  html += "</tr></thead><tbody>";
  for (const GroupStats* g : groups) {
    html += "<tr data-epoch='" + std::to_string(g->epoch) + "'><th scope='row'>" +
            escape_html(epoch_label(g->epoch, config.epoch_seconds)) + "</th><td>" + std::to_string(g->reports) +
            "</td>";
    if (!g->published) {
      html += "<td class='withheld' colspan='" + std::to_string(std::max<std::size_t>(buckets.size(), 1)) +
              "'>withheld: fewer than k = " + std::to_string(stats.k) + " reports</td></tr>";
      continue;
    }
    for (const BucketStats& b : g->buckets) html += "<td>" + percent(b.estimate) + "</td>";
    html += "</tr>";
  }
  return html + "</tbody></table></section>";
}

}  // namespace

std::string render_dashboard(const Stats& stats, const ConfigInfo& config) {
  const std::string title = config.brand.empty() ? "Confidant collector" : config.brand;
  std::string html = "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                     "<meta name='viewport' content='width=device-width, initial-scale=1'><title>" +
                     escape_html(title) + ": what devices report</title><style>" + kStyle + trend_chart_css() +
                     "</style></head><body><header><h1>" + escape_html(title) + "</h1>";
  html += "<p>Config version " + std::to_string(stats.config_version) + ". Figures are published for a " +
          epoch_noun(config) + " only with at least k = " +
          std::to_string(stats.k) + " reports; " + std::to_string(stats.accepted) +
          " reports accepted since the collector started. Dates are in UTC. "
          "<a href='/v1/stats.csv'>Download every figure as CSV</a> or read <a href='/v1/stats'>the JSON</a>.</p>"
          "<p>Each estimate is debiased from reports that devices randomized before sending (local differential "
          "privacy), and comes with its 95 % interval.</p></header><main>";

  html += "<section aria-labelledby='experiments'><h2 id='experiments'>Experiments</h2>";
  // stats.experiments is ordered by experiment, outcome and epoch.
  std::map<std::pair<std::string, std::string>, std::vector<const ExperimentStats*>> experiments;
  for (const ExperimentStats& e : stats.experiments) experiments[{e.id, e.outcome}].push_back(&e);
  int index = 0;
  for (const auto& [key, entries] : experiments) html += experiment_section(entries, stats, config, index++);
  if (experiments.empty()) html += "<p>No outcome reports yet.</p>";
  html += "</section>";

  html += "<section aria-labelledby='interests'><h2 id='interests'>Interests</h2>";
  std::map<std::string, std::map<std::uint64_t, const GroupStats*>> metrics;
  for (const GroupStats& g : stats.groups) metrics[g.metric_id][g.epoch] = &g;
  index = 0;
  for (const auto& [id, by_epoch] : metrics) {
    std::vector<const GroupStats*> groups;
    for (const auto& [epoch, g] : by_epoch) groups.push_back(g);
    html += metric_section(groups, stats, config, index++);
  }
  if (metrics.empty()) html += "<p>No reports yet.</p>";
  html += "</section>";

  html += "<section aria-labelledby='rejected'><h2 id='rejected'>Rejected reports</h2><table><caption>Reports refused "
          "since the collector started, by reason</caption><thead><tr><th scope='col'>Reason</th><th "
          "scope='col'>Count</th></tr></thead><tbody>";
  for (const auto& [reason, count] : stats.rejected)
    html += "<tr><td>" + escape_html(reason) + "</td><td>" + std::to_string(count) + "</td></tr>";
  if (stats.rejected.empty()) html += "<tr><td colspan='2'>none</td></tr>";
  return html + "</tbody></table></section></main></body></html>";
}

}  // namespace collector

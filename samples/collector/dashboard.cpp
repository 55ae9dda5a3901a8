#include "dashboard.hpp"

#include <algorithm>
#include <cstdio>

namespace collector {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fixed(double value, int decimals = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Horizontal bars: one row per bucket, the estimate as a bar and its 95%
// interval as a whisker, on a 0..100% axis (estimates may fall outside it;
// they are clipped to the axis and the label tells the true value).
std::string chart(const GroupStats& group) {
  constexpr int kLabel = 180, kPlot = 420, kRow = 26, kTop = 24;
  const int height = kTop + kRow * static_cast<int>(group.buckets.size()) + 10;
  const auto x = [&](double f) { return kLabel + std::clamp(f, 0.0, 1.0) * kPlot; };
  std::string svg = "<svg xmlns='http://www.w3.org/2000/svg' width='" + std::to_string(kLabel + kPlot + 90) +
                    "' height='" + std::to_string(height) + "' role='img'>";
  for (int tick = 0; tick <= 4; ++tick) {
    const double f = tick / 4.0;
    svg += "<line x1='" + fixed(x(f)) + "' x2='" + fixed(x(f)) + "' y1='14' y2='" + std::to_string(height - 6) +
           "' stroke='#ddd'/><text x='" + fixed(x(f)) + "' y='10' font-size='10' text-anchor='middle'>" +
           std::to_string(tick * 25) + "%</text>";
  }
  for (std::size_t i = 0; i < group.buckets.size(); ++i) {
    const BucketStats& b = group.buckets[i];
    const int y = kTop + kRow * static_cast<int>(i);
    svg += "<text x='" + std::to_string(kLabel - 6) + "' y='" + std::to_string(y + 15) +
           "' font-size='12' text-anchor='end'>" + escape(b.value) + "</text>";
    svg += "<rect x='" + std::to_string(kLabel) + "' y='" + std::to_string(y + 4) + "' width='" +
           fixed(x(b.estimate.frequency) - kLabel) + "' height='14' fill='#4a7fb5'/>";
    svg += "<line x1='" + fixed(x(b.estimate.low)) + "' x2='" + fixed(x(b.estimate.high)) + "' y1='" +
           std::to_string(y + 11) + "' y2='" + std::to_string(y + 11) + "' stroke='#222' stroke-width='1.5'/>";
    for (double end : {b.estimate.low, b.estimate.high})
      svg += "<line x1='" + fixed(x(end)) + "' x2='" + fixed(x(end)) + "' y1='" + std::to_string(y + 6) + "' y2='" +
             std::to_string(y + 16) + "' stroke='#222'/>";
    svg += "<text x='" + std::to_string(kLabel + kPlot + 6) + "' y='" + std::to_string(y + 15) + "' font-size='11'>" +
           fixed(100 * b.estimate.frequency) + "% ±" + fixed(100 * (b.estimate.high - b.estimate.frequency)) +
           "</text>";
  }
  return svg + "</svg>";
}

}  // namespace

std::string render_dashboard(const Stats& stats, const confidant::brand::ConfigInfo& config) {
  std::string html =
      "<!doctype html><html><head><meta charset='utf-8'><title>Confidant collector</title>"
      "<style>body{font-family:sans-serif;margin:2em;max-width:60em}td,th{padding:2px 10px;text-align:left}"
      ".withheld{color:#999}</style></head><body>";
  html += "<h1>" + escape(config.brand.empty() ? "Confidant collector" : config.brand) + "</h1>";
  html += "<p>Config version " + std::to_string(stats.config_version) + " · groups are published with at least k = " +
          std::to_string(stats.k) + " reports · " + std::to_string(stats.accepted) +
          " reports accepted since start</p>";
  html += "<p>Each estimate is the debiased share of devices whose true value is that bucket (local differential "
          "privacy, optimized unary encoding), with its 95% interval.</p>";
  for (const GroupStats& g : stats.groups) {
    html += "<h2>" + escape(g.metric_id) + " · epoch " + std::to_string(g.epoch) + "</h2>";
    if (!g.published) {
      html += "<p class='withheld'>Withheld: " + std::to_string(g.reports) + " reports, fewer than k = " +
              std::to_string(stats.k) + ".</p>";
      continue;
    }
    html += "<p>" + std::to_string(g.reports) + " reports</p>" + chart(g);
  }
  if (stats.groups.empty()) html += "<p>No reports yet.</p>";
  html += "<h2>Rejected</h2><table><tr><th>reason</th><th>count</th></tr>";
  for (const auto& [reason, count] : stats.rejected)
    html += "<tr><td>" + escape(reason) + "</td><td>" + std::to_string(count) + "</td></tr>";
  return html + "</table></body></html>";
}

}  // namespace collector

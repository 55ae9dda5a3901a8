#include "trend_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "epoch_dates.hpp"
#include "html_text.hpp"

namespace collector {
namespace {

constexpr int kWidth = 640, kHeight = 200;
constexpr int kLeft = 48, kRight = 150, kTop = 12, kBottom = 28;
constexpr int kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;
constexpr int kPalette = 6;
constexpr int kInset = 30;  // the first and last epochs stand this far inside the plot, clear of the axis labels

std::string fixed(double value, int decimals = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string value_text(double value, bool percent) {
  return percent ? fixed(100 * value, 0) + " %" : fixed(value, 1);
}

// The y axis' top: a round number just above every interval's end, so
// whiskers fit, in four steps that read easily (whole numbers, or 25 %);
// shares stop at 100 %.
double axis_top(const TrendChart& chart) {
  double top = 0;
  for (const TrendSeries& s : chart.series)
    for (const TrendPoint& p : s.points) top = std::max(top, p.high);
  if (chart.percent) return std::clamp(std::ceil(top * 4) / 4, 0.25, 1.0);
  return 4 * std::max(1.0, std::ceil(top / 4));
}

// Where each series' name goes at the right edge: beside its last point,
// moved apart (at least kLabelGap) when lines end close together.
std::vector<double> label_positions(std::vector<double> wanted) {
  constexpr double kLabelGap = 14;
  std::vector<std::size_t> order(wanted.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return wanted[a] < wanted[b]; });
  for (std::size_t j = 1; j < order.size(); ++j)
    wanted[order[j]] = std::max(wanted[order[j]], wanted[order[j - 1]] + kLabelGap);
  return wanted;
}

}  // namespace

std::string render_trend_svg(const TrendChart& chart, std::uint64_t epoch_seconds) {
  const double top = axis_top(chart);
  const std::size_t n = chart.epochs.size();
  const auto index_of = [&](std::uint64_t epoch) {
    return static_cast<std::size_t>(std::find(chart.epochs.begin(), chart.epochs.end(), epoch) - chart.epochs.begin());
  };
  const auto x_of = [&](std::uint64_t epoch) {
    return n <= 1 ? kLeft + kPlotW / 2.0
                  : kLeft + kInset + (kPlotW - 2 * kInset) * static_cast<double>(index_of(epoch)) /
                                         static_cast<double>(n - 1);
  };
  // Estimates may fall outside [0, top] (debiasing can go below 0): clipped, the table tells the true value.
  const auto y_of = [&](double v) { return kTop + kPlotH * (1 - std::clamp(v / top, 0.0, 1.0)); };

  std::string svg = "<svg class='trend' xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + std::to_string(kWidth) +
                    " " + std::to_string(kHeight) + "' width='" + std::to_string(kWidth) + "' height='" +
                    std::to_string(kHeight) + "' role='img' aria-labelledby='" + escape_html(chart.id) +
                    "'><title id='" + escape_html(chart.id) + "'>" + escape_html(chart.title) + "</title>";
  for (int tick = 0; tick <= 4; ++tick) {
    const double v = top * tick / 4;
    const std::string y = fixed(y_of(v));
    svg += "<line class='grid' x1='" + std::to_string(kLeft) + "' x2='" + std::to_string(kLeft + kPlotW) + "' y1='" +
           y + "' y2='" + y + "'/><text class='axis' x='" + std::to_string(kLeft - 6) + "' y='" + y +
           "' dy='4' text-anchor='end'>" + value_text(v, chart.percent) + "</text>";
  }
  for (const std::uint64_t epoch : chart.epochs)
    svg += "<text class='axis' x='" + fixed(x_of(epoch)) + "' y='" + std::to_string(kHeight - 8) +
           "' text-anchor='middle'>" + escape_html(epoch_axis_label(epoch, epoch_seconds)) + "</text>";

  std::vector<double> label_y;
  for (const TrendSeries& s : chart.series) label_y.push_back(s.points.empty() ? kTop : y_of(s.points.back().value));
  label_y = label_positions(label_y);
  // Series side by side at one epoch: each a little to the side, so that
  // equal estimates and overlapping whiskers stay visible.
  const auto dodge = [&](std::size_t i) {
    return (static_cast<double>(i) - (static_cast<double>(chart.series.size()) - 1) / 2) * 6;
  };
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const TrendSeries& s = chart.series[i];
    if (s.points.empty()) continue;
    const std::string cls = "s" + std::to_string(i % kPalette);
    // Dashes tell series apart beyond colour (and when the palette repeats).
    const std::string dash = i % 3 == 0 ? "" : i % 3 == 1 ? " stroke-dasharray='6 3'" : " stroke-dasharray='2 3'";
    svg += "<g class='series " + cls + "' data-series='" + escape_html(s.name) + "'>";
    // A line through consecutive epochs only: a withheld epoch breaks it.
    std::string path;
    std::uint64_t previous = 0;
    for (std::size_t j = 0; j < s.points.size(); ++j) {
      const TrendPoint& p = s.points[j];
      const bool joins = j > 0 && index_of(p.epoch) == index_of(previous) + 1;
      path += (joins ? "L" : "M") + fixed(x_of(p.epoch) + dodge(i)) + " " + fixed(y_of(p.value)) + " ";
      previous = p.epoch;
    }
    svg += "<path d='" + path + "' fill='none' stroke='currentColor' stroke-width='2'" + dash + "/>";
    for (const TrendPoint& p : s.points) {
      const std::string x = fixed(x_of(p.epoch) + dodge(i));
      svg += "<line x1='" + x + "' x2='" + x + "' y1='" + fixed(y_of(p.low)) + "' y2='" + fixed(y_of(p.high)) +
             "' stroke='currentColor'/>";
      svg += "<circle cx='" + x + "' cy='" + fixed(y_of(p.value)) + "' r='3.5' fill='currentColor' data-epoch='" +
             std::to_string(p.epoch) + "' data-value='" + fixed(p.value, 6) + "'><title>" + escape_html(s.name) +
             ", " + escape_html(epoch_label(p.epoch, epoch_seconds)) + ": " + value_text(p.value, chart.percent) +
             " (" + value_text(p.low, chart.percent) + " to " + value_text(p.high, chart.percent) +
             ")</title></circle>";
    }
    svg += "<text x='" + std::to_string(kLeft + kPlotW + 10) + "' y='" + fixed(label_y[i]) +
           "' dy='4' fill='currentColor'>" + escape_html(s.name) + "</text></g>";
  }
  return svg + "</svg>";
}

const char* trend_chart_css() {
  return "svg.trend{display:block;max-width:100%;height:auto;font-size:12px}"
         "svg.trend .grid{stroke:#ccc}svg.trend .axis{fill:#444;color:#444}"
         ".s0{color:#1a5c96}.s1{color:#a33c00}.s2{color:#2d6a2d}.s3{color:#7a2e8c}.s4{color:#555}.s5{color:#8a1c3c}";
}

}  // namespace collector

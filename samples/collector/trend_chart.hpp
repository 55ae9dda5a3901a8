// A small inline SVG line chart of estimates over epochs: one line per
// series (a metric's bucket, an experiment's arm), each point with its 95 %
// interval as a whisker, dates on the x axis and the series named at the
// line's end. Epochs without a point (withheld) leave a gap in the line.
// No script and no external assets; the numbers are in the table the
// dashboard puts beside it, so the chart is a picture of that table.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace collector {

struct TrendPoint {
  std::uint64_t epoch = 0;
  double value = 0;
  double low = 0;
  double high = 0;
};

struct TrendSeries {
  std::string name;
  std::vector<TrendPoint> points;  // published epochs only, in order
};

struct TrendChart {
  std::string id;     // unique in the page: names the chart's <title> for aria-labelledby
  std::string title;  // what the picture shows, for screen readers
  std::vector<std::uint64_t> epochs;  // the x axis, in order
  std::vector<TrendSeries> series;
  bool percent = false;  // values are shares in [0, 1], shown as %
};

std::string render_trend_svg(const TrendChart& chart, std::uint64_t epoch_seconds);

// The CSS the chart's classes need (series colours, all at least 4.5:1 on white).
const char* trend_chart_css();

}  // namespace collector

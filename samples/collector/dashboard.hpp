// GET /: one HTML page for the brand. Epochs are shown as dates. Per
// experiment and outcome: the latest epoch's estimate in plain words (each
// arm's mean and the lift, with 95 % intervals, or "not enough reports
// yet"), the arms' means over epochs as a chart, and every epoch's figures
// in a table. Per metric: each bucket's share over epochs as a chart and a
// table (withheld epochs say so). Server-rendered; no JavaScript, no
// external assets; links the CSV export.
#pragma once

#include <string>

#include "collector.hpp"

namespace collector {

std::string render_dashboard(const Stats& stats, const confidant::brand::ConfigInfo& config);

}  // namespace collector

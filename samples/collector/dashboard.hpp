// GET /: one HTML page with server-rendered SVG charts of the published
// estimates (bars with 95% interval whiskers), report counts, and the
// groups withheld for having fewer than k reports. No JavaScript.
#pragma once

#include <string>

#include "collector.hpp"

namespace collector {

std::string render_dashboard(const Stats& stats, const confidant::brand::ConfigInfo& config);

}  // namespace collector

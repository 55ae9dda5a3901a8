// GET /v1/stats.csv: the published statistics as one RFC 4180 table (CRLF
// line ends, a header row, fields quoted when they hold a comma, a quote or a
// line break), for spreadsheets. The same figures as /v1/stats, one row per
// estimate; columns and rows are listed in docs/collector.md ("CSV export").
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "collector.hpp"

namespace collector {

std::string stats_to_csv(const Stats& stats, const confidant::brand::ConfigInfo& config);

// One field as RFC 4180 writes it: quoted (inner quotes doubled) only when needed.
std::string csv_field(const std::string& text);

}  // namespace collector

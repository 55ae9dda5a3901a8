// SyncReport: one randomized answer, as the device makes it and the brand
// checks it. One definition of "a well-formed report" serves both sides.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "confidant/status.hpp"
#include "confidant_sync.pb.h"

namespace confidant::sync {

inline constexpr std::uint32_t kReportFormat = 1;
inline constexpr std::size_t kReportIdBytes = 16;

// A report with a fresh random id and the fields every report carries;
// an outcome report adds its experiment and arm.
proto::SyncReport new_report(std::uint64_t config_version, std::string_view metric_id, std::uint64_t epoch,
                             double epsilon, std::uint32_t domain_size, std::string bits);

// The report as the person reads it in the sync ledger: every field, the
// bits as a string of 0/1, and the domain members whose bit is set (what the
// randomized answer claims; docs/sync.md explains why most are noise).
std::string report_to_json(const proto::SyncReport& report, const proto::Metric& metric);
// An outcome report likewise, with its experiment, arm and bucket labels.
std::string outcome_report_to_json(const proto::SyncReport& report, const proto::Outcome& outcome);

// Parses a report and insists on the canonical encoding of its known
// fields: bytes for an unknown field (which could carry an identifier) or a
// non-canonical encoding are refused. kInvalidArgument.
Result<proto::SyncReport> parse_report(std::string_view bytes);

// Structural checks against the config: format, a 16-byte id, a known
// metric (or, for an outcome report, a known experiment and outcome and an
// arm of 1 or 2), its epsilon and domain size, and the bits' length with nothing set
// past the domain. kInvalidArgument names the field.
Status check_report(const proto::SyncReport& report, const proto::BrandConfig& config);

}  // namespace confidant::sync

#include "sync/report.hpp"

#include <array>

#include "crypto/bytes.hpp"

#include "common/hex.hpp"
#include "common/json.hpp"
#include "sync/brand_config.hpp"
#include "sync/experiment.hpp"
#include "sync/oue.hpp"

namespace confidant::sync {
namespace {

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

namespace {

std::string report_json(const proto::SyncReport& report, const std::vector<std::string>& domain) {
  const auto bits = bytes_of(report.bits());
  std::string bit_text;
  json::Value::Array ones;
  for (std::uint32_t i = 0; i < report.domain_size(); ++i) {
    const bool set = bit_set(bits, i);
    bit_text += set ? '1' : '0';
    if (set && i < domain.size()) ones.push_back(json::Value::from_string(domain[i]));
  }
  json::Value::Object fields;
  fields.emplace_back("report_id", json::Value::from_string(hex::to_hex(report.report_id())));
  fields.emplace_back("config_version", json::Value::from_int64(static_cast<std::int64_t>(report.config_version())));
  if (!report.experiment_id().empty()) {
    fields.emplace_back("experiment", json::Value::from_string(report.experiment_id()));
    fields.emplace_back("arm", json::Value::from_string(std::string(arm_name(static_cast<Arm>(report.arm())))));
    fields.emplace_back("outcome", json::Value::from_string(report.metric_id()));
  } else {
    fields.emplace_back("metric", json::Value::from_string(report.metric_id()));
  }
  fields.emplace_back("epoch", json::Value::from_int64(static_cast<std::int64_t>(report.epoch())));
  fields.emplace_back("epsilon", json::Value::from_double(report.epsilon()));
  fields.emplace_back("domain_size", json::Value::from_int64(report.domain_size()));
  fields.emplace_back("bits", json::Value::from_string(bit_text));
  fields.emplace_back("ones", json::Value::from_array(std::move(ones)));
  return json::serialize(json::Value::from_object(std::move(fields)));
}

}  // namespace

proto::SyncReport new_report(std::uint64_t config_version, std::string_view metric_id, std::uint64_t epoch,
                             double epsilon, std::uint32_t domain_size, std::string bits) {
  proto::SyncReport report;
  std::array<std::uint8_t, kReportIdBytes> id{};
  crypto::random_bytes(id);
  report.set_format(kReportFormat);
  report.set_report_id(std::string(id.begin(), id.end()));
  report.set_config_version(config_version);
  report.set_metric_id(std::string(metric_id));
  report.set_epoch(epoch);
  report.set_epsilon(epsilon);
  report.set_domain_size(domain_size);
  report.set_bits(std::move(bits));
  return report;
}

std::string report_to_json(const proto::SyncReport& report, const proto::Metric& metric) {
  return report_json(report, {metric.domain().begin(), metric.domain().end()});
}

std::string outcome_report_to_json(const proto::SyncReport& report, const proto::Outcome& outcome) {
  return report_json(report, bucket_labels(outcome));
}

Result<proto::SyncReport> parse_report(std::string_view bytes) {
  proto::SyncReport parsed;
  if (!parsed.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return Status{ErrorCode::kInvalidArgument, "report: malformed"};
  // Rebuilt from the known fields only: lite messages keep unknown fields
  // without a way to list them. The bytes, not just their size, must match:
  // the same fields in another order (or any other re-encoding of the same
  // size) would otherwise pass, and field order alone can carry bits.
  proto::SyncReport known;
  known.set_format(parsed.format());
  known.set_report_id(parsed.report_id());
  known.set_config_version(parsed.config_version());
  known.set_metric_id(parsed.metric_id());
  known.set_epoch(parsed.epoch());
  known.set_epsilon(parsed.epsilon());
  known.set_domain_size(parsed.domain_size());
  known.set_bits(parsed.bits());
  known.set_experiment_id(parsed.experiment_id());
  known.set_arm(parsed.arm());
  if (known.SerializeAsString() != bytes)
    return Status{ErrorCode::kInvalidArgument, "report: unknown fields or a non-canonical encoding"};
  return known;
}

Status check_report(const proto::SyncReport& report, const proto::BrandConfig& config) {
  if (report.format() != kReportFormat) {
    return Status::invalid_field("report.format", "unsupported " + std::to_string(report.format()));
  }
  if (report.report_id().size() != kReportIdBytes) return Status::invalid_field("report.report_id", "must be 16 bytes");
  if (report.config_version() != config.version())
    return Status::invalid_field("report.config_version", std::to_string(report.config_version()) + " is not the served version " +
                                     std::to_string(config.version()));
  double epsilon = 0;
  std::uint32_t domain_size = 0;
  if (report.experiment_id().empty()) {
    if (report.arm() != 0) return Status::invalid_field("report.arm", "set on a metric report");
    const proto::Metric* metric = find_metric(config, report.metric_id());
    if (metric == nullptr) return Status::invalid_field("report.metric_id", "unknown metric");
    epsilon = metric->epsilon();
    domain_size = static_cast<std::uint32_t>(metric->domain_size());
  } else {
    const proto::Experiment* experiment = find_experiment(config, report.experiment_id());
    if (experiment == nullptr) return Status::invalid_field("report.experiment_id", "unknown experiment");
    const proto::Outcome* outcome = find_outcome(*experiment, report.metric_id());
    if (outcome == nullptr) return Status::invalid_field("report.metric_id", "unknown outcome of the experiment");
    if (report.arm() != static_cast<std::uint32_t>(Arm::kPersonalized) &&
        report.arm() != static_cast<std::uint32_t>(Arm::kHoldout))
      return Status::invalid_field("report.arm", "must be 1 (personalized) or 2 (holdout)");
    epsilon = outcome->epsilon();
    domain_size = static_cast<std::uint32_t>(outcome->bucket_starts_size());
  }
  if (report.epsilon() != epsilon) return Status::invalid_field("report.epsilon", "differs from the metric's");
  if (report.domain_size() != domain_size) return Status::invalid_field("report.domain_size", "differs from the metric's");
  const auto bits = bytes_of(report.bits());
  if (bits.size() != packed_size(report.domain_size())) {
    return Status::invalid_field("report.bits", "wrong length for the domain");
  }
  for (std::uint32_t i = report.domain_size(); i < bits.size() * 8; ++i)
    if (bit_set(bits, i)) return Status::invalid_field("report.bits", "a bit is set past the domain");
  return {};
}

}  // namespace confidant::sync

#include "sync/brand_config.hpp"

#include <cmath>
#include <set>

#include "crypto/sealed_box.hpp"
#include "common/field_rules.hpp"
#include "sync/experiment.hpp"
#include "sync/oue.hpp"

namespace confidant::sync {
namespace {

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// Epsilon above this is not privacy in any useful sense; refuse it rather
// than let a config quietly turn reports into raw data.
constexpr double kMaxEpsilon = 8.0;

Status validate_metric(const proto::Metric& metric, const std::string& field) {
  if (metric.id().empty()) return Status::invalid_field("config." + field + ".id", "must not be empty");
  // '/' joins an experiment and its outcome ("plain/orders") where reports
  // and budgets are kept: a metric id with one could pass for an outcome.
  if (metric.id().find('/') != std::string::npos)
    return Status::invalid_field("config." + field + ".id", "must not contain '/'");
  if (metric.source() != proto::TOP_CATEGORY && metric.source() != proto::ATTRIBUTE_VALUE)
    return Status::invalid_field("config." + field + ".source", "must be top_category or attribute_value");
  if (metric.source() == proto::ATTRIBUTE_VALUE && metric.attribute().empty())
    return Status::invalid_field("config." + field + ".attribute", "required for attribute_value");
  if (metric.domain_size() == 0) return Status::invalid_field("config." + field + ".domain", "must not be empty");
  if (static_cast<std::uint32_t>(metric.domain_size()) > kMaxDomainSize)
    return Status::invalid_field("config." + field + ".domain",
                                 "at most " + std::to_string(kMaxDomainSize) + " members");
  std::set<std::string> seen;
  for (int i = 0; i < metric.domain_size(); ++i) {
    const std::string& member = metric.domain(i);
    const std::string member_field = field + ".domain[" + std::to_string(i) + "]";
    if (member.empty()) return Status::invalid_field("config." + member_field, "must not be empty");
    if (!seen.insert(member).second) return Status::invalid_field("config." + member_field, "duplicate member");
  }
  if (!(metric.epsilon() > 0) || metric.epsilon() > kMaxEpsilon)
    return Status::invalid_field("config." + field + ".epsilon",
                                 "must be in (0, " + std::to_string(static_cast<int>(kMaxEpsilon)) + "]");
  if (!(metric.budget_cap() >= metric.epsilon()) || !std::isfinite(metric.budget_cap()))
    return Status::invalid_field("config." + field + ".budget_cap", "must be finite and at least the metric's epsilon");
  return {};
}

}  // namespace

Status validate(const proto::BrandConfig& config) {
  if (config.version() == 0) return Status::invalid_field("config.version", "must be at least 1");
  if (config.epoch_seconds() < 60) return Status::invalid_field("config.epoch_seconds", "must be at least 60");
  if (config.budget_window_days() == 0) return Status::invalid_field("config.budget_window_days", "must be at least 1");
  if (!(config.budget_total_cap() > 0) || !std::isfinite(config.budget_total_cap()))
    return Status::invalid_field("config.budget_total_cap", "must be a positive number");
  if (config.min_group_size() == 0) return Status::invalid_field("config.min_group_size", "must be at least 1");
  if (config.report_public_key().size() != crypto::kBoxPublicKeyBytes)
    return Status::invalid_field("config.report_public_key",
                                 "must be " + std::to_string(crypto::kBoxPublicKeyBytes) + " bytes");
  std::set<std::string> ids;
  for (int i = 0; i < config.metrics_size(); ++i) {
    const std::string field = "metrics[" + std::to_string(i) + "]";
    if (Status s = validate_metric(config.metrics(i), field); !s.is_ok()) return s;
    if (!ids.insert(config.metrics(i).id()).second) {
      return Status::invalid_field("config." + field + ".id", "duplicate metric id");
    }
  }
  std::set<std::string_view> paths;
  for (int i = 0; i < config.taxonomy_size(); ++i) {
    const std::string field = "taxonomy[" + std::to_string(i) + "].path";
    // The device matches these against signals' category paths, so they
    // obey the same rules; one that could never match would be a silent
    // hole in what the brand meant to mark.
    if (Status s = fields::check_category_path("config." + field, config.taxonomy(i).path()); !s.is_ok()) return s;
    if (!paths.insert(config.taxonomy(i).path()).second) {
      return Status::invalid_field("config." + field, "listed twice");
    }
  }
  return validate_experiments(config);
}

Result<proto::BrandConfig> verify_config(std::string_view signed_bytes, SignerKey signer) {
  proto::SignedConfig envelope;
  if (!envelope.ParseFromArray(signed_bytes.data(), static_cast<int>(signed_bytes.size())) ||
      envelope.config().empty())
    return Status{ErrorCode::kInvalidArgument, "config: not a signed config (malformed bytes)"};
  if (envelope.signature().empty()) return Status{ErrorCode::kTampered, "config: unsigned"};
  if (envelope.signature().size() != crypto::kSignatureBytes)
    return Status{ErrorCode::kTampered, "config: signature has the wrong length"};
  const auto signature = bytes_of(envelope.signature()).first<crypto::kSignatureBytes>();
  if (!crypto::verify_detached(bytes_of(envelope.config()), signature, signer))
    return Status{ErrorCode::kTampered, "config: signature does not verify with the pinned brand signing key"};
  proto::BrandConfig config;
  if (!config.ParseFromString(envelope.config()))
    return Status{ErrorCode::kInvalidArgument, "config: signed, but the config inside is malformed"};
  if (Status s = validate(config); !s.is_ok()) return s;
  return config;
}

const proto::Metric* find_metric(const proto::BrandConfig& config, std::string_view id) {
  for (const proto::Metric& metric : config.metrics())
    if (metric.id() == id) return &metric;
  return nullptr;
}

}  // namespace confidant::sync

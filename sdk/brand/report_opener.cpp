#include <algorithm>

#include "common/hex.hpp"
#include "confidant/brand.hpp"
#include "crypto/sealed_box.hpp"
#include "sync/experiment.hpp"
#include "sync/oue.hpp"
#include "sync/report.hpp"
#include "sync/wire.hpp"

namespace confidant::brand {

struct ReportOpener::Impl {
  crypto::BoxKeyPair keys;
  ConfigInfo info;
  proto::BrandConfig config;  // what check_report() needs of the info
};

namespace {

// ConfigInfo back into the fields of a BrandConfig that check_report() reads.
proto::BrandConfig checking_config(const ConfigInfo& info) {
  proto::BrandConfig config;
  config.set_version(info.version);
  for (const MetricInfo& m : info.metrics) {
    proto::Metric* metric = config.add_metrics();
    metric->set_id(m.id);
    metric->set_epsilon(m.epsilon);
    for (const std::string& member : m.domain) metric->add_domain(member);
  }
  for (const ExperimentInfo& e : info.experiments) {
    proto::Experiment* experiment = config.add_experiments();
    experiment->set_id(e.id);
    for (const OutcomeInfo& o : e.outcomes) {
      proto::Outcome* outcome = experiment->add_outcomes();
      outcome->set_id(o.id);
      outcome->set_epsilon(o.epsilon);
      for (const std::uint32_t start : o.bucket_starts) outcome->add_bucket_starts(start);
    }
  }
  return config;
}

}  // namespace

ReportOpener::ReportOpener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReportOpener::~ReportOpener() = default;

Result<std::unique_ptr<ReportOpener>> ReportOpener::create(const KeySet& keys, ConfigInfo config) {
  auto impl = std::make_unique<Impl>();
  auto public_key = hex::from_hex(keys.sealing_public);
  auto secret_key = hex::from_hex(keys.sealing_secret);
  if (!public_key || public_key->size() != crypto::kBoxPublicKeyBytes)
    return Status{ErrorCode::kInvalidArgument, "sealing.pub: expected 64 hex digits"};
  if (!secret_key || secret_key->size() != crypto::kBoxSecretKeyBytes)
    return Status{ErrorCode::kInvalidArgument, "sealing.key: expected 64 hex digits (the collector needs the secret)"};
  std::copy(public_key->begin(), public_key->end(), impl->keys.public_key.begin());
  std::copy(secret_key->begin(), secret_key->end(), impl->keys.secret_key.begin());
  impl->config = checking_config(config);
  impl->info = std::move(config);
  return std::unique_ptr<ReportOpener>(new ReportOpener(std::move(impl)));
}

const ConfigInfo& ReportOpener::config() const noexcept { return impl_->info; }

Result<OpenedReport> ReportOpener::open(std::string_view sealed) const {
  const auto message = crypto::open_sealed(
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(sealed.data()), sealed.size()), impl_->keys);
  if (!message) return Status{ErrorCode::kTampered, "report: not sealed to this collector's key, or altered"};
  auto parsed = sync::parse_report(std::string_view(reinterpret_cast<const char*>(message->data()), message->size()));
  if (!parsed.is_ok()) return parsed.status();
  const proto::SyncReport& report = parsed.value();
  if (Status s = sync::check_report(report, impl_->config); !s.is_ok()) return s;
  OpenedReport opened;
  opened.report_id = hex::to_hex(report.report_id());
  opened.config_version = report.config_version();
  opened.metric_id = report.metric_id();
  opened.epoch = report.epoch();
  opened.epsilon = report.epsilon();
  if (!report.experiment_id().empty()) {
    opened.experiment_id = report.experiment_id();
    opened.arm = std::string(sync::arm_name(static_cast<sync::Arm>(report.arm())));
  }
  const auto bits = std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(report.bits().data()),
                                                  report.bits().size());
  for (std::uint32_t i = 0; i < report.domain_size(); ++i)
    if (sync::bit_set(bits, i)) opened.ones.push_back(i);
  return opened;
}

Result<std::vector<std::string>> split_upload(std::string_view body) { return sync::split_upload(body); }

std::string make_upload(const std::vector<std::string>& sealed_reports) { return sync::make_upload(sealed_reports); }

std::string make_ack(std::uint32_t accepted, const std::vector<std::pair<std::uint32_t, std::string>>& rejected) {
  return sync::make_ack(accepted, rejected);
}

std::uint64_t epoch_of(std::int64_t unix_ms, std::uint64_t epoch_seconds) noexcept {
  return sync::epoch_of(unix_ms, epoch_seconds);
}

std::vector<BucketEstimate> estimate_frequencies(std::span<const std::uint64_t> ones, std::uint64_t reports,
                                                 double epsilon) {
  constexpr double kZ95 = 1.959963984540054;
  std::vector<BucketEstimate> out;
  const double n = static_cast<double>(reports);
  for (const sync::OueEstimate& e : sync::oue_estimate(ones, reports, epsilon)) {
    BucketEstimate b;
    b.count = e.count;
    if (reports > 0) {
      b.frequency = e.count / n;
      b.low = b.frequency - kZ95 * e.sd / n;
      b.high = b.frequency + kZ95 * e.sd / n;
    }
    out.push_back(b);
  }
  return out;
}

}  // namespace confidant::brand

// sign_config / verify_config: the brand tool's and the collector's view of
// the config, through the same checks a device applies (sync/brand_config).
#include <algorithm>

#include "brand/config_json.hpp"
#include "common/hex.hpp"
#include "confidant/brand.hpp"
#include "crypto/sealed_box.hpp"
#include "crypto/signature.hpp"
#include "sync/brand_config.hpp"
#include "sync/experiment.hpp"

namespace confidant::brand {
namespace {

template <std::size_t N>
Result<std::array<std::uint8_t, N>> key_of(std::string_view hex_text, const char* what) {
  auto bytes = hex::from_hex(hex_text);
  if (!bytes || bytes->size() != N)
    return Status{ErrorCode::kInvalidArgument, std::string(what) + ": expected " + std::to_string(N * 2) + " hex digits"};
  std::array<std::uint8_t, N> key{};
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

}  // namespace

Result<std::string> sign_config(std::string_view config_json, const KeySet& keys) {
  auto config = config_from_json(config_json);
  if (!config.is_ok()) return config.status();
  if (config->report_public_key().empty()) {
    auto sealing = key_of<crypto::kBoxPublicKeyBytes>(keys.sealing_public, "sealing.pub");
    if (!sealing.is_ok()) return sealing.status();
    config->set_report_public_key(std::string(sealing->begin(), sealing->end()));
  }
  if (Status s = sync::validate(config.value()); !s.is_ok()) return s;
  auto secret = key_of<crypto::kSignSecretKeyBytes>(keys.signing_secret, "signing.key");
  if (!secret.is_ok()) return secret.status();
  proto::SignedConfig envelope;
  envelope.set_config(config->SerializeAsString());
  const auto& body = envelope.config();
  const auto signature = crypto::sign_detached(
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(body.data()), body.size()), secret.value());
  envelope.set_signature(std::string(signature.begin(), signature.end()));
  return envelope.SerializeAsString();
}

Result<ConfigInfo> verify_config(std::string_view signed_config, std::string_view signing_public_hex) {
  auto signer = key_of<crypto::kSignPublicKeyBytes>(signing_public_hex, "signing.pub");
  if (!signer.is_ok()) return signer.status();
  auto config = sync::verify_config(signed_config, signer.value());
  if (!config.is_ok()) return config.status();
  ConfigInfo info;
  info.version = config->version();
  info.brand = config->brand();
  info.epoch_seconds = config->epoch_seconds();
  info.min_group_size = config->min_group_size();
  for (const proto::Metric& metric : config->metrics())
    info.metrics.push_back({metric.id(), {metric.domain().begin(), metric.domain().end()}, metric.epsilon(),
                            metric.source() == proto::TOP_CATEGORY ? "top_category" : "attribute_value",
                            metric.attribute()});
  for (const proto::Experiment& experiment : config->experiments()) {
    ExperimentInfo e{experiment.id(), experiment.holdout_share(), experiment.period_seconds(), {}};
    for (const proto::Outcome& outcome : experiment.outcomes()) {
      e.outcomes.push_back({outcome.id(), std::string(sync::outcome_source_name(outcome.source())),
                            {outcome.bucket_starts().begin(), outcome.bucket_starts().end()},
                            sync::bucket_labels(outcome), outcome.epsilon()});
    }
    info.experiments.push_back(std::move(e));
  }
  return info;
}

}  // namespace confidant::brand

// The brand's config, both forms: the readable JSON the brand tool signs
// (brand::sign_config over sdk/brand/config_json.cpp) and the signed bytes a
// device installs and the collector verifies (sync::verify_config in
// sdk/sync/brand_config.cpp, brand::verify_config). The keys are fixed
// (fuzz_keys.hpp), so signed configs in the corpus keep verifying.
//
// The first byte picks the mode, the rest is the payload:
//   'j'  config JSON: config_from_json, then sign_config and verify
//   'c'  BrandConfig protobuf bytes, signed here with the fixed key (the
//        fuzzer cannot forge a signature, so this is how it reaches the
//        content checks a device applies), then verified
//   's'  SignedConfig bytes as they arrive, verified
//   other bytes: one of the above by byte % 3
//
// Properties:
//   - what config_from_json accepts reads the same after a JSON
//     parse/serialize round trip;
//   - sign_config succeeds exactly when sync::validate accepts the config
//     (with the default report key), and then verify_config gives back the
//     same BrandConfig and a ConfigInfo that mirrors it, from which a
//     ReportOpener can be made;
//   - whatever verifies satisfies every documented bound (version >= 1,
//     epoch >= 60 s, 0 < epsilon <= 8, 1..4096 unique non-empty domain
//     members, a 32-byte report key, ...);
//   - every failure is a known non-zero code naming the field on one clean line.
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "brand/config_json.hpp"
#include "common/json.hpp"
#include "confidant/brand.hpp"
#include "confidant_sync.pb.h"
#include "fuzz_keys.hpp"
#include "fuzz_support.hpp"
#include "quiet_protobuf.hpp"
#include "sync/brand_config.hpp"

using namespace confidant;

namespace {

brand::KeySet key_set() {
  const fuzz::FixedKeys& k = fuzz::fixed_keys();
  return {k.signing_public_hex, k.signing_secret_hex, k.sealing_public_hex, k.sealing_secret_hex};
}

sync::SignerKey signer() { return sync::SignerKey(fuzz::fixed_keys().signing_public.data(), 32); }

void check_failure(const Status& status) { FUZZ_CHECK_ERROR(status.code(), status.message()); }

// Lite messages have no readable debug form: the bytes, in hex.
std::string describe(const proto::BrandConfig& config) {
  const std::string bytes = config.SerializeAsString();
  constexpr char kHex[] = "0123456789abcdef";
  std::string out = "BrandConfig bytes ";
  for (std::size_t i = 0; i < bytes.size() && i < 1500; ++i) {
    out += kHex[static_cast<unsigned char>(bytes[i]) >> 4];
    out += kHex[static_cast<unsigned char>(bytes[i]) & 0xf];
  }
  return out;
}

// The documented bounds of a config a device may install.
void check_bounds(const proto::BrandConfig& config) {
  const std::string shown = describe(config);
  FUZZ_REQUIRE(config.version() >= 1, shown);
  FUZZ_REQUIRE(config.epoch_seconds() >= 60, shown);
  FUZZ_REQUIRE(config.budget_window_days() >= 1, shown);
  FUZZ_REQUIRE(config.budget_total_cap() > 0 && std::isfinite(config.budget_total_cap()), shown);
  FUZZ_REQUIRE(config.min_group_size() >= 1, shown);
  FUZZ_REQUIRE(config.report_public_key().size() == 32, shown);
  std::set<std::string> ids;
  for (const proto::Metric& metric : config.metrics()) {
    FUZZ_REQUIRE(!metric.id().empty() && ids.insert(metric.id()).second, shown);
    FUZZ_REQUIRE(metric.source() == proto::TOP_CATEGORY || metric.source() == proto::ATTRIBUTE_VALUE, shown);
    FUZZ_REQUIRE(metric.source() != proto::ATTRIBUTE_VALUE || !metric.attribute().empty(), shown);
    FUZZ_REQUIRE(metric.domain_size() >= 1 && metric.domain_size() <= 4096, shown);
    std::set<std::string> members;
    for (const std::string& member : metric.domain()) FUZZ_REQUIRE(!member.empty() && members.insert(member).second, shown);
    FUZZ_REQUIRE(metric.epsilon() > 0 && metric.epsilon() <= 8, shown);
    FUZZ_REQUIRE(metric.budget_cap() >= metric.epsilon() && std::isfinite(metric.budget_cap()), shown);
  }
  std::set<std::string> paths;
  for (const proto::TaxonomyNode& node : config.taxonomy()) {
    FUZZ_REQUIRE(!node.path().empty() && paths.insert(node.path()).second, shown);
  }
}

// The collector's view mirrors the device's, and opens reports with it.
void check_info(const brand::ConfigInfo& info, const proto::BrandConfig& config) {
  const std::string shown = describe(config);
  FUZZ_REQUIRE(info.version == config.version() && info.brand == config.brand() &&
                   info.epoch_seconds == config.epoch_seconds() && info.min_group_size == config.min_group_size(),
               shown);
  FUZZ_REQUIRE(info.metrics.size() == static_cast<std::size_t>(config.metrics_size()), shown);
  for (int i = 0; i < config.metrics_size(); ++i) {
    const proto::Metric& metric = config.metrics(i);
    const brand::MetricInfo& m = info.metrics[static_cast<std::size_t>(i)];
    FUZZ_REQUIRE(m.id == metric.id() && m.epsilon == metric.epsilon() && m.attribute == metric.attribute(), shown);
    FUZZ_REQUIRE(m.domain.size() == static_cast<std::size_t>(metric.domain_size()), shown);
    FUZZ_REQUIRE(m.source == (metric.source() == proto::TOP_CATEGORY ? "top_category" : "attribute_value"), shown);
  }
  const auto opener = brand::ReportOpener::create(key_set(), info);
  FUZZ_REQUIRE(opener.is_ok(), opener.status().message());
}

// Signed bytes: both verifiers agree, and what they accept is in bounds.
void verify_signed(std::string_view signed_bytes) {
  const auto device = sync::verify_config(signed_bytes, signer());
  const auto collector = brand::verify_config(signed_bytes, fuzz::fixed_keys().signing_public_hex);
  FUZZ_REQUIRE(device.is_ok() == collector.is_ok(), device.status().message() + " | " + collector.status().message());
  if (!device) {
    check_failure(device.status());
    FUZZ_REQUIRE(device.status().code() == ErrorCode::kInvalidArgument || device.status().code() == ErrorCode::kTampered,
                 device.status().message());
    FUZZ_REQUIRE(device.status().message() == collector.status().message(), collector.status().message());
    return;
  }
  check_bounds(device.value());
  FUZZ_REQUIRE(sync::validate(device.value()).is_ok(), describe(device.value()));
  check_info(collector.value(), device.value());
}

std::string signed_envelope(std::string_view config_bytes) {
  std::array<std::uint8_t, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(config_bytes.data()),
                       config_bytes.size(), fuzz::fixed_keys().signing_secret.data());
  proto::SignedConfig envelope;
  envelope.set_config(std::string(config_bytes));
  envelope.set_signature(std::string(signature.begin(), signature.end()));
  return envelope.SerializeAsString();
}

void config_bytes(std::string_view bytes) {
  const std::string envelope = signed_envelope(bytes);
  verify_signed(envelope);
  const auto verified = sync::verify_config(envelope, signer());
  proto::BrandConfig parsed;
  const bool parses = parsed.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
  if (bytes.empty()) {
    FUZZ_REQUIRE(!verified.is_ok(), "an empty config verified");
  } else if (!parses) {
    FUZZ_REQUIRE(!verified.is_ok() && verified.status().code() == ErrorCode::kInvalidArgument, verified.status().message());
  } else {
    // Signed and well-formed: the content checks alone decide.
    const Status content = sync::validate(parsed);
    FUZZ_REQUIRE(content.is_ok() == verified.is_ok(), content.message() + " | " + verified.status().message());
    if (!content) FUZZ_REQUIRE(content.message() == verified.status().message(), content.message());
  }
}

void config_json(std::string_view text) {
  const auto config = brand::config_from_json(text);
  const auto signed_config = brand::sign_config(text, key_set());
  if (!config) {
    check_failure(config.status());
    FUZZ_REQUIRE(config.status().code() == ErrorCode::kInvalidArgument, config.status().message());
    FUZZ_REQUIRE(!signed_config.is_ok() && signed_config.status().message() == config.status().message(),
                 signed_config.status().message());
    return;
  }
  // The reader sees the document, not its spelling.
  const auto document = json::parse(text);
  FUZZ_REQUIRE(document.is_ok(), document.status().message());
  const std::string respelled = json::serialize(document.value());
  const auto again = brand::config_from_json(respelled);
  FUZZ_REQUIRE(again.is_ok() && again->SerializeAsString() == config->SerializeAsString(), respelled);

  proto::BrandConfig expected = config.value();
  if (expected.report_public_key().empty()) {
    const auto& key = fuzz::fixed_keys().sealing_public;
    expected.set_report_public_key(std::string(key.begin(), key.end()));
  }
  const Status content = sync::validate(expected);
  FUZZ_REQUIRE(content.is_ok() == signed_config.is_ok(), content.message() + " | " + signed_config.status().message());
  if (!signed_config) {
    check_failure(signed_config.status());
    FUZZ_REQUIRE(signed_config.status().message() == content.message(), signed_config.status().message());
    return;
  }
  verify_signed(signed_config.value());
  const auto verified = sync::verify_config(signed_config.value(), signer());
  FUZZ_REQUIRE(verified.is_ok(), verified.status().message());
  FUZZ_REQUIRE(verified->SerializeAsString() == expected.SerializeAsString(), describe(verified.value()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fuzz::Input input = fuzz::split_mode(data, size);
  switch (fuzz::mode_index(input.mode, "jcs")) {
    case 0: config_json(input.payload); break;
    case 1: config_bytes(input.payload); break;
    default: verify_signed(input.payload); break;
  }
  return 0;
}

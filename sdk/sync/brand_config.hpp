// The brand's config as the device (and the collector) accept it: a
// SignedConfig whose Ed25519 signature verifies with the pinned signing key
// over the exact BrandConfig bytes, and whose content is sane (validate()).
// Everything else is refused with a Status that says why, so a bad push
// from the brand cannot change what a device shares.
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "confidant/status.hpp"
#include "confidant_sync.pb.h"
#include "crypto/signature.hpp"

namespace confidant::sync {

using SignerKey = std::span<const std::uint8_t, crypto::kSignPublicKeyBytes>;

// kInvalidArgument: "config: not a signed config" (malformed), or a field
// check ("config.metrics[1].epsilon: ..."); kTampered: unsigned, or the
// signature does not verify with `signer`.
Result<proto::BrandConfig> verify_config(std::string_view signed_bytes, SignerKey signer);

// The content checks verify_config() applies, each naming its field.
Status validate(const proto::BrandConfig& config);

// The metric named `id`, or nullptr.
const proto::Metric* find_metric(const proto::BrandConfig& config, std::string_view id);

}  // namespace confidant::sync

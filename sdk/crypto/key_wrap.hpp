// The wrapping step every shipped KeyProvider shares: seal the data key under a
// 32-byte wrapping key with the store id and the provider's kind as associated
// data. Layout of the result: nonce (24) | encrypted key (32) | tag (16).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "confidant/key_provider.hpp"
#include "crypto/secure_key.hpp"

namespace confidant::crypto {

inline constexpr std::size_t kWrappedKeyBytes = 24 + kDataKeyBytes + 16;

std::vector<std::uint8_t> wrap_data_key(const SecureKey& wrapping_key, std::string_view kind,
                                        std::span<const std::uint8_t, kDataKeyBytes> data_key,
                                        std::span<const std::uint8_t> context);

// kWrongKey when the bytes do not authenticate; kInvalidArgument when malformed.
Status unwrap_data_key(const SecureKey& wrapping_key, std::string_view kind, std::span<const std::uint8_t> wrapped,
                       std::span<const std::uint8_t> context, std::span<std::uint8_t, kDataKeyBytes> data_key_out);

}  // namespace confidant::crypto

// The wrapping step every shipped KeyProvider shares: seal the data key under a
// 32-byte wrapping key with the store id and the provider's kind as associated
// data. Layout of the result: nonce (24) | encrypted key (32) | tag (16).
#pragma once

#include <cstdint>
#include <span>
#include <string>
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

// A provider whose wrapping key is 32 bytes it holds: the in-memory and the
// key-file providers differ only in where those bytes come from and in what
// destroy() removes besides them.
class HeldKeyProvider : public KeyProvider {
 public:
  HeldKeyProvider(std::string kind, SecureKey key) : kind_(std::move(kind)), key_(std::move(key)) {}

  std::string kind() const override { return kind_; }

  Result<std::vector<std::uint8_t>> wrap(std::span<const std::uint8_t, kDataKeyBytes> data_key,
                                         std::span<const std::uint8_t> context) override {
    return wrap_data_key(key_, kind_, data_key, context);
  }

  Status unwrap(std::span<const std::uint8_t> wrapped, std::span<const std::uint8_t> context,
                std::span<std::uint8_t, kDataKeyBytes> data_key_out) override {
    return unwrap_data_key(key_, kind_, wrapped, context, data_key_out);
  }

  // Zeroes the held key: nothing it wrapped unwraps any more.
  Status destroy() override {
    key_ = SecureKey();
    return Status::ok();
  }

 private:
  std::string kind_;
  SecureKey key_;
};

}  // namespace confidant::crypto

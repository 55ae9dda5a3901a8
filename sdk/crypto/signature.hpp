// Ed25519 signatures: how the SDK knows a brand config came from the brand
// whose key the app pinned, byte for byte.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace confidant::crypto {

inline constexpr std::size_t kSignPublicKeyBytes = 32;
inline constexpr std::size_t kSignSecretKeyBytes = 64;
inline constexpr std::size_t kSignatureBytes = 64;

struct SigningKeyPair {
  std::array<std::uint8_t, kSignPublicKeyBytes> public_key{};
  std::array<std::uint8_t, kSignSecretKeyBytes> secret_key{};
};

SigningKeyPair generate_signing_key_pair() noexcept;

std::array<std::uint8_t, kSignatureBytes> sign_detached(std::span<const std::uint8_t> message,
                                                        std::span<const std::uint8_t, kSignSecretKeyBytes> secret_key) noexcept;

// true only when `signature` is `public_key`'s over exactly `message`.
[[nodiscard]] bool verify_detached(std::span<const std::uint8_t> message,
                                   std::span<const std::uint8_t, kSignatureBytes> signature,
                                   std::span<const std::uint8_t, kSignPublicKeyBytes> public_key) noexcept;

}  // namespace confidant::crypto

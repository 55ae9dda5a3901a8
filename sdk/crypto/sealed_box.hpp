// Sealed boxes (X25519 + XSalsa20-Poly1305, libsodium's crypto_box_seal):
// a device encrypts a report to the brand's public key with a fresh
// ephemeral key, so the sender is anonymous and only the brand can open it.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace confidant::crypto {

inline constexpr std::size_t kBoxPublicKeyBytes = 32;
inline constexpr std::size_t kBoxSecretKeyBytes = 32;
// Bytes a sealed box adds to its message (ephemeral key + tag).
inline constexpr std::size_t kSealedBoxOverhead = 48;

struct BoxKeyPair {
  std::array<std::uint8_t, kBoxPublicKeyBytes> public_key{};
  std::array<std::uint8_t, kBoxSecretKeyBytes> secret_key{};
};

BoxKeyPair generate_box_key_pair() noexcept;

std::vector<std::uint8_t> seal_to(std::span<const std::uint8_t> message,
                                  std::span<const std::uint8_t, kBoxPublicKeyBytes> public_key);

// The message, or nothing when the box was not sealed to this key pair or
// was altered.
std::optional<std::vector<std::uint8_t>> open_sealed(std::span<const std::uint8_t> box, const BoxKeyPair& keys);

}  // namespace confidant::crypto

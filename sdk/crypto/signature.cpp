#include "crypto/signature.hpp"

#include <sodium.h>

#include "crypto/secure_key.hpp"

namespace confidant::crypto {

SigningKeyPair generate_signing_key_pair() noexcept {
  ensure_sodium();
  SigningKeyPair pair;
  crypto_sign_keypair(pair.public_key.data(), pair.secret_key.data());
  return pair;
}

std::array<std::uint8_t, kSignatureBytes> sign_detached(std::span<const std::uint8_t> message,
                                                        std::span<const std::uint8_t, kSignSecretKeyBytes> secret_key) noexcept {
  std::array<std::uint8_t, kSignatureBytes> signature{};
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret_key.data());
  return signature;
}

bool verify_detached(std::span<const std::uint8_t> message, std::span<const std::uint8_t, kSignatureBytes> signature,
                     std::span<const std::uint8_t, kSignPublicKeyBytes> public_key) noexcept {
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), public_key.data()) == 0;
}

}  // namespace confidant::crypto

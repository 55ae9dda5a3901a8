#include "crypto/sealed_box.hpp"

#include <sodium.h>

#include "crypto/secure_key.hpp"

static_assert(confidant::crypto::kSealedBoxOverhead == crypto_box_SEALBYTES);

namespace confidant::crypto {

BoxKeyPair generate_box_key_pair() noexcept {
  ensure_sodium();
  BoxKeyPair pair;
  crypto_box_keypair(pair.public_key.data(), pair.secret_key.data());
  return pair;
}

std::vector<std::uint8_t> seal_to(std::span<const std::uint8_t> message,
                                  std::span<const std::uint8_t, kBoxPublicKeyBytes> public_key) {
  ensure_sodium();
  std::vector<std::uint8_t> box(message.size() + crypto_box_SEALBYTES);
  crypto_box_seal(box.data(), message.data(), message.size(), public_key.data());
  return box;
}

std::optional<std::vector<std::uint8_t>> open_sealed(std::span<const std::uint8_t> box, const BoxKeyPair& keys) {
  if (box.size() < crypto_box_SEALBYTES) return std::nullopt;
  std::vector<std::uint8_t> message(box.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(message.data(), box.data(), box.size(), keys.public_key.data(), keys.secret_key.data()) != 0)
    return std::nullopt;
  return message;
}

}  // namespace confidant::crypto

#include "crypto/hash.hpp"

#include <sodium.h>

#include "crypto/secure_key.hpp"

namespace confidant::crypto {

Sha256Digest sha256(std::span<const std::uint8_t> bytes) noexcept {
  // crypto_hash_sha256 needs no initialisation, but every libsodium entry
  // point goes through ensure_sodium() so the rule stays simple.
  (void)ensure_sodium();
  Sha256Digest digest{};
  crypto_hash_sha256(digest.data(), bytes.data(), bytes.size());
  return digest;
}

Sha256Digest sha256(std::string_view text) noexcept {
  return sha256(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

}  // namespace confidant::crypto

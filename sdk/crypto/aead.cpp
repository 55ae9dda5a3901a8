#include "crypto/aead.hpp"

#include <sodium.h>

static_assert(confidant::crypto::kNonceBytes == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(confidant::crypto::kTagBytes == crypto_aead_xchacha20poly1305_ietf_ABYTES);
static_assert(confidant::crypto::SecureKey::kBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(confidant::crypto::SecureKey::kBytes == crypto_kdf_KEYBYTES);

namespace confidant::crypto {
namespace {
// libsodium declares its buffers non-null even when empty.
std::uint8_t kEmpty[1] = {0};
std::uint8_t* nonnull(std::span<std::uint8_t> s) { return s.empty() ? kEmpty : s.data(); }
const std::uint8_t* nonnull(std::span<const std::uint8_t> s) { return s.empty() ? kEmpty : s.data(); }
}  // namespace

void seal_in_place(const SecureKey& key, std::span<const std::uint8_t, kNonceBytes> nonce,
                   std::span<const std::uint8_t> associated, std::span<std::uint8_t> text,
                   std::span<std::uint8_t, kTagBytes> tag_out) noexcept {
  unsigned long long tag_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached(nonnull(text), tag_out.data(), &tag_len, nonnull(text),
                                                      text.size(), nonnull(associated), associated.size(),
                                                      nullptr, nonce.data(), key.data());
}

bool open_in_place(const SecureKey& key, std::span<const std::uint8_t, kNonceBytes> nonce,
                   std::span<const std::uint8_t> associated, std::span<std::uint8_t> text,
                   std::span<const std::uint8_t, kTagBytes> tag) noexcept {
  return crypto_aead_xchacha20poly1305_ietf_decrypt_detached(nonnull(text), nullptr, nonnull(text), text.size(),
                                                             tag.data(), nonnull(associated), associated.size(),
                                                             nonce.data(), key.data()) == 0;
}

SecureKey derive_subkey(const SecureKey& master, std::uint64_t id, const char (&context)[9]) {
  static_assert(crypto_kdf_CONTEXTBYTES == 8);
  SecureKey subkey;
  crypto_kdf_derive_from_key(subkey.bytes().data(), SecureKey::kBytes, id, context, master.data());
  return subkey;
}

}  // namespace confidant::crypto

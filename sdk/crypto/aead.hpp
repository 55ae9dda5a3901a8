// Authenticated encryption used for pages, log records and wrapped keys:
// XChaCha20-Poly1305 (IETF) with detached tags and random 192-bit nonces,
// which are safe to draw at random for any number of messages we will write.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "crypto/secure_key.hpp"

namespace confidant::crypto {

inline constexpr std::size_t kNonceBytes = 24;
inline constexpr std::size_t kTagBytes = 16;
// Bytes of overhead stored beside each sealed unit: nonce then tag.
inline constexpr std::size_t kSealOverhead = kNonceBytes + kTagBytes;

// Fills `nonce` from the OS random source, batched per thread and never
// reused by a forked child (defined in crypto/nonce_pool.cpp).
void random_nonce(std::span<std::uint8_t, kNonceBytes> nonce) noexcept;

// Encrypts `text` in place and writes the tag. `nonce` must be fresh.
void seal_in_place(const SecureKey& key, std::span<const std::uint8_t, kNonceBytes> nonce,
                   std::span<const std::uint8_t> associated, std::span<std::uint8_t> text,
                   std::span<std::uint8_t, kTagBytes> tag_out) noexcept;

// Decrypts `text` in place when the tag authenticates; returns false (and leaves
// `text` unspecified) when it does not.
[[nodiscard]] bool open_in_place(const SecureKey& key, std::span<const std::uint8_t, kNonceBytes> nonce,
                                 std::span<const std::uint8_t> associated, std::span<std::uint8_t> text,
                                 std::span<const std::uint8_t, kTagBytes> tag) noexcept;

// crypto_kdf: an independent subkey of `master` for use number `id` within an
// 8-character `context` (e.g. "cfdstore"). Different (id, context) pairs give
// unrelated keys, so one data key serves pages, logs and later uses safely.
SecureKey derive_subkey(const SecureKey& master, std::uint64_t id, const char (&context)[9]);

}  // namespace confidant::crypto

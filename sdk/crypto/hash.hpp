// SHA-256 for layers that need a plain digest (the consent ledger's hash
// chain). SHA-256 rather than BLAKE2b because consent receipts leave the
// device: anyone must be able to recompute a record's hash with standard
// tools (sha256sum, any language's library).
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace confidant::crypto {

inline constexpr std::size_t kSha256Bytes = 32;
using Sha256Digest = std::array<std::uint8_t, kSha256Bytes>;

Sha256Digest sha256(std::span<const std::uint8_t> bytes) noexcept;
Sha256Digest sha256(std::string_view text) noexcept;

}  // namespace confidant::crypto

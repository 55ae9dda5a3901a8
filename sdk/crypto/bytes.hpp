// Byte-level primitives the other layers need from libsodium, so that only
// sdk/crypto calls it: random bytes, constant-time comparison, wiping, and a
// short check hash for telling intact records from torn ones.
//
// Thread-safety: pure functions (the random source is thread-safe).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace confidant::crypto {

// Fills `out` from the OS random source.
void random_bytes(std::span<std::uint8_t> out) noexcept;

// Equality of two equal-length byte strings in time independent of their content.
[[nodiscard]] bool constant_time_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t size) noexcept;

// Zeroes `bytes` in a way the compiler may not optimise away.
void wipe(std::span<std::uint8_t> bytes) noexcept;

// BLAKE2b-128 of `bytes`: detects torn or damaged records. Not a MAC.
inline constexpr std::size_t kCheckHashBytes = 16;
void check_hash(std::span<const std::uint8_t> bytes, std::span<std::uint8_t, kCheckHashBytes> out) noexcept;

}  // namespace confidant::crypto

#include "crypto/bytes.hpp"

#include <sodium.h>

namespace confidant::crypto {

void random_bytes(std::span<std::uint8_t> out) noexcept { randombytes_buf(out.data(), out.size()); }

bool constant_time_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t size) noexcept {
  return sodium_memcmp(a, b, size) == 0;
}

void wipe(std::span<std::uint8_t> bytes) noexcept { sodium_memzero(bytes.data(), bytes.size()); }

void check_hash(std::span<const std::uint8_t> bytes, std::span<std::uint8_t, kCheckHashBytes> out) noexcept {
  static const std::uint8_t kEmpty = 0;
  crypto_generichash(out.data(), out.size(), bytes.empty() ? &kEmpty : bytes.data(), bytes.size(), nullptr, 0);
}

}  // namespace confidant::crypto

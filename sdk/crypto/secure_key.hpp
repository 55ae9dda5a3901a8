// SecureKey: 32 bytes of key material in libsodium guarded memory
// (sodium_malloc: guard pages, mlock'd where allowed, zeroed on free).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace confidant::crypto {

// Call before any other libsodium use; cheap after the first call. Returns false
// only when libsodium cannot initialise (no entropy source).
bool ensure_sodium() noexcept;

class SecureKey {
 public:
  static constexpr std::size_t kBytes = 32;

  // A zeroed key. Throws std::bad_alloc when guarded memory is exhausted.
  SecureKey();
  ~SecureKey();
  SecureKey(SecureKey&& other) noexcept;
  SecureKey& operator=(SecureKey&& other) noexcept;
  SecureKey(const SecureKey&) = delete;
  SecureKey& operator=(const SecureKey&) = delete;

  static SecureKey random();

  std::span<std::uint8_t, kBytes> bytes() { return std::span<std::uint8_t, kBytes>(data_, kBytes); }
  std::span<const std::uint8_t, kBytes> bytes() const {
    return std::span<const std::uint8_t, kBytes>(data_, kBytes);
  }
  const std::uint8_t* data() const { return data_; }

 private:
  std::uint8_t* data_ = nullptr;
};

}  // namespace confidant::crypto

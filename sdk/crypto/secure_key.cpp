#include "crypto/secure_key.hpp"

#include <sodium.h>

#include <new>
#include <utility>

namespace confidant::crypto {

bool ensure_sodium() noexcept {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

SecureKey::SecureKey() {
  if (!ensure_sodium()) throw std::bad_alloc();
  data_ = static_cast<std::uint8_t*>(sodium_malloc(kBytes));
  if (data_ == nullptr) throw std::bad_alloc();
  sodium_memzero(data_, kBytes);
}

SecureKey::~SecureKey() {
  if (data_ != nullptr) sodium_free(data_);  // zeroes before releasing
}

SecureKey::SecureKey(SecureKey&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}

SecureKey& SecureKey::operator=(SecureKey&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) sodium_free(data_);
    data_ = std::exchange(other.data_, nullptr);
  }
  return *this;
}

SecureKey SecureKey::random() {
  SecureKey key;
  randombytes_buf(key.data_, kBytes);
  return key;
}

}  // namespace confidant::crypto

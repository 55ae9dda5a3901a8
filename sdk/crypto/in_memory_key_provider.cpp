// A provider whose wrapping key lives only in this process: for tests.
#include <algorithm>

#include "confidant/key_provider.hpp"
#include "crypto/key_wrap.hpp"

namespace confidant {

std::unique_ptr<KeyProvider> make_in_memory_key_provider() {
  return std::make_unique<crypto::HeldKeyProvider>("memory", crypto::SecureKey::random());
}

std::unique_ptr<KeyProvider> make_in_memory_key_provider(std::span<const std::uint8_t, kDataKeyBytes> wrapping_key) {
  crypto::SecureKey key;
  std::copy(wrapping_key.begin(), wrapping_key.end(), key.bytes().begin());
  return std::make_unique<crypto::HeldKeyProvider>("memory", std::move(key));
}

}  // namespace confidant

// A provider whose wrapping key lives only in this process: for tests.
#include <algorithm>

#include "confidant/key_provider.hpp"
#include "crypto/key_wrap.hpp"

namespace confidant {
namespace {

class InMemoryKeyProvider final : public KeyProvider {
 public:
  explicit InMemoryKeyProvider(crypto::SecureKey key) : key_(std::move(key)) {}

  std::string kind() const override { return "memory"; }

  Result<std::vector<std::uint8_t>> wrap(std::span<const std::uint8_t, kDataKeyBytes> data_key,
                                         std::span<const std::uint8_t> context) override {
    return crypto::wrap_data_key(key_, kind(), data_key, context);
  }

  Status unwrap(std::span<const std::uint8_t> wrapped, std::span<const std::uint8_t> context,
                std::span<std::uint8_t, kDataKeyBytes> data_key_out) override {
    return crypto::unwrap_data_key(key_, kind(), wrapped, context, data_key_out);
  }

  Status destroy() override {
    key_ = crypto::SecureKey();  // zeroed: nothing it wrapped unwraps any more
    return Status::ok();
  }

 private:
  crypto::SecureKey key_;
};

}  // namespace

std::unique_ptr<KeyProvider> make_in_memory_key_provider() {
  return std::make_unique<InMemoryKeyProvider>(crypto::SecureKey::random());
}

std::unique_ptr<KeyProvider> make_in_memory_key_provider(std::span<const std::uint8_t, kDataKeyBytes> wrapping_key) {
  crypto::SecureKey key;
  std::copy(wrapping_key.begin(), wrapping_key.end(), key.bytes().begin());
  return std::make_unique<InMemoryKeyProvider>(std::move(key));
}

}  // namespace confidant

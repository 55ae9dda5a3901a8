// A provider that derives its wrapping key from a passphrase with Argon2id.
//
// Wrapped layout (all integers little-endian):
//   version u8 (=1) | ops_limit u64 | mem_limit u64 | salt (16) | wrap_data_key() output
// The plain fields are bound into the wrapping's associated data: Argon2 reads
// mem_limit in whole KiB, so an unbound header would have many forms that unwrap.
#include <sodium.h>

#include <algorithm>

#include "common/little_endian.hpp"
#include "confidant/key_provider.hpp"
#include "crypto/key_wrap.hpp"

namespace confidant {
namespace {

constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kHeaderBytes = 1 + 8 + 8 + kSaltBytes;

class PassphraseKeyProvider final : public KeyProvider {
 public:
  PassphraseKeyProvider(std::string passphrase, PassphraseParams params)
      : passphrase_(std::move(passphrase)), params_(params) {}
  ~PassphraseKeyProvider() override { sodium_memzero(passphrase_.data(), passphrase_.size()); }

  std::string kind() const override { return "passphrase"; }

  Result<std::vector<std::uint8_t>> wrap(std::span<const std::uint8_t, kDataKeyBytes> data_key,
                                         std::span<const std::uint8_t> context) override {
    if (Status st = check_params(params_.ops_limit, params_.mem_limit); !st) return st;
    std::vector<std::uint8_t> out(kHeaderBytes);
    out[0] = kVersion;
    le::put_u64(&out[1], params_.ops_limit);
    le::put_u64(&out[9], params_.mem_limit);
    randombytes_buf(&out[17], kSaltBytes);
    auto wrapping_key = derive(&out[17], params_.ops_limit, params_.mem_limit);
    if (!wrapping_key) return wrapping_key.status();
    const auto wrapped = crypto::wrap_data_key(wrapping_key.value(), kind(), data_key, bound(out, context));
    out.insert(out.end(), wrapped.begin(), wrapped.end());
    return out;
  }

  Status unwrap(std::span<const std::uint8_t> wrapped, std::span<const std::uint8_t> context,
                std::span<std::uint8_t, kDataKeyBytes> data_key_out) override {
    if (wrapped.size() != kHeaderBytes + crypto::kWrappedKeyBytes || wrapped[0] != kVersion) {
      return {ErrorCode::kUnsupported, "passphrase-wrapped key: unknown layout"};
    }
    const std::uint64_t ops = le::get_u64(&wrapped[1]);
    const std::uint64_t mem = le::get_u64(&wrapped[9]);
    if (Status st = check_params(ops, mem); !st) return st;
    auto wrapping_key = derive(&wrapped[17], ops, mem);
    if (!wrapping_key) return wrapping_key.status();
    Status st = crypto::unwrap_data_key(wrapping_key.value(), kind(), wrapped.subspan(kHeaderBytes),
                                        bound(wrapped.first(kHeaderBytes), context),
                                        data_key_out);
    if (st.code() == ErrorCode::kWrongKey) return {ErrorCode::kWrongKey, "wrong passphrase"};
    return st;
  }

 private:
  // The store's context followed by this blob's plain header.
  static std::vector<std::uint8_t> bound(std::span<const std::uint8_t> header, std::span<const std::uint8_t> context) {
    std::vector<std::uint8_t> out(context.size() + kHeaderBytes);
    std::copy(context.begin(), context.end(), out.begin());
    std::copy_n(header.begin(), kHeaderBytes, out.begin() + static_cast<std::ptrdiff_t>(context.size()));
    return out;
  }

  static Status check_params(std::uint64_t ops, std::uint64_t mem) {
    // Bounds keep a tampered header from asking for gigabytes or hours.
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > 64) {
      return {ErrorCode::kInvalidArgument, "passphrase ops_limit out of range: " + std::to_string(ops)};
    }
    if (mem < crypto_pwhash_MEMLIMIT_MIN || mem > (1ull << 30)) {
      return {ErrorCode::kInvalidArgument, "passphrase mem_limit out of range: " + std::to_string(mem)};
    }
    return Status::ok();
  }

  Result<crypto::SecureKey> derive(const std::uint8_t* salt, std::uint64_t ops, std::uint64_t mem) const {
    crypto::SecureKey key;
    auto out = key.bytes();
    if (crypto_pwhash(out.data(), out.size(), passphrase_.data(), passphrase_.size(), salt, ops,
                      static_cast<std::size_t>(mem), crypto_pwhash_ALG_ARGON2ID13) != 0) {
      return Status{ErrorCode::kIo, "Argon2id could not allocate " + std::to_string(mem >> 20) + " MiB"};
    }
    return key;
  }

  std::string passphrase_;
  PassphraseParams params_;
};

}  // namespace

std::unique_ptr<KeyProvider> make_passphrase_key_provider(std::string passphrase, PassphraseParams params) {
  return std::make_unique<PassphraseKeyProvider>(std::move(passphrase), params);
}

}  // namespace confidant

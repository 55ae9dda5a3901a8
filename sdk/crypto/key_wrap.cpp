#include "crypto/key_wrap.hpp"

#include <sodium.h>

#include <algorithm>

#include "crypto/aead.hpp"

namespace confidant::crypto {
namespace {

std::vector<std::uint8_t> associated_data(std::string_view kind, std::span<const std::uint8_t> context) {
  static constexpr std::string_view kLabel = "confidant/key-wrap/v1/";
  std::vector<std::uint8_t> ad(kLabel.size() + kind.size() + 1 + context.size());
  auto out = std::copy(kLabel.begin(), kLabel.end(), ad.begin());
  out = std::copy(kind.begin(), kind.end(), out);
  *out++ = '/';
  std::copy(context.begin(), context.end(), out);
  return ad;
}

}  // namespace

std::vector<std::uint8_t> wrap_data_key(const SecureKey& wrapping_key, std::string_view kind,
                                        std::span<const std::uint8_t, kDataKeyBytes> data_key,
                                        std::span<const std::uint8_t> context) {
  std::vector<std::uint8_t> out(kWrappedKeyBytes);
  auto nonce = std::span(out).first<kNonceBytes>();
  auto body = std::span(out).subspan(kNonceBytes, kDataKeyBytes);
  auto tag = std::span(out).last<kTagBytes>();
  random_nonce(nonce);
  std::copy(data_key.begin(), data_key.end(), body.begin());
  seal_in_place(wrapping_key, nonce, associated_data(kind, context), body, tag);
  return out;
}

Status unwrap_data_key(const SecureKey& wrapping_key, std::string_view kind, std::span<const std::uint8_t> wrapped,
                       std::span<const std::uint8_t> context, std::span<std::uint8_t, kDataKeyBytes> data_key_out) {
  if (wrapped.size() != kWrappedKeyBytes) {
    return {ErrorCode::kInvalidArgument, "wrapped key: expected " + std::to_string(kWrappedKeyBytes) +
                                             " bytes, got " + std::to_string(wrapped.size())};
  }
  std::copy(wrapped.begin() + kNonceBytes, wrapped.begin() + kNonceBytes + kDataKeyBytes, data_key_out.begin());
  const bool ok = open_in_place(wrapping_key, wrapped.first<kNonceBytes>(), associated_data(kind, context),
                                data_key_out, wrapped.last<kTagBytes>());
  if (!ok) {
    sodium_memzero(data_key_out.data(), data_key_out.size());
    return {ErrorCode::kWrongKey, "the " + std::string(kind) + " key provider could not unwrap the data key"};
  }
  return Status::ok();
}

}  // namespace confidant::crypto

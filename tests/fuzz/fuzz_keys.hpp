// Fixed brand keys for the fuzz targets and their seed maker: derived from
// constant seeds, so signed configs and sealed reports written into the
// corpus once keep verifying and opening in every later run.
//
// Needs libsodium only (capi_json links the C library and libsodium, not the
// SDK's internals). Never use these keys for anything but fuzzing.
#pragma once

#include <sodium.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace fuzz {

struct FixedKeys {
  std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> signing_public{};
  std::array<std::uint8_t, crypto_sign_SECRETKEYBYTES> signing_secret{};
  std::array<std::uint8_t, crypto_box_PUBLICKEYBYTES> sealing_public{};
  std::array<std::uint8_t, crypto_box_SECRETKEYBYTES> sealing_secret{};
  // Lower-case hex, as brand::KeySet holds them.
  std::string signing_public_hex, signing_secret_hex, sealing_public_hex, sealing_secret_hex;
};

template <std::size_t N>
std::string lower_hex(const std::array<std::uint8_t, N>& bytes) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
  return out;
}

inline const FixedKeys& fixed_keys() {
  static const FixedKeys keys = [] {
    if (sodium_init() < 0) std::abort();
    FixedKeys k;
    std::array<std::uint8_t, crypto_sign_SEEDBYTES> signing_seed{};
    std::array<std::uint8_t, crypto_box_SEEDBYTES> sealing_seed{};
    for (std::size_t i = 0; i < signing_seed.size(); ++i) signing_seed[i] = static_cast<std::uint8_t>(0x11 + i);
    for (std::size_t i = 0; i < sealing_seed.size(); ++i) sealing_seed[i] = static_cast<std::uint8_t>(0x77 + 3 * i);
    crypto_sign_seed_keypair(k.signing_public.data(), k.signing_secret.data(), signing_seed.data());
    crypto_box_seed_keypair(k.sealing_public.data(), k.sealing_secret.data(), sealing_seed.data());
    k.signing_public_hex = lower_hex(k.signing_public);
    k.signing_secret_hex = lower_hex(k.signing_secret);
    k.sealing_public_hex = lower_hex(k.sealing_public);
    k.sealing_secret_hex = lower_hex(k.sealing_secret);
    return k;
  }();
  return keys;
}

// Seals `plain` to the fixed sealing key (crypto_box_seal, as a device does).
inline std::string seal_to_fixed_key(std::string_view plain) {
  const FixedKeys& k = fixed_keys();
  std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), reinterpret_cast<const unsigned char*>(plain.data()),
                  plain.size(), k.sealing_public.data());
  return sealed;
}

}  // namespace fuzz

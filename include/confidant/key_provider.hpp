// KeyProvider: the seam between Confidant and the platform's key storage.
//
// Every store has a random 32-byte data key. Confidant never writes that key
// to disk in the clear: it asks a KeyProvider to wrap it (encrypt it under a
// key the provider controls) and keeps only the wrapped bytes in the store's
// file header. On phones the provider is the OS keystore (iOS Keychain,
// Android Keystore); this header also ships three portable providers.
//
// Changing the provider (a new passphrase, a new keystore entry) only re-wraps
// the data key: it costs O(1) whatever the store's size.
//
// Thread-safety: Confidant calls a provider from one thread at a time, only
// while opening, re-wrapping or rotating a store. The shipped providers hold
// no mutable state after construction and may be shared between stores.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "confidant/export.hpp"
#include "confidant/status.hpp"

namespace confidant {

inline constexpr std::size_t kDataKeyBytes = 32;

class CONFIDANT_EXPORT KeyProvider {
 public:
  virtual ~KeyProvider() = default;

  // A short stable name recorded beside the wrapped key, e.g. "passphrase".
  virtual std::string kind() const = 0;

  // Encrypts `data_key`. `context` (the store's random id) must be bound to the
  // result so a wrapped key copied into another store does not unwrap there.
  virtual Result<std::vector<std::uint8_t>> wrap(std::span<const std::uint8_t, kDataKeyBytes> data_key,
                                                 std::span<const std::uint8_t> context) = 0;

  // Reverses wrap(). Returns ErrorCode::kWrongKey when the bytes do not
  // authenticate under this provider's key (wrong passphrase, other device).
  virtual Status unwrap(std::span<const std::uint8_t> wrapped, std::span<const std::uint8_t> context,
                        std::span<std::uint8_t, kDataKeyBytes> data_key_out) = 0;

  // Destroys the wrapping key itself where the provider owns one (a keystore
  // entry, a key file), so that copies of the store's files taken before an
  // erase cannot be opened either. Store::erase() calls it after shredding the
  // store's own key slots. Afterwards unwrap() fails. The default does
  // nothing: a passphrase lives only in the user's memory.
  virtual Status destroy() { return Status::ok(); }
};

// Argon2id cost for the passphrase provider. The defaults are libsodium's
// "interactive" level: 2 passes over 64 MiB (about 0.1-0.3 s on a phone).
// The chosen values are stored with the wrapped key, so a store wrapped with
// one setting still opens after the defaults change.
struct PassphraseParams {
  std::uint64_t ops_limit = 2;                 // crypto_pwhash_OPSLIMIT_INTERACTIVE
  std::uint64_t mem_limit = 64ull << 20;       // crypto_pwhash_MEMLIMIT_INTERACTIVE, bytes
};

// Derives the wrapping key from a passphrase with Argon2id and a random
// 16-byte salt per wrap. For desktop tools and tests; phones should use the
// OS keystore.
CONFIDANT_EXPORT std::unique_ptr<KeyProvider> make_passphrase_key_provider(std::string passphrase, PassphraseParams params = {});

// Keeps a random 32-byte wrapping key in `path` (created with mode 0600 when
// `create_if_missing` and absent; concurrent creators agree on one key). For
// desktop tools and servers. destroy() overwrites and removes the file: give
// each store its own key file unless they are meant to be erased together.
CONFIDANT_EXPORT Result<std::unique_ptr<KeyProvider>> make_key_file_provider(const std::filesystem::path& path,
                                                            bool create_if_missing = true);

// Holds a wrapping key in process memory only: a fresh random one, or the one
// given. For tests: the store cannot be reopened after the provider is gone.
CONFIDANT_EXPORT std::unique_ptr<KeyProvider> make_in_memory_key_provider();
CONFIDANT_EXPORT std::unique_ptr<KeyProvider> make_in_memory_key_provider(std::span<const std::uint8_t, kDataKeyBytes> wrapping_key);

}  // namespace confidant

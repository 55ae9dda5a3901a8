// Tests for the KeyProvider seam and the three providers Confidant ships:
// in-memory, key file and passphrase (Argon2id).
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "confidant/key_provider.hpp"
#include "crypto/key_wrap.hpp"
#include "crypto/secure_key.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using confidant::ErrorCode;
using confidant::KeyProvider;
using confidant::kDataKeyBytes;
using confidant::PassphraseParams;
using confidant::Status;
using confidant::testing::read_bytes;
using confidant::testing::TempDir;
using confidant::testing::write_bytes;

namespace {

using Key = std::array<std::uint8_t, kDataKeyBytes>;
using Bytes = std::vector<std::uint8_t>;

// Argon2id settings that keep the tests fast; only one test pays for the defaults.
constexpr PassphraseParams kFastParams{1, 8ull << 20};

// Passphrase blob layout (passphrase_key_provider.cpp):
//   version u8 | ops_limit u64 LE | mem_limit u64 LE | salt (16) | nonce (24) | key (32) | tag (16)
constexpr std::size_t kOpsOffset = 1;
constexpr std::size_t kMemOffset = 9;
constexpr std::size_t kSaltOffset = 17;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kPassphraseHeaderBytes = 1 + 8 + 8 + kSaltBytes;
constexpr std::size_t kPassphraseBlobBytes = kPassphraseHeaderBytes + confidant::crypto::kWrappedKeyBytes;

Key random_key() {
  const auto secure = confidant::crypto::SecureKey::random();
  Key key{};
  std::copy(secure.bytes().begin(), secure.bytes().end(), key.begin());
  return key;
}

Key filled_key(std::uint8_t value) {
  Key key{};
  key.fill(value);
  return key;
}

Bytes bytes_of(std::string_view text) { return Bytes(text.begin(), text.end()); }

bool all_zero(const Key& key) {
  return std::all_of(key.begin(), key.end(), [](std::uint8_t b) { return b == 0; });
}

std::uint64_t get_u64(const Bytes& blob, std::size_t offset) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(blob[offset + i]) << (8 * i);
  return v;
}

void put_u64(Bytes& blob, std::size_t offset, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) blob[offset + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::unique_ptr<KeyProvider> must(confidant::Result<std::unique_ptr<KeyProvider>> result) {
  INFO(result.status().to_string());
  REQUIRE(result.is_ok());
  return std::move(result).value();
}

Bytes must_wrap(KeyProvider& provider, const Key& key, const Bytes& context) {
  auto wrapped = provider.wrap(key, context);
  INFO(wrapped.status().to_string());
  REQUIRE(wrapped.is_ok());
  return std::move(wrapped).value();
}

// Unwraps into a buffer pre-filled with a sentinel, so a test can tell
// "untouched" from "zeroed" from "holds the key".
struct Unwrapped {
  Status status;
  Key key;
};

Unwrapped try_unwrap(KeyProvider& provider, const Bytes& wrapped, const Bytes& context) {
  Unwrapped out{Status::ok(), filled_key(0xAA)};
  out.status = provider.unwrap(wrapped, context, out.key);
  return out;
}

// One provider kind, set up three ways: the provider under test, a second
// independent instance holding the same key material, and one holding other
// key material.
struct ProviderSet {
  std::string kind;
  std::unique_ptr<KeyProvider> primary;
  std::unique_ptr<KeyProvider> same_key;
  std::unique_ptr<KeyProvider> other_key;
  std::size_t wrapped_size;
};

ProviderSet make_set(const std::string& which, const TempDir& dir) {
  if (which == "memory") {
    const Key wrapping = random_key();
    return {"memory", confidant::make_in_memory_key_provider(wrapping),
            confidant::make_in_memory_key_provider(wrapping), confidant::make_in_memory_key_provider(),
            confidant::crypto::kWrappedKeyBytes};
  }
  if (which == "key-file") {
    auto primary = must(confidant::make_key_file_provider(dir / "store.key"));
    auto same = must(confidant::make_key_file_provider(dir / "store.key", false));
    auto other = must(confidant::make_key_file_provider(dir / "other.key"));
    return {"key-file", std::move(primary), std::move(same), std::move(other), confidant::crypto::kWrappedKeyBytes};
  }
  REQUIRE(which == "passphrase");
  return {"passphrase", confidant::make_passphrase_key_provider("correct horse", kFastParams),
          confidant::make_passphrase_key_provider("correct horse", kFastParams),
          confidant::make_passphrase_key_provider("correct horsf", kFastParams), kPassphraseBlobBytes};
}

}  // namespace

// ---------------------------------------------------------------------------
// Behaviour every shipped provider must have.

TEST_CASE("every provider round-trips the data key, also through a second instance", "[key_provider]") {
  const std::string which = GENERATE(as<std::string>{}, "memory", "key-file", "passphrase");
  INFO("provider: " << which);
  TempDir dir;
  ProviderSet set = make_set(which, dir);
  REQUIRE(set.primary->kind() == set.kind);

  const Key data_key = random_key();
  const Bytes context = bytes_of("store-id-0123456789abcdef");
  const Bytes wrapped = must_wrap(*set.primary, data_key, context);
  CHECK(wrapped.size() == set.wrapped_size);

  // The data key is never stored in the clear.
  CHECK(std::search(wrapped.begin(), wrapped.end(), data_key.begin(), data_key.end()) == wrapped.end());

  const Unwrapped same = try_unwrap(*set.primary, wrapped, context);
  INFO(same.status.to_string());
  REQUIRE(same.status.is_ok());
  CHECK(same.key == data_key);

  const Unwrapped other_instance = try_unwrap(*set.same_key, wrapped, context);
  INFO(other_instance.status.to_string());
  REQUIRE(other_instance.status.is_ok());
  CHECK(other_instance.key == data_key);
}

TEST_CASE("every provider refuses a key wrapped under other key material and leaves no key bytes",
          "[key_provider]") {
  const std::string which = GENERATE(as<std::string>{}, "memory", "key-file", "passphrase");
  INFO("provider: " << which);
  TempDir dir;
  ProviderSet set = make_set(which, dir);

  const Key data_key = random_key();
  const Bytes context = bytes_of("store-A");
  const Bytes wrapped = must_wrap(*set.primary, data_key, context);

  const Unwrapped result = try_unwrap(*set.other_key, wrapped, context);
  CHECK(result.status.code() == ErrorCode::kWrongKey);
  CHECK_FALSE(result.status.message().empty());
  CHECK(all_zero(result.key));

  // And the other way round.
  const Bytes wrapped_by_other = must_wrap(*set.other_key, data_key, context);
  const Unwrapped reverse = try_unwrap(*set.primary, wrapped_by_other, context);
  CHECK(reverse.status.code() == ErrorCode::kWrongKey);
  CHECK(all_zero(reverse.key));
}

TEST_CASE("every provider binds the context: a wrapped key does not unwrap for another store", "[key_provider]") {
  const std::string which = GENERATE(as<std::string>{}, "memory", "key-file", "passphrase");
  INFO("provider: " << which);
  TempDir dir;
  ProviderSet set = make_set(which, dir);

  const Key data_key = random_key();
  const Bytes context = bytes_of("store-0001");
  const Bytes wrapped = must_wrap(*set.primary, data_key, context);

  const std::vector<Bytes> other_contexts = {
      bytes_of("store-0002"),   // same length, last byte differs
      bytes_of("store-000"),    // prefix
      bytes_of("store-00010"),  // extension
      Bytes{},                  // empty
      bytes_of("STORE-0001"),
  };
  for (const Bytes& other : other_contexts) {
    INFO("context: " << std::string(other.begin(), other.end()));
    const Unwrapped result = try_unwrap(*set.same_key, wrapped, other);
    CHECK(result.status.code() == ErrorCode::kWrongKey);
    CHECK(all_zero(result.key));
  }

  // The original context still works afterwards.
  const Unwrapped good = try_unwrap(*set.same_key, wrapped, context);
  REQUIRE(good.status.is_ok());
  CHECK(good.key == data_key);
}

TEST_CASE("every provider accepts an empty context and binds it too", "[key_provider]") {
  const std::string which = GENERATE(as<std::string>{}, "memory", "key-file", "passphrase");
  INFO("provider: " << which);
  TempDir dir;
  ProviderSet set = make_set(which, dir);

  const Key data_key = random_key();
  const Bytes wrapped = must_wrap(*set.primary, data_key, Bytes{});
  const Unwrapped good = try_unwrap(*set.primary, wrapped, Bytes{});
  REQUIRE(good.status.is_ok());
  CHECK(good.key == data_key);
  CHECK(try_unwrap(*set.primary, wrapped, Bytes{0}).status.code() == ErrorCode::kWrongKey);
}

TEST_CASE("every provider rejects a wrapped key with any byte altered", "[key_provider]") {
  const std::string which = GENERATE(as<std::string>{}, "memory", "key-file", "passphrase");
  INFO("provider: " << which);
  TempDir dir;
  ProviderSet set = make_set(which, dir);

  const Key data_key = random_key();
  const Bytes context = bytes_of("store-flip");
  const Bytes wrapped = must_wrap(*set.primary, data_key, context);

  for (const std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
    for (std::size_t i = 0; i < wrapped.size(); ++i) {
      Bytes tampered = wrapped;
      tampered[i] ^= mask;
      const Unwrapped result = try_unwrap(*set.primary, tampered, context);
      INFO("byte " << i << " xor " << int{mask} << ": " << result.status.to_string());
      CHECK_FALSE(result.status.is_ok());
      CHECK(result.key != data_key);
      if (result.status.code() == ErrorCode::kWrongKey) CHECK(all_zero(result.key));
    }
  }

  // Nothing was damaged by the attempts.
  const Unwrapped good = try_unwrap(*set.primary, wrapped, context);
  REQUIRE(good.status.is_ok());
  CHECK(good.key == data_key);
}

TEST_CASE("every provider rejects truncated, extended and empty wrapped keys without crashing", "[key_provider]") {
  const std::string which = GENERATE(as<std::string>{}, "memory", "key-file", "passphrase");
  INFO("provider: " << which);
  TempDir dir;
  ProviderSet set = make_set(which, dir);

  const Key data_key = random_key();
  const Bytes context = bytes_of("store-len");
  const Bytes wrapped = must_wrap(*set.primary, data_key, context);

  Bytes truncated(wrapped.begin(), wrapped.end() - 1);
  Bytes extended = wrapped;
  extended.push_back(0);
  const std::vector<Bytes> malformed = {truncated, extended, Bytes{}, Bytes(wrapped.begin(), wrapped.begin() + 1)};
  for (const Bytes& blob : malformed) {
    INFO("size " << blob.size());
    const Unwrapped result = try_unwrap(*set.primary, blob, context);
    CHECK_FALSE(result.status.is_ok());
    CHECK(result.key != data_key);
  }
}

TEST_CASE("every provider draws fresh randomness per wrap", "[key_provider]") {
  const std::string which = GENERATE(as<std::string>{}, "memory", "key-file", "passphrase");
  INFO("provider: " << which);
  TempDir dir;
  ProviderSet set = make_set(which, dir);

  const Key data_key = random_key();
  const Bytes context = bytes_of("store-twice");
  const Bytes first = must_wrap(*set.primary, data_key, context);
  const Bytes second = must_wrap(*set.primary, data_key, context);
  REQUIRE(first.size() == second.size());
  CHECK(first != second);

  // The nonce (or, for the passphrase, salt and nonce) differs, not just the tail.
  const std::size_t nonce_offset = which == "passphrase" ? kPassphraseHeaderBytes : 0;
  CHECK_FALSE(std::equal(first.begin() + nonce_offset, first.begin() + nonce_offset + 24,
                         second.begin() + nonce_offset));
  if (which == "passphrase") {
    CHECK_FALSE(std::equal(first.begin() + kSaltOffset, first.begin() + kSaltOffset + kSaltBytes,
                           second.begin() + kSaltOffset));
  }

  for (const Bytes* blob : {&first, &second}) {
    const Unwrapped result = try_unwrap(*set.primary, *blob, context);
    REQUIRE(result.status.is_ok());
    CHECK(result.key == data_key);
  }
}

TEST_CASE("every provider wraps distinct data keys to distinct results", "[key_provider]") {
  const std::string which = GENERATE(as<std::string>{}, "memory", "key-file", "passphrase");
  INFO("provider: " << which);
  TempDir dir;
  ProviderSet set = make_set(which, dir);

  const Bytes context = bytes_of("store-keys");
  for (const Key& data_key : {filled_key(0x00), filled_key(0xFF), random_key()}) {
    const Bytes wrapped = must_wrap(*set.primary, data_key, context);
    const Unwrapped result = try_unwrap(*set.same_key, wrapped, context);
    REQUIRE(result.status.is_ok());
    CHECK(result.key == data_key);
  }
}

// ---------------------------------------------------------------------------
// Kind names and kind binding.

TEST_CASE("provider kinds are stable names", "[key_provider]") {
  TempDir dir;
  CHECK(confidant::make_in_memory_key_provider()->kind() == "memory");
  CHECK(must(confidant::make_key_file_provider(dir / "k"))->kind() == "key-file");
  CHECK(confidant::make_passphrase_key_provider("x", kFastParams)->kind() == "passphrase");
}

TEST_CASE("a wrapped key is bound to the provider kind, not only to the wrapping key", "[key_provider]") {
  TempDir dir;
  const Key wrapping = random_key();
  write_bytes(dir / "same.key", Bytes(wrapping.begin(), wrapping.end()));
  auto file_provider = must(confidant::make_key_file_provider(dir / "same.key", false));
  auto memory_provider = confidant::make_in_memory_key_provider(wrapping);

  const Key data_key = random_key();
  const Bytes context = bytes_of("store-kind");
  const Bytes from_file = must_wrap(*file_provider, data_key, context);
  const Bytes from_memory = must_wrap(*memory_provider, data_key, context);

  const Unwrapped a = try_unwrap(*memory_provider, from_file, context);
  CHECK(a.status.code() == ErrorCode::kWrongKey);
  CHECK(all_zero(a.key));
  const Unwrapped b = try_unwrap(*file_provider, from_memory, context);
  CHECK(b.status.code() == ErrorCode::kWrongKey);
  CHECK(all_zero(b.key));

  // The same check at the wrap layer itself.
  confidant::crypto::SecureKey secure;
  std::copy(wrapping.begin(), wrapping.end(), secure.bytes().begin());
  const Bytes raw = confidant::crypto::wrap_data_key(secure, "alpha", data_key, context);
  for (const std::string_view other_kind : {"omega", "alph", "alpha/", ""}) {  // same length first
    INFO("kind " << other_kind);
    Key out = filled_key(0xAA);
    CHECK(confidant::crypto::unwrap_data_key(secure, other_kind, raw, context, out).code() == ErrorCode::kWrongKey);
    CHECK(all_zero(out));
  }
  Key out = filled_key(0xAA);
  REQUIRE(confidant::crypto::unwrap_data_key(secure, "alpha", raw, context, out).is_ok());
  CHECK(out == data_key);
}

TEST_CASE("a passphrase provider refuses a blob made by another provider kind", "[key_provider][passphrase]") {
  auto memory_provider = confidant::make_in_memory_key_provider();
  auto passphrase_provider = confidant::make_passphrase_key_provider("pw", kFastParams);
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-x");

  const Unwrapped a = try_unwrap(*passphrase_provider, must_wrap(*memory_provider, data_key, context), context);
  CHECK_FALSE(a.status.is_ok());
  CHECK(a.key != data_key);

  const Unwrapped b = try_unwrap(*memory_provider, must_wrap(*passphrase_provider, data_key, context), context);
  CHECK(b.status.code() == ErrorCode::kInvalidArgument);  // wrong size for a plain wrapped key
  CHECK(b.key != data_key);
}

// ---------------------------------------------------------------------------
// In-memory provider.

TEST_CASE("in-memory providers made without a key each draw their own", "[key_provider][memory]") {
  auto first = confidant::make_in_memory_key_provider();
  auto second = confidant::make_in_memory_key_provider();
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-mem");
  const Unwrapped result = try_unwrap(*second, must_wrap(*first, data_key, context), context);
  CHECK(result.status.code() == ErrorCode::kWrongKey);
  CHECK(all_zero(result.key));
}

TEST_CASE("an in-memory provider copies the given wrapping key", "[key_provider][memory]") {
  Key wrapping = random_key();
  auto provider = confidant::make_in_memory_key_provider(wrapping);
  const Key original = wrapping;
  wrapping.fill(0);  // the caller may wipe its copy at once

  const Key data_key = random_key();
  const Bytes context = bytes_of("store-copy");
  const Bytes wrapped = must_wrap(*provider, data_key, context);
  const Unwrapped result = try_unwrap(*confidant::make_in_memory_key_provider(original), wrapped, context);
  REQUIRE(result.status.is_ok());
  CHECK(result.key == data_key);
}

TEST_CASE("an in-memory provider reports the size of a malformed wrapped key", "[key_provider][memory]") {
  auto provider = confidant::make_in_memory_key_provider();
  const Unwrapped result = try_unwrap(*provider, Bytes(10, 0), bytes_of("ctx"));
  CHECK(result.status.code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(result.status.message(), Catch::Contains("72") && Catch::Contains("10"));
}

// ---------------------------------------------------------------------------
// Key file provider.

TEST_CASE("a key file is created with mode 0600 and exactly 32 bytes", "[key_provider][key_file]") {
  TempDir dir;
  const fs::path path = dir / "new.key";
  REQUIRE_FALSE(fs::exists(path));
  auto provider = must(confidant::make_key_file_provider(path));

  REQUIRE(fs::is_regular_file(path));
  CHECK(fs::file_size(path) == kDataKeyBytes);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  const Bytes content = read_bytes(path);
  REQUIRE(content.size() == kDataKeyBytes);
  CHECK_FALSE(std::all_of(content.begin(), content.end(), [](std::uint8_t b) { return b == 0; }));
}

TEST_CASE("a key file is reused, not replaced, on the next construction", "[key_provider][key_file]") {
  TempDir dir;
  const fs::path path = dir / "reuse.key";
  auto first = must(confidant::make_key_file_provider(path));
  const Bytes before = read_bytes(path);

  const Key data_key = random_key();
  const Bytes context = bytes_of("store-reuse");
  const Bytes wrapped = must_wrap(*first, data_key, context);
  first.reset();

  for (const bool create : {true, false}) {
    INFO("create_if_missing " << create);
    auto again = must(confidant::make_key_file_provider(path, create));
    CHECK(read_bytes(path) == before);
    const Unwrapped result = try_unwrap(*again, wrapped, context);
    REQUIRE(result.status.is_ok());
    CHECK(result.key == data_key);
  }
}

TEST_CASE("the key file's content is the wrapping key", "[key_provider][key_file]") {
  TempDir dir;
  const Key wrapping = random_key();
  write_bytes(dir / "a.key", Bytes(wrapping.begin(), wrapping.end()));
  write_bytes(dir / "b.key", Bytes(wrapping.begin(), wrapping.end()));
  Key different = wrapping;
  different[31] ^= 1;
  write_bytes(dir / "c.key", Bytes(different.begin(), different.end()));

  auto a = must(confidant::make_key_file_provider(dir / "a.key", false));
  auto b = must(confidant::make_key_file_provider(dir / "b.key", false));
  auto c = must(confidant::make_key_file_provider(dir / "c.key", false));

  const Key data_key = random_key();
  const Bytes context = bytes_of("store-content");
  const Bytes wrapped = must_wrap(*a, data_key, context);
  const Unwrapped from_b = try_unwrap(*b, wrapped, context);
  REQUIRE(from_b.status.is_ok());
  CHECK(from_b.key == data_key);
  CHECK(try_unwrap(*c, wrapped, context).status.code() == ErrorCode::kWrongKey);
}

TEST_CASE("a key file of the wrong size is refused with a message naming it", "[key_provider][key_file]") {
  TempDir dir;
  const std::size_t size = GENERATE(std::size_t{0}, std::size_t{1}, std::size_t{31}, std::size_t{33},
                                    std::size_t{64}, std::size_t{4096});
  INFO("size " << size);
  const fs::path path = dir / ("bad-" + std::to_string(size) + ".key");
  const Bytes content(size, 0x5A);
  write_bytes(path, content);

  for (const bool create : {true, false}) {
    auto result = confidant::make_key_file_provider(path, create);
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.status().code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(result.status().message(), Catch::Contains(path.string()));
    // Never "repaired" by overwriting.
    CHECK(read_bytes(path) == content);
  }
}

TEST_CASE("a missing key file with create_if_missing=false is an I/O error and is not created",
          "[key_provider][key_file]") {
  TempDir dir;
  const fs::path path = dir / "absent.key";
  auto result = confidant::make_key_file_provider(path, false);
  REQUIRE_FALSE(result.is_ok());
  CHECK(result.status().code() == ErrorCode::kIo);
  CHECK_THAT(result.status().message(), Catch::Contains(path.string()));
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("a key file in a missing directory is an I/O error", "[key_provider][key_file]") {
  TempDir dir;
  const fs::path path = dir / "no-such-dir" / "k.key";
  auto result = confidant::make_key_file_provider(path, true);
  REQUIRE_FALSE(result.is_ok());
  CHECK(result.status().code() == ErrorCode::kIo);
  CHECK_THAT(result.status().message(), Catch::Contains(path.string()));
  CHECK_FALSE(fs::exists(path.parent_path()));
}

TEST_CASE("a directory where the key file should be is refused", "[key_provider][key_file]") {
  TempDir dir;
  const fs::path path = dir / "is-a-dir.key";
  fs::create_directory(path);
  for (const bool create : {true, false}) {
    auto result = confidant::make_key_file_provider(path, create);
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.status().code() == ErrorCode::kIo);
    CHECK_THAT(result.status().message(), Catch::Contains(path.string()));
  }
  CHECK(fs::is_directory(path));
}

// ---------------------------------------------------------------------------
// Passphrase provider.

TEST_CASE("passphrase defaults are libsodium's interactive level", "[key_provider][passphrase]") {
  const PassphraseParams defaults;
  CHECK(defaults.ops_limit == 2);
  CHECK(defaults.mem_limit == 64ull * 1024 * 1024);
}

TEST_CASE("a passphrase provider with the default parameters round-trips and records them",
          "[key_provider][passphrase][slow]") {
  auto provider = confidant::make_passphrase_key_provider("default cost");
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-defaults");
  const Bytes wrapped = must_wrap(*provider, data_key, context);
  REQUIRE(wrapped.size() == kPassphraseBlobBytes);
  CHECK(wrapped[0] == 1);
  CHECK(get_u64(wrapped, kOpsOffset) == 2);
  CHECK(get_u64(wrapped, kMemOffset) == 64ull << 20);

  // A cheap-parameter provider with the same passphrase opens it: the cost comes from the blob.
  auto cheap = confidant::make_passphrase_key_provider("default cost", kFastParams);
  const Unwrapped result = try_unwrap(*cheap, wrapped, context);
  REQUIRE(result.status.is_ok());
  CHECK(result.key == data_key);
}

TEST_CASE("passphrase parameters travel with the wrapped key", "[key_provider][passphrase]") {
  auto writer = confidant::make_passphrase_key_provider("swordfish", kFastParams);
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-params");
  const Bytes wrapped = must_wrap(*writer, data_key, context);
  CHECK(wrapped[0] == 1);
  CHECK(get_u64(wrapped, kOpsOffset) == kFastParams.ops_limit);
  CHECK(get_u64(wrapped, kMemOffset) == kFastParams.mem_limit);

  // Readers built with other costs (including out-of-range ones) still open it.
  const PassphraseParams reader_params =
      GENERATE(PassphraseParams{}, PassphraseParams{3, 16ull << 20}, PassphraseParams{0, 0},
               PassphraseParams{~0ull, ~0ull});
  INFO("reader ops " << reader_params.ops_limit << " mem " << reader_params.mem_limit);
  auto reader = confidant::make_passphrase_key_provider("swordfish", reader_params);
  const Unwrapped result = try_unwrap(*reader, wrapped, context);
  INFO(result.status.to_string());
  REQUIRE(result.status.is_ok());
  CHECK(result.key == data_key);
}

TEST_CASE("a blob whose recorded cost changed no longer unwraps", "[key_provider][passphrase]") {
  auto provider = confidant::make_passphrase_key_provider("swordfish", kFastParams);
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-cost");
  const Bytes wrapped = must_wrap(*provider, data_key, context);

  Bytes more_ops = wrapped;
  put_u64(more_ops, kOpsOffset, 2);
  Bytes more_mem = wrapped;
  put_u64(more_mem, kMemOffset, 9ull << 20);
  for (const Bytes* blob : {&more_ops, &more_mem}) {
    const Unwrapped result = try_unwrap(*provider, *blob, context);
    CHECK(result.status.code() == ErrorCode::kWrongKey);
    CHECK(all_zero(result.key));
  }
}

TEST_CASE("a wrong passphrase gives kWrongKey and no key bytes", "[key_provider][passphrase]") {
  auto right = confidant::make_passphrase_key_provider("open sesame", kFastParams);
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-pw");
  const Bytes wrapped = must_wrap(*right, data_key, context);

  for (const std::string& wrong : {std::string("open sesamE"), std::string("open sesame "), std::string("open"),
                                  std::string(), std::string("open sesame\0", 12)}) {
    INFO("passphrase size " << wrong.size());
    auto provider = confidant::make_passphrase_key_provider(wrong, kFastParams);
    const Unwrapped result = try_unwrap(*provider, wrapped, context);
    CHECK(result.status.code() == ErrorCode::kWrongKey);
    CHECK(all_zero(result.key));
  }
}

TEST_CASE("every byte of a passphrase counts, including bytes after a NUL", "[key_provider][passphrase]") {
  const std::string with_nul("pass\0word", 9);
  auto writer = confidant::make_passphrase_key_provider(with_nul, kFastParams);
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-nul");
  const Bytes wrapped = must_wrap(*writer, data_key, context);

  const Unwrapped same = try_unwrap(*confidant::make_passphrase_key_provider(with_nul, kFastParams), wrapped, context);
  REQUIRE(same.status.is_ok());
  CHECK(same.key == data_key);

  for (const std::string& other : {std::string("pass"), std::string("pass\0wore", 9)}) {
    const Unwrapped result =
        try_unwrap(*confidant::make_passphrase_key_provider(other, kFastParams), wrapped, context);
    CHECK(result.status.code() == ErrorCode::kWrongKey);
  }
}

TEST_CASE("an empty passphrase still works as a passphrase", "[key_provider][passphrase]") {
  auto provider = confidant::make_passphrase_key_provider("", kFastParams);
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-empty-pw");
  const Bytes wrapped = must_wrap(*provider, data_key, context);
  const Unwrapped result = try_unwrap(*provider, wrapped, context);
  REQUIRE(result.status.is_ok());
  CHECK(result.key == data_key);
}

TEST_CASE("out-of-range costs in a tampered blob are refused before any hashing", "[key_provider][passphrase]") {
  auto provider = confidant::make_passphrase_key_provider("swordfish", kFastParams);
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-tamper");
  const Bytes wrapped = must_wrap(*provider, data_key, context);

  struct Case {
    std::uint64_t ops;
    std::uint64_t mem;
    const char* field;
  };
  // Huge values would take hours (ops) or fail to allocate with kIo (mem) if
  // they reached Argon2, so a fast kInvalidArgument shows they were refused first.
  const Case cases[] = {
      {0, 8ull << 20, "ops_limit"},
      {65, 8ull << 20, "ops_limit"},
      {1ull << 40, 8ull << 20, "ops_limit"},
      {~0ull, 8ull << 20, "ops_limit"},
      {1, 0, "mem_limit"},
      {1, 8191, "mem_limit"},
      {1, (1ull << 30) + 1, "mem_limit"},
      {1, 1ull << 62, "mem_limit"},
      {1, ~0ull, "mem_limit"},
  };
  for (const Case& c : cases) {
    INFO("ops " << c.ops << " mem " << c.mem);
    Bytes tampered = wrapped;
    put_u64(tampered, kOpsOffset, c.ops);
    put_u64(tampered, kMemOffset, c.mem);
    const auto start = std::chrono::steady_clock::now();
    const Unwrapped result = try_unwrap(*provider, tampered, context);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(result.status.code() == ErrorCode::kInvalidArgument);
    const std::uint64_t bad_value = std::string_view(c.field) == "ops_limit" ? c.ops : c.mem;
    CHECK_THAT(result.status.message(), Catch::Contains(c.field) && Catch::Contains(std::to_string(bad_value)));
    CHECK(result.key != data_key);
    CHECK(elapsed < std::chrono::milliseconds(500));
  }
}

// libsodium's crypto_pwhash uses mem_limit / 1024 (KiB), so changing the low
// 10 bits of the recorded mem_limit would leave the derived key unchanged: the
// header must be bound into the wrapping for this to fail.
TEST_CASE("a passphrase blob with any bit of its recorded mem_limit altered does not unwrap",
          "[key_provider][passphrase]") {
  auto provider = confidant::make_passphrase_key_provider("swordfish", kFastParams);
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-mem-bits");
  const Bytes wrapped = must_wrap(*provider, data_key, context);

  for (std::size_t bit = 0; bit < 64; ++bit) {
    Bytes tampered = wrapped;
    tampered[kMemOffset + bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    const Unwrapped result = try_unwrap(*provider, tampered, context);
    INFO("mem_limit bit " << bit << " -> " << get_u64(tampered, kMemOffset) << ": " << result.status.to_string());
    CHECK_FALSE(result.status.is_ok());
    CHECK(result.key != data_key);
  }
}

TEST_CASE("a passphrase provider with out-of-range costs refuses to wrap", "[key_provider][passphrase]") {
  const PassphraseParams params = GENERATE(PassphraseParams{0, 8ull << 20}, PassphraseParams{65, 8ull << 20},
                                           PassphraseParams{1, 1024}, PassphraseParams{1, 1ull << 40});
  INFO("ops " << params.ops_limit << " mem " << params.mem_limit);
  auto provider = confidant::make_passphrase_key_provider("pw", params);
  auto wrapped = provider->wrap(random_key(), bytes_of("ctx"));
  REQUIRE_FALSE(wrapped.is_ok());
  CHECK(wrapped.status().code() == ErrorCode::kInvalidArgument);
}

TEST_CASE("an unknown passphrase blob version is unsupported", "[key_provider][passphrase]") {
  auto provider = confidant::make_passphrase_key_provider("pw", kFastParams);
  const Key data_key = random_key();
  const Bytes context = bytes_of("store-version");
  const Bytes wrapped = must_wrap(*provider, data_key, context);
  for (const std::uint8_t version : {std::uint8_t{0}, std::uint8_t{2}, std::uint8_t{0xFF}}) {
    Bytes tampered = wrapped;
    tampered[0] = version;
    const Unwrapped result = try_unwrap(*provider, tampered, context);
    CHECK(result.status.code() == ErrorCode::kUnsupported);
    CHECK(result.key != data_key);
  }
}

// Tests for the AEAD primitive (XChaCha20-Poly1305, detached tag), subkey
// derivation and SecureKey, which every wrapped key, page and log record uses.
#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include "crypto/aead.hpp"
#include "crypto/secure_key.hpp"

using confidant::crypto::derive_subkey;
using confidant::crypto::kNonceBytes;
using confidant::crypto::kSealOverhead;
using confidant::crypto::kTagBytes;
using confidant::crypto::open_in_place;
using confidant::crypto::random_nonce;
using confidant::crypto::seal_in_place;
using confidant::crypto::SecureKey;

namespace {

using Bytes = std::vector<std::uint8_t>;
using Nonce = std::array<std::uint8_t, kNonceBytes>;
using Tag = std::array<std::uint8_t, kTagBytes>;
using KeyBytes = std::array<std::uint8_t, SecureKey::kBytes>;

Bytes bytes_of(std::string_view text) { return Bytes(text.begin(), text.end()); }

KeyBytes copy_of(const SecureKey& key) {
  KeyBytes out{};
  std::copy(key.bytes().begin(), key.bytes().end(), out.begin());
  return out;
}

SecureKey key_from(const KeyBytes& bytes) {
  SecureKey key;
  std::copy(bytes.begin(), bytes.end(), key.bytes().begin());
  return key;
}

Nonce fresh_nonce() {
  Nonce nonce{};
  random_nonce(nonce);
  return nonce;
}

struct Sealed {
  Nonce nonce;
  Bytes text;
  Tag tag;
};

Sealed seal(const SecureKey& key, const Bytes& plain, const Bytes& associated) {
  Sealed s{fresh_nonce(), plain, {}};
  seal_in_place(key, s.nonce, associated, s.text, s.tag);
  return s;
}

bool open(const SecureKey& key, const Sealed& sealed, const Bytes& associated, Bytes& plain_out) {
  plain_out = sealed.text;
  return open_in_place(key, sealed.nonce, associated, plain_out, sealed.tag);
}

}  // namespace

TEST_CASE("AEAD sizes match XChaCha20-Poly1305", "[aead]") {
  CHECK(kNonceBytes == 24);
  CHECK(kTagBytes == 16);
  CHECK(kSealOverhead == 40);
  CHECK(SecureKey::kBytes == 32);
}

TEST_CASE("seal then open returns the plaintext, the ciphertext hides it", "[aead]") {
  const SecureKey key = SecureKey::random();
  const std::size_t size = GENERATE(std::size_t{0}, std::size_t{1}, std::size_t{63}, std::size_t{4096});
  INFO("size " << size);
  Bytes plain(size);
  for (std::size_t i = 0; i < size; ++i) plain[i] = static_cast<std::uint8_t>(i * 7 + 3);
  const Bytes associated = bytes_of("page 17 of store abc");

  const Sealed sealed = seal(key, plain, associated);
  REQUIRE(sealed.text.size() == plain.size());
  if (size >= 16) CHECK(sealed.text != plain);

  Bytes opened;
  REQUIRE(open(key, sealed, associated, opened));
  CHECK(opened == plain);
}

TEST_CASE("sealing the same plaintext twice with fresh nonces gives different ciphertexts", "[aead]") {
  const SecureKey key = SecureKey::random();
  const Bytes plain(64, 0x42);
  const Sealed a = seal(key, plain, {});
  const Sealed b = seal(key, plain, {});
  CHECK(a.nonce != b.nonce);
  CHECK(a.text != b.text);
  CHECK(a.tag != b.tag);
}

TEST_CASE("random_nonce does not repeat", "[aead]") {
  std::set<Nonce> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(fresh_nonce());
  CHECK(seen.size() == 1000);
}

// The nonce a forked child draws first, here and now.
Nonce child_first_nonce() {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const Nonce drawn = fresh_nonce();
    const bool sent = ::write(pipe_fds[1], drawn.data(), drawn.size()) == static_cast<ssize_t>(drawn.size());
    ::_exit(sent ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  Nonce from_child{};
  const ssize_t got = ::read(pipe_fds[0], from_child.data(), from_child.size());
  ::close(pipe_fds[0]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(got == static_cast<ssize_t>(from_child.size()));
  CHECK(WIFEXITED(status));
  return from_child;
}

TEST_CASE("random_nonce: a forked child never draws the parent's pooled nonces", "[aead]") {
  // Unspent nonces wait in the parent's pool; without the fork handler a
  // child would draw the very nonce the parent draws next, and both would
  // write with the same key and nonce. Children forked at two pool
  // positions one draw apart: at most one of them can fall where the pool
  // is used up (where a child refills whether or not the handler ran).
  (void)fresh_nonce();
  const Nonce first_child = child_first_nonce();
  std::set<Nonce> parent_next = {fresh_nonce()};
  const Nonce second_child = child_first_nonce();
  for (int i = 0; i < 128; ++i) parent_next.insert(fresh_nonce());
  CHECK(parent_next.count(first_child) == 0);
  CHECK(parent_next.count(second_child) == 0);
  CHECK(first_child != second_child);
}

TEST_CASE("random_nonce: every thread draws its own nonces", "[aead]") {
  std::vector<Nonce> a(500), b(500);
  std::thread other([&b] {
    for (Nonce& n : b) n = fresh_nonce();
  });
  for (Nonce& n : a) n = fresh_nonce();
  other.join();
  std::set<Nonce> seen(a.begin(), a.end());
  seen.insert(b.begin(), b.end());
  CHECK(seen.size() == 1000);
}

TEST_CASE("open fails when the associated data differs", "[aead]") {
  const SecureKey key = SecureKey::random();
  const Bytes plain = bytes_of("secret page");
  const Bytes associated = bytes_of("page 1");
  const Sealed sealed = seal(key, plain, associated);

  for (const Bytes& other : {bytes_of("page 2"), bytes_of("page 1 "), bytes_of("page "), Bytes{}}) {
    INFO("associated: " << std::string(other.begin(), other.end()));
    Bytes opened;
    CHECK_FALSE(open(key, sealed, other, opened));
  }
  Bytes opened;
  REQUIRE(open(key, sealed, associated, opened));
  CHECK(opened == plain);
}

TEST_CASE("empty associated data is bound too", "[aead]") {
  const SecureKey key = SecureKey::random();
  const Sealed sealed = seal(key, bytes_of("x"), {});
  Bytes opened;
  CHECK_FALSE(open(key, sealed, Bytes{0}, opened));
  REQUIRE(open(key, sealed, {}, opened));
  CHECK(opened == bytes_of("x"));
}

TEST_CASE("an empty message still authenticates its associated data", "[aead]") {
  const SecureKey key = SecureKey::random();
  const Sealed sealed = seal(key, {}, bytes_of("header"));
  Bytes opened;
  CHECK(open(key, sealed, bytes_of("header"), opened));
  CHECK_FALSE(open(key, sealed, bytes_of("headeR"), opened));
}

TEST_CASE("open fails with another key", "[aead]") {
  const SecureKey key = SecureKey::random();
  const SecureKey other = SecureKey::random();
  const Sealed sealed = seal(key, bytes_of("secret"), bytes_of("ad"));
  Bytes opened;
  CHECK_FALSE(open(other, sealed, bytes_of("ad"), opened));
}

TEST_CASE("open fails when any bit of nonce, ciphertext or tag is flipped", "[aead]") {
  const SecureKey key = SecureKey::random();
  const Bytes associated = bytes_of("ad");
  const Sealed sealed = seal(key, bytes_of("sixteen byte msg"), associated);

  auto check_all_bits = [&](auto member, std::size_t size, const char* what) {
    for (std::size_t bit = 0; bit < size * 8; ++bit) {
      Sealed tampered = sealed;
      (tampered.*member)[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
      Bytes opened;
      INFO(what << " bit " << bit);
      CHECK_FALSE(open(key, tampered, associated, opened));
    }
  };
  check_all_bits(&Sealed::nonce, kNonceBytes, "nonce");
  check_all_bits(&Sealed::text, sealed.text.size(), "text");
  check_all_bits(&Sealed::tag, kTagBytes, "tag");

  Bytes opened;
  CHECK(open(key, sealed, associated, opened));
}

TEST_CASE("derive_subkey is deterministic", "[aead][kdf]") {
  const SecureKey master = SecureKey::random();
  CHECK(copy_of(derive_subkey(master, 1, "cfdstore")) == copy_of(derive_subkey(master, 1, "cfdstore")));

  // Depends only on the master's bytes, not on the object.
  const SecureKey same_master = key_from(copy_of(master));
  CHECK(copy_of(derive_subkey(master, 7, "cfdstore")) == copy_of(derive_subkey(same_master, 7, "cfdstore")));
}

TEST_CASE("derive_subkey gives unrelated keys for different ids, contexts and masters", "[aead][kdf]") {
  const SecureKey master = SecureKey::random();
  std::set<KeyBytes> keys;
  keys.insert(copy_of(master));
  for (const std::uint64_t id : {0ull, 1ull, 2ull, 255ull, 256ull, 1ull << 32, ~0ull}) {
    keys.insert(copy_of(derive_subkey(master, id, "cfdstore")));
    keys.insert(copy_of(derive_subkey(master, id, "cfdlog__")));
  }
  keys.insert(copy_of(derive_subkey(SecureKey::random(), 1, "cfdstore")));
  CHECK(keys.size() == 1 + 7 * 2 + 1);
}

TEST_CASE("a subkey seals independently of its master", "[aead][kdf]") {
  const SecureKey master = SecureKey::random();
  const SecureKey pages = derive_subkey(master, 1, "cfdstore");
  const SecureKey logs = derive_subkey(master, 2, "cfdstore");
  const Sealed sealed = seal(pages, bytes_of("page"), {});
  Bytes opened;
  CHECK(open(pages, sealed, {}, opened));
  CHECK_FALSE(open(logs, sealed, {}, opened));
  CHECK_FALSE(open(master, sealed, {}, opened));
}

TEST_CASE("SecureKey starts zeroed, random keys differ, and moves carry the bytes", "[aead][secure_key]") {
  const SecureKey zero;
  CHECK(copy_of(zero) == KeyBytes{});

  SecureKey a = SecureKey::random();
  const SecureKey b = SecureKey::random();
  CHECK(copy_of(a) != copy_of(b));
  CHECK(copy_of(a) != KeyBytes{});

  const KeyBytes a_bytes = copy_of(a);
  SecureKey moved(std::move(a));
  CHECK(copy_of(moved) == a_bytes);

  SecureKey assigned;
  assigned = std::move(moved);
  CHECK(copy_of(assigned) == a_bytes);

  // Self-move-assignment keeps the key.
  SecureKey& alias = assigned;
  assigned = std::move(alias);
  CHECK(copy_of(assigned) == a_bytes);
}

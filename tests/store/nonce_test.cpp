// Page nonces are drawn fresh for every write: none repeats across 10^6 page
// writes, and rewriting the same page with the same bytes changes its nonce.
#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include <catch2/catch.hpp>

#include "crypto/secure_key.hpp"
#include "store/file_layout.hpp"
#include "store/page_codec.hpp"

using namespace confidant;
using namespace confidant::store;

namespace {
constexpr std::size_t kNonceAt = layout::kPageSize - layout::kReserveBytes;
using Nonce = std::array<std::uint8_t, 24>;

StoreKeys test_keys() {
  layout::StoreId id{};
  id.fill(7);
  return StoreKeys::from_data_key(id, crypto::SecureKey::random());
}
}  // namespace

TEST_CASE("no page nonce repeats across a million page writes") {
  const StoreKeys keys = test_keys();
  std::vector<std::uint8_t> plain(layout::kPageSize, 0x5a), sealed(layout::kPageSize);
  constexpr std::size_t kWrites = 1'000'000;
  std::vector<Nonce> nonces(kWrites);
  for (std::size_t i = 0; i < kWrites; ++i) {
    // The same page number and content every time: only the nonce can differ.
    seal_page(keys, 1, plain.data(), sealed.data());
    std::memcpy(nonces[i].data(), sealed.data() + kNonceAt, nonces[i].size());
  }
  std::sort(nonces.begin(), nonces.end());
  const auto repeat = std::adjacent_find(nonces.begin(), nonces.end());
  CHECK(repeat == nonces.end());
}

TEST_CASE("the same page written twice has different ciphertext, and both open") {
  const StoreKeys keys = test_keys();
  std::vector<std::uint8_t> plain(layout::kPageSize), a(layout::kPageSize), b(layout::kPageSize);
  for (std::size_t i = 0; i < plain.size(); ++i) plain[i] = static_cast<std::uint8_t>(i * 31);
  std::fill(plain.end() - layout::kReserveBytes, plain.end(), 0);
  seal_page(keys, 9, plain.data(), a.data());
  seal_page(keys, 9, plain.data(), b.data());
  CHECK(a != b);
  REQUIRE(open_page(keys, 9, a.data()));
  REQUIRE(open_page(keys, 9, b.data()));
  CHECK(a == plain);
  CHECK(b == plain);
}

TEST_CASE("a sealed page opens only as the page number it was sealed for") {
  const StoreKeys keys = test_keys();
  std::vector<std::uint8_t> plain(layout::kPageSize, 1), sealed(layout::kPageSize);
  seal_page(keys, 3, plain.data(), sealed.data());
  auto moved = sealed;
  CHECK_FALSE(open_page(keys, 4, moved.data()));
  CHECK(open_page(keys, 3, sealed.data()));
}

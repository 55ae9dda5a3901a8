#include "store/page_codec.hpp"

#include <cstring>
#include <span>

#include "crypto/aead.hpp"

namespace confidant::store {
namespace {
constexpr std::size_t kSealed = layout::kPageSize - layout::kReserveBytes;
static_assert(layout::kReserveBytes == crypto::kSealOverhead);
}  // namespace

void seal_page(const StoreKeys& keys, std::uint64_t pgno, const std::uint8_t* plain, std::uint8_t* out) {
  std::memcpy(out, plain, kSealed);
  const auto nonce = std::span<std::uint8_t, crypto::kNonceBytes>(out + kSealed, crypto::kNonceBytes);
  const auto tag = std::span<std::uint8_t, crypto::kTagBytes>(out + kSealed + crypto::kNonceBytes, crypto::kTagBytes);
  crypto::random_nonce(nonce);
  crypto::seal_in_place(keys.page_key, nonce, layout::unit_ad(keys.id, layout::FileKind::kDatabase, pgno),
                        std::span(out, kSealed), tag);
}

bool open_page(const StoreKeys& keys, std::uint64_t pgno, std::uint8_t* page) {
  const auto nonce = std::span<const std::uint8_t, crypto::kNonceBytes>(page + kSealed, crypto::kNonceBytes);
  const auto tag =
      std::span<const std::uint8_t, crypto::kTagBytes>(page + kSealed + crypto::kNonceBytes, crypto::kTagBytes);
  if (!crypto::open_in_place(keys.page_key, nonce, layout::unit_ad(keys.id, layout::FileKind::kDatabase, pgno),
                             std::span(page, kSealed), tag)) {
    return false;
  }
  std::memset(page + kSealed, 0, layout::kReserveBytes);
  return true;
}

}  // namespace confidant::store

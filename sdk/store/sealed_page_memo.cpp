#include "store/sealed_page_memo.hpp"

#include <cstring>

#include "crypto/bytes.hpp"
#include "store/file_layout.hpp"

namespace confidant::store {
namespace {
constexpr std::size_t kSealed = layout::kPageSize - layout::kReserveBytes;
}  // namespace

SealedPageMemo::SealedPageMemo() : sealed_(layout::kPageSize), plain_(layout::kPageSize) {}

SealedPageMemo::~SealedPageMemo() { crypto::wipe(plain_); }

void SealedPageMemo::remember(std::uint64_t pgno, const std::uint8_t* sealed, const std::uint8_t* plain) {
  pgno_ = pgno;
  std::memcpy(sealed_.data(), sealed, layout::kPageSize);
  std::memcpy(plain_.data(), plain, kSealed);
}

const std::uint8_t* SealedPageMemo::find(std::uint64_t pgno, const std::uint8_t* plain) const {
  // The reserve is not compared: it is not part of what is sealed.
  if (pgno_ == 0 || pgno != pgno_ || std::memcmp(plain_.data(), plain, kSealed) != 0) return nullptr;
  return sealed_.data();
}

}  // namespace confidant::store

// SealedPageMemo: lets a checkpoint copy a page from the WAL into the database
// file without sealing it a second time.
#pragma once

#include <cstdint>
#include <vector>

namespace confidant::store {

// The last page opened from the WAL, sealed and in the clear. A checkpoint
// reads a page from the WAL and writes the same bytes to the database file: the
// database write finds the sealed form here instead of sealing it again (the
// same nonce for the same bytes under the same key and associated data gives
// the same ciphertext, so nothing is learned from the reuse).
class SealedPageMemo {
 public:
  SealedPageMemo();
  ~SealedPageMemo();
  SealedPageMemo(const SealedPageMemo&) = delete;
  SealedPageMemo& operator=(const SealedPageMemo&) = delete;

  void remember(std::uint64_t pgno, const std::uint8_t* sealed, const std::uint8_t* plain);
  // The sealed form of page `pgno` holding `plain`, or nullptr.
  const std::uint8_t* find(std::uint64_t pgno, const std::uint8_t* plain) const;

 private:
  std::uint64_t pgno_ = 0;  // 0: empty
  std::vector<std::uint8_t> sealed_, plain_;
};

}  // namespace confidant::store

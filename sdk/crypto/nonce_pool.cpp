#include "crypto/nonce_pool.hpp"

#include <pthread.h>
#include <sodium.h>

#include <array>
#include <atomic>
#include <cstring>

namespace confidant::crypto {
namespace {

constexpr std::size_t kNoncesPerBatch = 64;

// Bumped in every forked child: a pool filled under another generation
// belongs to the parent and is thrown away unspent.
std::atomic<std::uint64_t> g_generation{1};

void forked_child() noexcept { g_generation.fetch_add(1, std::memory_order_relaxed); }

std::uint64_t current_generation() noexcept {
  // Registered once, on first use, before any nonce is handed out.
  static const bool registered = pthread_atfork(nullptr, nullptr, forked_child) == 0;
  if (!registered) return 0;  // 0 never matches a filled pool: every draw refills (unbatched, still safe)
  return g_generation.load(std::memory_order_relaxed);
}

struct Pool {
  std::array<std::uint8_t, kNoncesPerBatch * kNonceBytes> bytes{};
  std::size_t next = kNoncesPerBatch;  // spent: fill before the first draw
  std::uint64_t generation = 0;
};

thread_local Pool t_pool;

}  // namespace

void next_pooled_nonce(std::span<std::uint8_t, kNonceBytes> nonce) noexcept {
  Pool& pool = t_pool;
  const std::uint64_t generation = current_generation();
  if (pool.next == kNoncesPerBatch || pool.generation != generation || generation == 0) {
    randombytes_buf(pool.bytes.data(), pool.bytes.size());
    pool.next = 0;
    pool.generation = generation;
  }
  std::uint8_t* drawn = pool.bytes.data() + pool.next * kNonceBytes;
  std::memcpy(nonce.data(), drawn, kNonceBytes);
  // Handed out once: never left readable in the pool for a second draw.
  sodium_memzero(drawn, kNonceBytes);
  ++pool.next;
}

}  // namespace confidant::crypto

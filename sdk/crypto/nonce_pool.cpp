// random_nonce() (aead.hpp): nonces drawn from the OS random source in batches.
//
// Every page and WAL frame written takes a fresh 24-byte nonce. libsodium
// asks the kernel for each (getrandom(2): a system call per page, a sixth of
// what sealing the page itself costs here). libsodium reads the kernel in
// 256-byte pieces, so the pool asks for the 10 nonces one piece holds and
// hands them out in turn: the same source, the same unpredictability, one
// call in 10. Nonces are public (each is stored beside its page), so an
// unspent batch needs no wiping; what matters is that none is handed out twice.
//
// A forked child would inherit the parent's unspent nonces and, writing with
// the same key, reuse them (fatal for a stream cipher: the XOR of two
// plaintexts leaks, and Poly1305 tags can be forged). So the pool is
// discarded in the child (pthread_atfork), before it draws anything. Should
// the handler not register, nonces are drawn one by one, unbatched. A child
// made without fork() (raw clone(2), glibc's _Fork) runs no handler: this
// SDK makes none, and a host app that does must not write to the store from it.
//
// Thread-safety: one pool per thread (thread_local).
#include <pthread.h>

#include <array>
#include <atomic>
#include <cstring>

#include "crypto/aead.hpp"
#include "crypto/bytes.hpp"

namespace confidant::crypto {
namespace {

constexpr std::size_t kOsRandomPiece = 256;  // libsodium's getrandom(2) request size
constexpr std::size_t kNoncesPerBatch = kOsRandomPiece / kNonceBytes;

// Bumped in every forked child: a pool filled under another generation
// belongs to the parent and is thrown away unspent.
std::atomic<std::uint64_t> g_generation{1};

void forked_child() noexcept { g_generation.fetch_add(1, std::memory_order_relaxed); }

// Registers the fork handler once, on first use, before any nonce is handed out.
bool fork_handler_registered() noexcept {
  static const bool registered = pthread_atfork(nullptr, nullptr, forked_child) == 0;
  return registered;
}

struct Pool {
  std::array<std::uint8_t, kNoncesPerBatch * kNonceBytes> bytes{};
  std::size_t next = kNoncesPerBatch;  // spent: fill before the first draw
  std::uint64_t generation = 0;
};

thread_local Pool t_pool;

}  // namespace

void random_nonce(std::span<std::uint8_t, kNonceBytes> nonce) noexcept {
  if (!fork_handler_registered()) {
    random_bytes(nonce);
    return;
  }
  Pool& pool = t_pool;
  const std::uint64_t generation = g_generation.load(std::memory_order_relaxed);
  if (pool.next == kNoncesPerBatch || pool.generation != generation) {
    random_bytes(pool.bytes);
    pool.next = 0;
    pool.generation = generation;
  }
  std::memcpy(nonce.data(), pool.bytes.data() + pool.next * kNonceBytes, kNonceBytes);
  ++pool.next;
}

}  // namespace confidant::crypto

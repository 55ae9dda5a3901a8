// Random nonces, drawn from the OS random source in batches.
//
// Every page and WAL frame written takes a fresh 24-byte nonce. libsodium
// asks the kernel for each (getrandom(2): a system call per page, a sixth
// of what sealing the page itself costs here). The pool asks once for 64
// nonces and hands them out in turn: the same source, the same
// unpredictability, one call in 64.
//
// A forked child would inherit the parent's unspent nonces and, writing
// with the same key, reuse them (fatal for a stream cipher: the XOR of two
// plaintexts leaks, and Poly1305 tags can be forged). So the pool is
// discarded in the child (pthread_atfork), before it draws anything.
//
// Thread-safety: one pool per thread (thread_local); next_pooled_nonce()
// may be called from any thread.
#pragma once

#include <cstdint>
#include <span>

#include "crypto/aead.hpp"

namespace confidant::crypto {

// Fills `nonce` with the next unused random nonce of this thread's pool.
void next_pooled_nonce(std::span<std::uint8_t, kNonceBytes> nonce) noexcept;

}  // namespace confidant::crypto

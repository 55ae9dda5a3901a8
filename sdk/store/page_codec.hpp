// How one database page is sealed: bytes [0, 4056) encrypted in place, then
// nonce (24) and tag (16) in the page's reserved bytes. The associated data
// binds the store id, the file kind and the page number, so a page moved,
// swapped or copied from another store does not authenticate.
#pragma once

#include <cstdint>

#include "store/store_context.hpp"

namespace confidant::store {

// Seals the 4096-byte page `plain` into `out` (may not alias) with a fresh nonce.
void seal_page(const StoreKeys& keys, std::uint64_t pgno, const std::uint8_t* plain, std::uint8_t* out);

// Opens the stored page in place; false when it does not authenticate. On
// success the reserved bytes read as zeros.
[[nodiscard]] bool open_page(const StoreKeys& keys, std::uint64_t pgno, std::uint8_t* page);

}  // namespace confidant::store

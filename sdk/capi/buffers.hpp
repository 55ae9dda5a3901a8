// Filling the caller's confidant_buffer with bytes the library owns.
//
// The bytes live in malloc'd memory (not a std::string the host cannot
// release) with a NUL after them, so JSON reads as a C string too.
//
// Thread-safety: touches only the buffer it is given.
#pragma once

#include <string_view>

#include "confidant/confidant.h"

namespace confidant::capi {

// Copies `bytes` into `out`; out of memory leaves `out` {NULL, 0} and
// returns an error. Does not release what `out` held.
confidant_error* fill_buffer(confidant_buffer* out, std::string_view bytes) noexcept;

}  // namespace confidant::capi

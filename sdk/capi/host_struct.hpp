// Host callback structs grow at their end (confidant.h, "Versioning"): the
// host says in `struct_size` how many bytes of the struct it knows, and what
// lies past them is absent. read_host_struct() copies what the host gave
// into a zeroed struct of this build's layout, never reading past either
// size, or refuses a size too small to hold the struct's required hooks.
//
// Thread-safety: pure function over the caller's memory.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>

#include "capi/errors.hpp"

namespace confidant::capi {

// `required`: the bytes up to the end of the last required hook
// (offsetof + sizeof). On success `out` holds the host's fields and NULL for
// every hook it did not know; on failure `out` is untouched and nothing
// beyond struct_size was read.
template <typename T>
confidant_error* read_host_struct(const T* given, std::size_t required, const char* name, T& out) {
  std::size_t size = 0;
  std::memcpy(&size, given, sizeof size);  // struct_size is the first field of every host struct
  if (size < required) {
    return make_error(ErrorCode::kInvalidArgument,
                      std::string(name) + ".struct_size: " + std::to_string(size) + " is too small (at least " +
                          std::to_string(required) + "; set it to sizeof the struct)");
  }
  T copy{};
  std::memcpy(static_cast<void*>(&copy), static_cast<const void*>(given), std::min(size, sizeof(T)));
  out = copy;
  return nullptr;
}

// The bytes of T up to the end of `member`.
#define CONFIDANT_REQUIRED_SIZE(T, member) (offsetof(T, member) + sizeof(T::member))

}  // namespace confidant::capi

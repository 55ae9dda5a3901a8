// numbered("c", 3) == "c3": names with a number in them, for test data.
//
// Built by appending to the prefix. The obvious "c" + std::to_string(3)
// prepends to a temporary, and GCC 12 at -O3 reports a false -Wrestrict
// (or -Wstringop-overflow) inside libstdc++'s insert when that is inlined.
//
// Thread-safety: a pure function.
#pragma once

#include <string>
#include <string_view>

namespace confidant::testing {

inline std::string numbered(std::string_view prefix, long long n) {
  std::string out(prefix);
  out += std::to_string(n);
  return out;
}

}  // namespace confidant::testing

// One field of a canonical form that is hashed: NAME ":" DECIMAL-BYTE-LENGTH
// ":" VALUE "\n". The length prefix keeps the form unambiguous whatever the
// value holds (newlines, colons). Ledger records (docs/consent.md, "Record
// hash") and a CMP's state ("The CMP's state") are written with it.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace confidant::consent {

inline void append_field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ':';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

}  // namespace confidant::consent

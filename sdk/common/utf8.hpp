// Strict UTF-8 decoding, shared by the layers that take text from callers:
// the signals layer (ids, paths, attribute keys and values, queries, the
// user's own words) and the consent layer (policy versions, JSON receipts).
//
// "Strict" is Unicode's definition of well-formed UTF-8 (Unicode 15, table
// 3-7; RFC 3629): no overlong forms (C0 80, E0 80 80 ...), no UTF-16
// surrogates (U+D800-U+DFFF, i.e. ED A0..BF ..), nothing past U+10FFFF
// (F4 90.., F5..FF), no stray continuation bytes, no truncated sequences.
// Anything looser would let two byte strings mean the same text, which breaks
// the store's equality of ids and paths, and let lone surrogates reach JSON
// exports.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace confidant::text {

// One step of decoding: the code point and how many bytes it took (1..4), or
// length 0 when the bytes at the offset do not start a well-formed sequence.
struct Utf8Step {
  char32_t code_point = 0;
  std::size_t length = 0;
};

// Decodes the sequence starting at text[offset]. Precondition: offset < size.
Utf8Step decode_utf8(std::string_view text, std::size_t offset) noexcept;

// The byte offset of the first byte that does not start a well-formed
// sequence, or std::string_view::npos when all of `text` is valid.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

inline bool is_valid_utf8(std::string_view text) noexcept {
  return find_invalid_utf8(text) == std::string_view::npos;
}

// C0 controls (U+0000-U+001F), DEL (U+007F) and C1 controls (U+0080-U+009F).
constexpr bool is_control(char32_t code_point) noexcept {
  return code_point < 0x20 || (code_point >= 0x7f && code_point <= 0x9f);
}

}  // namespace confidant::text

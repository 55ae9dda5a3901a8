#include "consent/json.hpp"

#include <cstdint>

namespace confidant::consent {
namespace {

// Length of the well-formed UTF-8 sequence at text[pos] (1-4), or 0 when the
// bytes there are not one. Follows the Unicode standard's table 3-7.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos, std::uint32_t& code_point) noexcept {
  const auto at = [&](std::size_t i) { return static_cast<std::uint8_t>(text[pos + i]); };
  const std::size_t left = text.size() - pos;
  const std::uint8_t b0 = at(0);
  if (b0 < 0x80) {
    code_point = b0;
    return 1;
  }
  std::size_t length = 0;
  std::uint8_t low = 0x80;
  std::uint8_t high = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    length = 2;
    code_point = b0 & 0x1fu;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    code_point = b0 & 0x0fu;
    if (b0 == 0xe0) low = 0xa0;   // no overlong forms
    if (b0 == 0xed) high = 0x9f;  // no UTF-16 surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    code_point = b0 & 0x07u;
    if (b0 == 0xf0) low = 0x90;   // no overlong forms
    if (b0 == 0xf4) high = 0x8f;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (left < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const std::uint8_t b = at(i);
    if (b < (i == 1 ? low : 0x80) || b > (i == 1 ? high : 0xbf)) return 0;
    code_point = (code_point << 6) | (b & 0x3fu);
  }
  return length;
}

void append_unicode_escape(std::string& out, std::uint32_t code_unit) {
  constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code_unit >> shift) & 0xfu];
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::uint32_t code_point = 0;
    const std::size_t length = utf8_sequence_length(text, pos, code_point);
    if (length == 0) {
      append_unicode_escape(out, 0xfffd);
      ++pos;
      continue;
    }
    switch (code_point) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (code_point < 0x20 || code_point == 0x7f || code_point == 0x2028 || code_point == 0x2029) {
          append_unicode_escape(out, code_point);
        } else {
          out.append(text, pos, length);
        }
    }
    pos += length;
  }
  out += '"';
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::size_t first_invalid_utf8(std::string_view text) noexcept {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::uint32_t code_point = 0;
    const std::size_t length = utf8_sequence_length(text, pos, code_point);
    if (length == 0) return pos;
    pos += length;
  }
  return std::string_view::npos;
}

}  // namespace confidant::consent

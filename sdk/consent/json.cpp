#include "consent/json.hpp"

#include <cstdint>

#include "common/utf8.hpp"

namespace confidant::consent {
namespace {

using text::decode_utf8;
using text::Utf8Step;

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
    const Utf8Step step = decode_utf8(text, pos);
    if (step.length == 0) {
      append_unicode_escape(out, 0xfffd);
      ++pos;
      continue;
    }
    const char32_t code_point = step.code_point;
    switch (code_point) {
      case U'"': out += "\\\""; break;
      case U'\\': out += "\\\\"; break;
      case U'\b': out += "\\b"; break;
      case U'\f': out += "\\f"; break;
      case U'\n': out += "\\n"; break;
      case U'\r': out += "\\r"; break;
      case U'\t': out += "\\t"; break;
      default:
        if (code_point < 0x20 || code_point == 0x7f || code_point == 0x2028 || code_point == 0x2029) {
          append_unicode_escape(out, static_cast<std::uint32_t>(code_point));
        } else {
          out.append(text, pos, step.length);
        }
    }
    pos += step.length;
  }
  out += '"';
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace confidant::consent

#include "common/quote.hpp"

#include "common/utf8.hpp"

namespace confidant::text {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex_byte(std::string& out, unsigned byte) {
  out += "\\x";
  out += kHex[(byte >> 4) & 0xf];
  out += kHex[byte & 0xf];
}

}  // namespace

std::string quoted(std::string_view value, char quote, std::size_t max_bytes) {
  std::string out(1, quote);
  std::size_t offset = 0;
  while (offset < value.size() && offset < max_bytes) {
    const Utf8Step step = decode_utf8(value, offset);
    if (step.length == 0) {
      append_hex_byte(out, static_cast<unsigned char>(value[offset]));
      ++offset;
      continue;
    }
    const char32_t cp = step.code_point;
    if (cp < 0x80 && (is_control(cp) || cp == static_cast<unsigned char>(quote) || cp == '\\')) {
      append_hex_byte(out, static_cast<unsigned>(cp));
    } else if (is_control(cp)) {
      out += "\\u00";
      out += kHex[(cp >> 4) & 0xf];
      out += kHex[cp & 0xf];
    } else {
      out.append(value.substr(offset, step.length));
    }
    offset += step.length;
  }
  if (offset < value.size()) out += "...";
  out += quote;
  return out;
}

}  // namespace confidant::text

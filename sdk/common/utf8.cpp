#include "common/utf8.hpp"

#include <cstdint>

namespace confidant::text {
namespace {

constexpr bool in(std::uint8_t byte, std::uint8_t low, std::uint8_t high) noexcept {
  return byte >= low && byte <= high;
}

}  // namespace

// Table 3-7 row by row: the lead byte fixes the length and the allowed range
// of the *second* byte; that narrower range is what excludes overlongs (E0,
// F0), surrogates (ED) and values past U+10FFFF (F4). Later bytes are plain
// continuations (80..BF).
Utf8Step decode_utf8(std::string_view text, std::size_t offset) noexcept {
  const std::size_t left = text.size() - offset;
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[offset + i]); };
  const std::uint8_t lead = byte(0);
  if (lead < 0x80) return {lead, 1};

  std::size_t length = 0;
  std::uint8_t second_low = 0x80;
  std::uint8_t second_high = 0xbf;
  char32_t value = 0;
  if (in(lead, 0xc2, 0xdf)) {
    length = 2;
    value = lead & 0x1fu;
  } else if (in(lead, 0xe0, 0xef)) {
    length = 3;
    value = lead & 0x0fu;
    if (lead == 0xe0) second_low = 0xa0;
    if (lead == 0xed) second_high = 0x9f;
  } else if (in(lead, 0xf0, 0xf4)) {
    length = 4;
    value = lead & 0x07u;
    if (lead == 0xf0) second_low = 0x90;
    if (lead == 0xf4) second_high = 0x8f;
  } else {
    return {};  // 80..BF (stray continuation), C0/C1 (always overlong), F5..FF
  }
  if (left < length) return {};
  if (!in(byte(1), second_low, second_high)) return {};
  value = (value << 6) | (byte(1) & 0x3fu);
  for (std::size_t i = 2; i < length; ++i) {
    if (!in(byte(i), 0x80, 0xbf)) return {};
    value = (value << 6) | (byte(i) & 0x3fu);
  }
  return {value, length};
}

std::size_t find_invalid_utf8(std::string_view text) noexcept {
  std::size_t offset = 0;
  while (offset < text.size()) {
    // ASCII runs are the common case for ids and paths.
    if (static_cast<std::uint8_t>(text[offset]) < 0x80) {
      ++offset;
      continue;
    }
    const Utf8Step step = decode_utf8(text, offset);
    if (step.length == 0) return offset;
    offset += step.length;
  }
  return std::string_view::npos;
}

}  // namespace confidant::text

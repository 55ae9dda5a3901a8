// The strict UTF-8 validator (common/utf8.hpp, shared by the consent and
// signals layers): the edge cases of Unicode table 3-7 by hand, every code
// point encoded and decoded, exhaustive short strings, and random byte
// strings, all compared with a reference decoder written differently (decode
// bits first, then reject overlongs, surrogates and > U+10FFFF by value).
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.hpp"

namespace {

using confidant::text::decode_utf8;
using confidant::text::find_invalid_utf8;
using confidant::text::is_control;
using confidant::text::is_valid_utf8;
constexpr std::size_t npos = std::string_view::npos;

// ---- reference --------------------------------------------------------------

struct RefStep {
  std::uint32_t code_point;
  std::size_t length;  // 0 = ill-formed
};

RefStep reference_decode(std::string_view text, std::size_t offset) {
  const auto lead = static_cast<std::uint8_t>(text[offset]);
  std::size_t length = 0;
  std::uint32_t value = 0;
  if ((lead & 0x80) == 0) return {lead, 1};
  if ((lead & 0xe0) == 0xc0) {
    length = 2;
    value = lead & 0x1f;
  } else if ((lead & 0xf0) == 0xe0) {
    length = 3;
    value = lead & 0x0f;
  } else if ((lead & 0xf8) == 0xf0) {
    length = 4;
    value = lead & 0x07;
  } else {
    return {0, 0};
  }
  if (offset + length > text.size()) return {0, 0};
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<std::uint8_t>(text[offset + i]);
    if ((byte & 0xc0) != 0x80) return {0, 0};
    value = (value << 6) | (byte & 0x3f);
  }
  static constexpr std::uint32_t kShortestFrom[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kShortestFrom[length]) return {0, 0};           // overlong
  if (value >= 0xd800 && value <= 0xdfff) return {0, 0};      // surrogate
  if (value > 0x10ffff) return {0, 0};                        // past Unicode
  return {value, length};
}

std::size_t reference_first_invalid(std::string_view text) {
  for (std::size_t offset = 0; offset < text.size();) {
    const RefStep step = reference_decode(text, offset);
    if (step.length == 0) return offset;
    offset += step.length;
  }
  return npos;
}

// Encodes any value below 2^21 in exactly `length` bytes, overlong or not.
std::string encode(std::uint32_t value, std::size_t length) {
  static constexpr std::uint8_t kLeadMark[5] = {0, 0, 0xc0, 0xe0, 0xf0};
  if (length == 1) return std::string(1, static_cast<char>(value));
  std::string out(length, '\0');
  for (std::size_t i = length - 1; i > 0; --i) {
    out[i] = static_cast<char>(0x80 | (value & 0x3f));
    value >>= 6;
  }
  out[0] = static_cast<char>(kLeadMark[length] | value);
  return out;
}

std::size_t shortest_length(std::uint32_t value) {
  return value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4;
}

// The validator agrees with the reference, and decodes the same code points.
void check_agrees(const std::string& text) {
  const std::size_t expected = reference_first_invalid(text);
  INFO("bytes: " << [&] {
    std::string hex;
    for (unsigned char c : text) hex += std::to_string(c) + " ";
    return hex;
  }());
  REQUIRE(find_invalid_utf8(text) == expected);
  REQUIRE(is_valid_utf8(text) == (expected == npos));
  // decode_utf8 agrees step by step up to the first bad byte.
  std::size_t offset = 0;
  while (offset < text.size()) {
    const auto step = decode_utf8(text, offset);
    const RefStep ref = reference_decode(text, offset);
    REQUIRE(step.length == ref.length);
    if (step.length == 0) break;
    REQUIRE(static_cast<std::uint32_t>(step.code_point) == ref.code_point);
    offset += step.length;
  }
}

// ---- hand-picked edges ------------------------------------------------------

TEST_CASE("boundaries of each sequence length are accepted") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8(std::string(1, '\0')));
  CHECK(is_valid_utf8("\x7f"));
  CHECK(is_valid_utf8("\xc2\x80"));              // U+0080, shortest 2-byte
  CHECK(is_valid_utf8("\xdf\xbf"));              // U+07FF
  CHECK(is_valid_utf8("\xe0\xa0\x80"));          // U+0800, shortest 3-byte
  CHECK(is_valid_utf8("\xed\x9f\xbf"));          // U+D7FF, just below the surrogates
  CHECK(is_valid_utf8("\xee\x80\x80"));          // U+E000, just above them
  CHECK(is_valid_utf8("\xef\xbf\xbf"));          // U+FFFF (a noncharacter, but well-formed)
  CHECK(is_valid_utf8("\xef\xbb\xbf"));          // U+FEFF
  CHECK(is_valid_utf8("\xf0\x90\x80\x80"));      // U+10000, shortest 4-byte
  CHECK(is_valid_utf8("\xf4\x8f\xbf\xbf"));      // U+10FFFF, the last code point
  CHECK(is_valid_utf8("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x8d\xb5"));  // café 日本 🍵
}

TEST_CASE("overlong forms are rejected") {
  CHECK(find_invalid_utf8("\xc0\x80") == 0);                // NUL in 2 bytes (Java's "modified UTF-8")
  CHECK(find_invalid_utf8("\xc0\xaf") == 0);                // '/' in 2 bytes: the classic path trick
  CHECK(find_invalid_utf8("\xc1\xbf") == 0);                // U+007F in 2 bytes
  CHECK(find_invalid_utf8("\xe0\x80\xaf") == 0);            // '/' in 3 bytes
  CHECK(find_invalid_utf8("\xe0\x9f\xbf") == 0);            // U+07FF in 3 bytes
  CHECK(find_invalid_utf8("\xf0\x80\x80\xaf") == 0);        // '/' in 4 bytes
  CHECK(find_invalid_utf8("\xf0\x8f\xbf\xbf") == 0);        // U+FFFF in 4 bytes
  CHECK(find_invalid_utf8("ok\xc0\xaf") == 2);
}

TEST_CASE("UTF-16 surrogates are rejected, alone or paired") {
  CHECK(find_invalid_utf8("\xed\xa0\x80") == 0);                      // U+D800
  CHECK(find_invalid_utf8("\xed\xaf\xbf") == 0);                      // U+DBFF
  CHECK(find_invalid_utf8("\xed\xb0\x80") == 0);                      // U+DC00
  CHECK(find_invalid_utf8("\xed\xbf\xbf") == 0);                      // U+DFFF
  CHECK(find_invalid_utf8("a\xed\xa0\xbd\xed\xb8\x80") == 1);         // CESU-8 pair for U+1F600
}

TEST_CASE("values past U+10FFFF and bytes that never occur are rejected") {
  CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0);  // U+110000
  CHECK(find_invalid_utf8("\xf5\x80\x80\x80") == 0);
  CHECK(find_invalid_utf8("\xf7\xbf\xbf\xbf") == 0);  // U+1FFFFF
  CHECK(find_invalid_utf8("\xf8\x88\x80\x80\x80") == 0);  // old 5-byte form
  CHECK(find_invalid_utf8("\xfc\x84\x80\x80\x80\x80") == 0);  // old 6-byte form
  CHECK(find_invalid_utf8("\xfe") == 0);
  CHECK(find_invalid_utf8("\xff") == 0);
}

TEST_CASE("stray continuations and truncated sequences are rejected where they start") {
  CHECK(find_invalid_utf8("\x80") == 0);
  CHECK(find_invalid_utf8("\xbf") == 0);
  CHECK(find_invalid_utf8("a\xc3\xa9\xa9") == 3);   // one continuation too many
  CHECK(find_invalid_utf8("\xc3") == 0);            // cut at the end
  CHECK(find_invalid_utf8("ab\xe2\x82") == 2);
  CHECK(find_invalid_utf8("\xf0\x9f\x8d") == 0);
  CHECK(find_invalid_utf8("\xc3" "a") == 0);        // continuation replaced by ASCII
  CHECK(find_invalid_utf8("\xe2\x82" "a") == 0);
  CHECK(find_invalid_utf8("\xf0\x9f\x8d" "a") == 0);
  CHECK(find_invalid_utf8("\xe2\xc3\xa9") == 0);    // a lead where a continuation belongs
  CHECK(find_invalid_utf8("x\xc3\xa9y\x80z") == 4);
}

TEST_CASE("decode_utf8 returns code point and length") {
  const std::string text = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x8d\xb5";  // a é € 🍵
  auto step = decode_utf8(text, 0);
  CHECK(step.code_point == U'a');
  CHECK(step.length == 1);
  step = decode_utf8(text, 1);
  CHECK(step.code_point == U'\u00e9');
  CHECK(step.length == 2);
  step = decode_utf8(text, 3);
  CHECK(step.code_point == U'\u20ac');
  CHECK(step.length == 3);
  step = decode_utf8(text, 6);
  CHECK(step.code_point == U'\U0001F375');
  CHECK(step.length == 4);
  CHECK(decode_utf8(text, 2).length == 0);  // mid-sequence
}

TEST_CASE("control characters are C0, DEL and C1, nothing else") {
  for (char32_t cp = 0; cp < 0x20; ++cp) CHECK(is_control(cp));
  CHECK(is_control(0x7f));
  for (char32_t cp = 0x80; cp <= 0x9f; ++cp) CHECK(is_control(cp));
  CHECK_FALSE(is_control(U' '));
  CHECK_FALSE(is_control(U'~'));
  CHECK_FALSE(is_control(0xa0));    // no-break space
  CHECK_FALSE(is_control(0x2028));  // line separator: a format character, allowed
  CHECK_FALSE(is_control(0x10ffff));
}

// ---- exhaustive and random --------------------------------------------------

TEST_CASE("every code point round-trips in its shortest form, and no other form is accepted") {
  for (std::uint32_t cp = 0; cp <= 0x10ffff; ++cp) {
    const bool surrogate = cp >= 0xd800 && cp <= 0xdfff;
    const std::size_t shortest = shortest_length(cp);
    const std::string encoded = encode(cp, shortest);
    if (surrogate) {
      REQUIRE(find_invalid_utf8(encoded) == 0);
      continue;
    }
    REQUIRE(is_valid_utf8(encoded));
    const auto step = decode_utf8(encoded, 0);
    REQUIRE(step.length == shortest);
    REQUIRE(static_cast<std::uint32_t>(step.code_point) == cp);
    // Every longer form is an overlong.
    for (std::size_t length = shortest + 1; length <= 4; ++length) REQUIRE(find_invalid_utf8(encode(cp, length)) == 0);
  }
  // Past Unicode, in 4 bytes.
  for (std::uint32_t cp = 0x110000; cp < 0x200000; cp += 0x1001) REQUIRE(find_invalid_utf8(encode(cp, 4)) == 0);
}

TEST_CASE("all strings of one and two bytes, and three-byte strings from a non-ASCII lead") {
  std::string text(1, '\0');
  for (int a = 0; a < 256; ++a) {
    text[0] = static_cast<char>(a);
    check_agrees(text);
  }
  text.assign(2, '\0');
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      text[0] = static_cast<char>(a);
      text[1] = static_cast<char>(b);
      check_agrees(text);
    }
  }
  text.assign(3, '\0');
  std::size_t valid = 0;
  for (int a = 0xc0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (int c = 0; c < 256; ++c) {
        text[0] = static_cast<char>(a);
        text[1] = static_cast<char>(b);
        text[2] = static_cast<char>(c);
        const std::size_t got = find_invalid_utf8(text);
        REQUIRE(got == reference_first_invalid(text));
        if (got == npos) ++valid;
      }
    }
  }
  // Three-byte code points (0x800..0xFFFF minus 2048 surrogates) plus a
  // two-byte one followed by ASCII (1920 x 128).
  CHECK(valid == (0x10000 - 0x800 - 0x800) + 1920 * 128);
}

TEST_CASE("random byte strings agree with the reference decoder") {
  std::mt19937_64 rng(0x5167a15);
  // Mostly bytes that matter to UTF-8, so valid multi-byte runs are common.
  const std::vector<std::vector<int>> pools = {
      {'a', 'z', '0', '/', 0x00, 0x1f, 0x7f},                       // ASCII
      {0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf},                         // continuation edges
      {0xc0, 0xc1, 0xc2, 0xdf},                                     // 2-byte leads
      {0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef},                         // 3-byte leads
      {0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf7, 0xf8, 0xfe, 0xff},       // 4-byte and invalid
  };
  std::uniform_int_distribution<int> any_byte(0, 255);
  std::uniform_int_distribution<std::size_t> length_of(0, 16);
  const auto pool_byte = [&] {
    const auto pick = rng() % (pools.size() + 1);
    if (pick == pools.size()) return static_cast<char>(any_byte(rng));
    const auto& pool = pools[pick];
    return static_cast<char>(pool[rng() % pool.size()]);
  };
  std::size_t valid = 0;
  constexpr int kRounds = 200'000;
  for (int round = 0; round < kRounds; ++round) {
    const std::size_t length = length_of(rng);
    std::string text;
    if (round % 2 == 0) {
      // Bytes drawn one at a time: mostly ill-formed, in every way.
      for (std::size_t i = 0; i < length; ++i) text += pool_byte();
    } else {
      // Whole code points of every length (a few surrogates among them),
      // then, half the time, one byte replaced: near-misses of valid text.
      for (std::size_t i = 0; i < length; ++i) {
        const auto cp = static_cast<std::uint32_t>(rng() % 0x110000 >> (rng() % 21));
        text += encode(cp, shortest_length(cp));
      }
      if (!text.empty() && rng() % 2 == 0) text[rng() % text.size()] = pool_byte();
    }
    check_agrees(text);
    if (is_valid_utf8(text)) ++valid;
  }
  // The generator reaches both outcomes often enough to mean something.
  CHECK(valid > kRounds / 20);
  CHECK(valid < kRounds - kRounds / 20);
}

}  // namespace

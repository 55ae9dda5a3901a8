// What the fuzz targets share: how a violated property is reported, and the
// checks every error must pass.
//
// A target asserts what must hold, not just "no crash": a violated property
// prints what was violated and traps, so libFuzzer reports it as a crash and
// saves the input (docs/fuzzing.md).
//
// Self-contained on purpose (no SDK internals): capi_json links only the C
// library and uses it too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace fuzz {

[[noreturn]] inline void violated(const char* property, const char* where, std::string_view detail) {
  std::fprintf(stderr, "\n==== fuzz property violated: %s\n     at %s\n", property, where);
  if (!detail.empty()) {
    const int shown = static_cast<int>(detail.size() < 4000 ? detail.size() : 4000);
    std::fprintf(stderr, "     detail: %.*s\n", shown, detail.data());
  }
  std::fflush(stderr);
  __builtin_trap();
}

#define FUZZ_STR2(x) #x
#define FUZZ_STR(x) FUZZ_STR2(x)
// FUZZ_REQUIRE(condition, detail): detail is anything convertible to std::string_view.
#define FUZZ_REQUIRE(condition, detail)                                                     \
  do {                                                                                      \
    if (!(condition)) ::fuzz::violated(#condition, __FILE__ ":" FUZZ_STR(__LINE__), detail); \
  } while (0)

// Strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
inline bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      length = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      length = 3;
      if (b0 == 0xe0) low = 0xa0;
      if (b0 == 0xed) high = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      length = 4;
      if (b0 == 0xf0) low = 0x90;
      if (b0 == 0xf4) high = 0x8f;
    } else {
      return false;
    }
    if (text.size() - i < length) return false;
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    if (b1 < low || b1 > high) return false;
    for (std::size_t k = 2; k < length; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if (b < 0x80 || b > 0xbf) return false;
    }
    i += length;
  }
  return true;
}

// No C0 control (tab and newline included) and no DEL: a message is one log
// line that caller text cannot garble (common/quote.hpp's promise).
inline bool is_one_clean_line(std::string_view text) noexcept {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return false;
  }
  return true;
}

// The promise of status.hpp for every failure: a non-zero, known code and a
// message that names what is at fault ("<field>: <problem>"), valid UTF-8 on
// one clean line. `code` is the numeric ErrorCode / confidant_code.
inline void check_error(int code, std::string_view message, const char* where) {
  if (!(code >= 1 && code <= 10)) violated("error code is a known non-zero code", where, message);
  if (message.empty()) violated("error message is not empty", where, message);
  const std::size_t colon = message.find(':');
  if (colon == std::string_view::npos || colon == 0 || message[0] == ' ')
    violated("error message names a field (\"<field>: ...\")", where, message);
  if (!is_valid_utf8(message)) violated("error message is valid UTF-8", where, message);
  if (!is_one_clean_line(message)) violated("error message has no control characters", where, message);
}

#define FUZZ_CHECK_ERROR(code, message) \
  ::fuzz::check_error(static_cast<int>(code), message, __FILE__ ":" FUZZ_STR(__LINE__))

// Input splitting: a mode byte, then the payload.
struct Input {
  std::uint8_t mode = 0;
  std::string_view payload;
};
inline Input split_mode(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return {};
  return {data[0], std::string_view(reinterpret_cast<const char*>(data + 1), size - 1)};
}

// Which of a target's modes the mode byte picks: the index of the letter in
// `letters` (so a seed file can name its mode: 'j' for JSON, ...), and for
// any other byte, byte % letters.size(), so that every input reaches one.
inline std::size_t mode_index(std::uint8_t mode, std::string_view letters) noexcept {
  const std::size_t at = letters.find(static_cast<char>(mode));
  return at != std::string_view::npos ? at : mode % letters.size();
}

// Splits `text` at the first occurrence of `separator` (a byte that a
// mutator can move around): {before, after}; {text, ""} without one.
inline std::pair<std::string_view, std::string_view> split_at(std::string_view text, char separator) {
  const std::size_t at = text.find(separator);
  if (at == std::string_view::npos) return {text, {}};
  return {text.substr(0, at), text.substr(at + 1)};
}

}  // namespace fuzz

// Texts read a word at a time: hash_text() for the lookup
// tables, same_text() to compare keys, and scan_text(), which hashes a text
// and tests it for plain printable ASCII in the same reads, so a
// candidate's ids and attributes are checked and hashed in one pass over
// their bytes (candidate_scan.hpp).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace confidant::text {
namespace text_words {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
constexpr std::uint64_t kMultiplier = 0xbf58476d1ce4e5b9ULL;

// The high bit of each byte of `word` that is not printable ASCII
// (0x20..0x7e), or is '=' when `no_equals`: bytes below 0x20, from 0x7f on
// (Hacker's Delight's byte-range tests in SWAR form; exact as a whole-word
// yes/no, which is all that is asked).
constexpr std::uint64_t unusual_bytes(std::uint64_t word, bool no_equals) noexcept {
  const std::uint64_t below_space = (word - 0x20 * kOnes) & ~word & kHigh;
  const std::uint64_t from_delete = (((word & ~kHigh) + (0x80 - 0x7f) * kOnes) | word) & kHigh;
  std::uint64_t equals = 0;
  if (no_equals) {
    const std::uint64_t x = word ^ ('=' * kOnes);
    equals = (x - kOnes) & ~x & kHigh;
  }
  return below_space | from_delete | equals;
}

// Eight bytes at a time, each word folded in with a multiply (the length
// first, so overlapping tail reads cannot make two texts alike), then a
// final avalanche so the low bits, which pick a table slot, depend on every
// byte. Our own rather than std::hash: a key's hash is computed once and
// reused across the maps of one call, and short keys (ids, paths) take
// three or four steps instead of one per byte. Words are read in the
// machine's byte order: the hashes never leave memory.
//
// on_word(word, lanes) sees every word read, `lanes` holding the high bit
// of each byte of the word that comes from the text. Together the words
// cover every byte; a caller that ignores them gets the hash alone (the
// calls inline away).
constexpr std::uint64_t avalanche(std::uint64_t h) noexcept {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  return h ^ (h >> 33);
}

template <typename OnWord>
[[gnu::always_inline]] inline std::uint64_t hash_words(std::string_view text, std::uint64_t seed, OnWord&& on_word,
                                                       bool finish = true) noexcept {
  const auto mix = [](std::uint64_t h, std::uint64_t word) {
    h = (h ^ word) * kMultiplier;
    return h ^ (h >> 31);
  };
  const auto load = [](const char* at) {
    std::uint64_t word;
    std::memcpy(&word, at, 8);
    return word;
  };
  const std::size_t size = text.size();
  const char* bytes = text.data();
  std::uint64_t h = seed ^ (static_cast<std::uint64_t>(size) * kMultiplier);
  if (size > 8) {
    std::size_t offset = 0;
    for (; offset + 8 < size; offset += 8) {
      const std::uint64_t word = load(bytes + offset);
      on_word(word, kHigh);
      h = mix(h, word);
    }
    const std::uint64_t last = load(bytes + size - 8);  // overlapping the word before
    on_word(last, kHigh);
    h = mix(h, last);
  } else {
    std::uint64_t word = 0;
    std::uint64_t lanes = kHigh;
    if (size == 8) {
      word = load(bytes);
    } else if (size >= 4) {
      // The first four bytes and the last four, overlapping below 8.
      std::uint32_t low;
      std::uint32_t high;
      std::memcpy(&low, bytes, 4);
      std::memcpy(&high, bytes + size - 4, 4);
      word = low | static_cast<std::uint64_t>(high) << 32;
    } else if (size > 0) {
      // First, middle and last byte: all of a text this short.
      const auto byte = [bytes](std::size_t i) {
        return static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i]));
      };
      word = byte(0) | byte(size / 2) << 8 | byte(size - 1) << 16;
      lanes = 0x808080;
    } else {
      lanes = 0;
    }
    on_word(word, lanes);
    h = mix(h, word);
  }
  return finish ? avalanche(h) : h;
}

}  // namespace text_words

inline constexpr std::uint64_t kTextHashSeed = 0x9e3779b97f4a7c15ULL;

inline std::uint64_t hash_text(std::string_view text, std::uint64_t seed = kTextHashSeed) noexcept {
  return text_words::hash_words(text, seed, [](std::uint64_t, std::uint64_t) {});
}

// A two-part key (an attribute's name and value): the second part's words
// continue from the first part's state before its final avalanche, so a
// key costs one avalanche, not two. Each part mixes in its length first,
// so ("a=", "b"), ("a", "=b") and ("a=b", "") hash apart. An empty second
// part leaves hash_text(first).
constexpr std::uint64_t second_part_seed(std::uint64_t first_state) noexcept { return first_state ^ 0x3dULL; }

inline std::uint64_t hash_text_pair(std::string_view first, std::string_view second) noexcept {
  const auto ignore = [](std::uint64_t, std::uint64_t) {};
  const std::uint64_t first_state = text_words::hash_words(first, kTextHashSeed, ignore, false);
  if (second.empty()) return text_words::avalanche(first_state);
  return text_words::hash_words(second, second_part_seed(first_state), ignore);
}

struct TextScan {
  std::uint64_t hash = 0;  // hash_text(text, seed)
  bool plain = false;      // every byte printable ASCII (and no '=' when asked); true for ""
};

// With `finish` false, `hash` is the state before the final avalanche (for
// second_part_seed()).
[[gnu::always_inline]] inline TextScan scan_text(std::string_view text, bool no_equals,
                                                 std::uint64_t seed = kTextHashSeed, bool finish = true) noexcept {
  std::uint64_t unusual = 0;
  const auto note_unusual = [&unusual, no_equals](std::uint64_t word, std::uint64_t lanes) {
    unusual |= text_words::unusual_bytes(word, no_equals) & lanes;
  };
  const std::uint64_t hash = text_words::hash_words(text, seed, note_unusual, finish);
  return {hash, unusual == 0};
}

// Equality of two short texts without a call into the C library: ids and
// paths are a few dozen bytes, compared on every hit.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t size = a.size();
  if (size != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (size >= 8) {
    // Whole words, then the last word (overlapping what was compared).
    std::uint64_t u;
    std::uint64_t v;
    for (std::size_t i = 0; i + 8 <= size; i += 8) {
      std::memcpy(&u, x + i, 8);
      std::memcpy(&v, y + i, 8);
      if (u != v) return false;
    }
    std::memcpy(&u, x + size - 8, 8);
    std::memcpy(&v, y + size - 8, 8);
    return u == v;
  }
  if (size >= 4) {
    // The first four bytes and the last four (overlapping): attribute names
    // and values ("size", "colour", "oat") are mostly this short.
    std::uint32_t u[2];
    std::uint32_t v[2];
    std::memcpy(&u[0], x, 4);
    std::memcpy(&v[0], y, 4);
    std::memcpy(&u[1], x + size - 4, 4);
    std::memcpy(&v[1], y + size - 4, 4);
    return ((u[0] ^ v[0]) | (u[1] ^ v[1])) == 0;
  }
  for (std::size_t i = 0; i < size; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

}  // namespace confidant::text

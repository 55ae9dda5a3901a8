// The ranking's text primitives and table: same_text(), hash_text() and
// scan_text() read words, half-words and overlapping tails, so every length
// and every byte position is checked against the plain byte-by-byte
// answer; FlatMap finds what was inserted, misses what was not, and keeps
// two-part keys apart.
#include <catch2/catch.hpp>

#include <string>
#include <unordered_set>

#include "common/flat_map.hpp"

namespace {

using confidant::text::FlatMap;
using confidant::text::hash_text;
using confidant::text::same_text;
using confidant::text::TextKey;

std::string text_of(std::size_t length) {
  std::string text;
  for (std::size_t i = 0; i < length; ++i) text += static_cast<char>('a' + i % 26);
  return text;
}

TEST_CASE("same_text and hash_text: every length, a difference at every position") {
  for (std::size_t length = 0; length <= 40; ++length) {
    const std::string a = text_of(length);
    const std::string copy = a;  // another buffer, same bytes
    INFO("length " << length);
    CHECK(same_text(a, copy));
    CHECK(hash_text(a) == hash_text(copy));
    // Views into a larger buffer: nothing past the end is read into the answer.
    const std::string padded = a + "XYZWVUTS";
    CHECK(same_text(std::string_view(padded).substr(0, length), a));
    CHECK(hash_text(std::string_view(padded).substr(0, length)) == hash_text(a));
    for (std::size_t at = 0; at < length; ++at) {
      std::string b = a;
      b[at] = static_cast<char>(b[at] ^ 0x20);
      INFO("differs at " << at);
      CHECK_FALSE(same_text(a, b));
      CHECK(hash_text(a) != hash_text(b));
    }
    // A prefix is not the text.
    if (length > 0) CHECK_FALSE(same_text(a, std::string_view(a).substr(0, length - 1)));
  }
}

TEST_CASE("scan_text: the hash of hash_text, and a bad byte found at every length and position") {
  using confidant::text::scan_text;
  for (std::size_t length = 0; length <= 40; ++length) {
    const std::string a = text_of(length);
    INFO("length " << length);
    CHECK(scan_text(a, true).hash == hash_text(a));
    CHECK(scan_text(a, false, 77).hash == hash_text(a, 77));
    CHECK(scan_text(a, true).plain);
    // Bytes around the text are not its own.
    const std::string padded = "\x01" + a + "\x7f=";
    CHECK(scan_text(std::string_view(padded).substr(1, length), true).plain);
    for (std::size_t at = 0; at < length; ++at) {
      INFO("at " << at);
      for (const char bad : {'\x00', '\x1f', '\x7f', '\x80', '\xc3', '\xff'}) {
        std::string b = a;
        b[at] = bad;
        INFO("byte " << static_cast<int>(static_cast<unsigned char>(bad)));
        CHECK_FALSE(scan_text(b, false).plain);
        CHECK(scan_text(b, false).hash == hash_text(b));
      }
      for (const char edge : {' ', '~'}) {  // the first and last printable bytes
        std::string b = a;
        b[at] = edge;
        CHECK(scan_text(b, true).plain);
      }
      std::string equals = a;
      equals[at] = '=';
      CHECK_FALSE(scan_text(equals, true).plain);
      CHECK(scan_text(equals, false).plain);
    }
  }
}

TEST_CASE("hash_text spreads short keys over the low bits that pick a slot") {
  std::unordered_set<std::uint64_t> slots;
  for (int i = 0; i < 1000; ++i) slots.insert(hash_text("sku-" + std::to_string(i)) & 4095);
  CHECK(slots.size() > 850);  // 1000 keys into 4096 slots: about 890 distinct by chance
}

TEST_CASE("FlatMap: finds what was inserted, misses the rest, keeps two-part keys apart") {
  FlatMap<int> map;
  std::vector<std::string> keys;
  for (int i = 0; i < 500; ++i) keys.push_back("item-" + std::to_string(i));
  for (int i = 0; i < 500; ++i) map.get_or_insert({keys[static_cast<std::size_t>(i)], {}}) = i;
  CHECK(map.size() == 500);
  for (int i = 0; i < 500; ++i) {
    const int* found = map.find({keys[static_cast<std::size_t>(i)], {}});
    REQUIRE(found != nullptr);
    CHECK(*found == i);
  }
  CHECK(map.find({"item-500", {}}) == nullptr);
  CHECK(map.find({"item-", {}}) == nullptr);

  FlatMap<int> pairs;
  pairs.get_or_insert({"a=", "b"}) = 1;
  pairs.get_or_insert({"a", "=b"}) = 2;
  pairs.get_or_insert({"a=b", {}}) = 3;
  CHECK(pairs.size() == 3);
  CHECK(*pairs.find({"a=", "b"}) == 1);
  CHECK(*pairs.find({"a", "=b"}) == 2);
  CHECK(*pairs.find({"a=b", {}}) == 3);
  bool inserted = true;
  pairs.get_or_insert({"a", "=b"}, &inserted);
  CHECK_FALSE(inserted);
}

}  // namespace

// Signal validation: for every rule a signal that just passes and one that
// just fails, and the exact message, which must name the field at fault.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "signals/validate.hpp"
#include "support/numbered.hpp"

namespace {

using namespace confidant::signals;
using confidant::testing::numbered;
using confidant::ErrorCode;

constexpr std::int64_t kNow = 1'795'161'600'000;  // 2026-11-20T08:00:00Z
const ValidationLimits kDefaults{};

// The smallest valid signal of each type.
Signal minimal(SignalType type) {
  Signal signal;
  signal.type = type;
  signal.at = kNow - 1000;
  const FieldRules rules = field_rules(type);
  if (rules.item == Presence::kRequired) signal.item = "sku-1";
  if (rules.query == Presence::kRequired) signal.query = "pasta";
  if (rules.rating == Presence::kRequired) signal.rating = 4;
  if (rules.needs_target) signal.categories = {"food/vegetarian"};
  return signal;
}

Signal view() { return minimal(SignalType::kView); }

// "" when valid, else the message (and the code must be kInvalidArgument).
std::string error(const Signal& signal, const ValidationLimits& limits = kDefaults, std::int64_t now = kNow) {
  const auto status = validate(signal, limits, now);
  if (status.is_ok()) return "";
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  return status.message();
}

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

TEST_CASE("the minimal signal of every type is valid, and the full CLI example too") {
  for (SignalType type : kAllSignalTypes) {
    INFO("type " << name(type));
    CHECK(error(minimal(type)) == "");
  }
  // issue 4, section 6.
  Signal order;
  order.type = SignalType::kOrder;
  order.item = "latte-1";
  order.categories = {"drinks/coffee/latte"};
  order.attrs = {{"milk", "oat"}, {"size", "grande"}};
  order.at = kNow;
  CHECK(error(order) == "");
}

TEST_CASE("type: a value outside the enum is rejected") {
  Signal signal = view();
  signal.type = static_cast<SignalType>(99);
  CHECK(error(signal) == "type: invalid value 99");
}

TEST_CASE("item: required where the type needs it, optional elsewhere") {
  for (SignalType type : kAllSignalTypes) {
    INFO("type " << name(type));
    Signal signal = minimal(type);
    signal.item.reset();
    if (field_rules(type).item == Presence::kRequired) {
      CHECK(error(signal) == "item: required for type '" + std::string(name(type)) + "'");
    } else {
      CHECK(error(signal) == "");
    }
  }
  Signal search = minimal(SignalType::kSearch);
  search.item = "sku-9";
  CHECK(error(search) == "");
}

TEST_CASE("item: 1..128 bytes of UTF-8 without control characters") {
  Signal signal = view();
  signal.item = "";
  CHECK(error(signal) == "item: empty");
  signal.item = std::string(128, 'i');
  CHECK(error(signal) == "");
  signal.item = std::string(129, 'i');
  CHECK(error(signal) == "item: longer than 128 bytes (got 129)");
  signal.item = "caf\xc3\xa9-\xe6\x97\xa5";  // ids may be non-ASCII
  CHECK(error(signal) == "");
  signal.item = "sku\xc3";
  CHECK(error(signal) == "item: not valid UTF-8 at byte 3");
  signal.item = "sku\xc0\xaf" "1";  // overlong '/'
  CHECK(error(signal) == "item: not valid UTF-8 at byte 3");
  signal.item = "sk\nu";
  CHECK(error(signal) == "item: control character U+000A at byte 2");
  signal.item = std::string("sku\0", 4);
  CHECK(error(signal) == "item: control character U+0000 at byte 3");
  signal.item = "\tsku";
  CHECK(error(signal) == "item: control character U+0009 at byte 0");
  signal.item = "sku\x7f";
  CHECK(error(signal) == "item: control character U+007F at byte 3");
  signal.item = "\xc3\xa9\xc2\x85";  // é then C1 NEL
  CHECK(error(signal) == "item: control character U+0085 at byte 2");
}

TEST_CASE("categories: at most 8 paths, none twice") {
  Signal signal = view();
  for (int i = 0; i < 8; ++i) signal.categories.push_back(numbered("c", i));
  CHECK(error(signal) == "");
  signal.categories.push_back("c8");
  CHECK(error(signal) == "categories: 9 entries, at most 8");
  signal.categories = {"drinks/coffee", "drinks/tea", "drinks/coffee"};
  CHECK(error(signal) == "categories[2]: duplicate of categories[0]");
}

TEST_CASE("categories: lowercase segments of [a-z0-9_-] joined by '/'") {
  Signal signal = view();
  signal.categories = {"drinks/coffee/latte", "a", "z-9_x/0", "home_garden/bbq-grills"};
  CHECK(error(signal) == "");

  const auto third = [&](std::string path) {
    Signal copy = view();
    copy.categories = {"drinks", "food", std::move(path)};
    return error(copy);
  };
  CHECK(third("") == "categories[2]: empty path");
  CHECK(third("/drinks") == "categories[2]: empty path segment");
  CHECK(third("drinks/") == "categories[2]: empty path segment");
  CHECK(third("drinks//tea") == "categories[2]: empty path segment");
  CHECK(third("/") == "categories[2]: empty path segment");
  CHECK(third("drinks/Tea") ==
        "categories[2]: invalid character 'T' at byte 7 (segments are a-z, 0-9, '_' and '-')");
  CHECK(third("drinks/iced tea") ==
        "categories[2]: invalid character ' ' at byte 11 (segments are a-z, 0-9, '_' and '-')");
  CHECK(third("drinks/caf\xc3\xa9") ==
        "categories[2]: invalid character '\\xc3' at byte 10 (segments are a-z, 0-9, '_' and '-')");
  CHECK(third("drinks\\tea") ==
        "categories[2]: invalid character '\\x5c' at byte 6 (segments are a-z, 0-9, '_' and '-')");
  CHECK(third("drinks.tea").find("categories[2]: invalid character '.'") == 0);
  CHECK(third("drinks\n").find("categories[2]: invalid character '\\x0a' at byte 6") == 0);
}

TEST_CASE("categories: 1..6 segments, at most 128 bytes") {
  Signal signal = view();
  signal.categories = {"a/b/c/d/e/f"};
  CHECK(error(signal) == "");
  signal.categories = {"a/b/c/d/e/f/g"};
  CHECK(error(signal) == "categories[0]: 7 segments, at most 6");
  signal.categories = {std::string(128, 'x')};
  CHECK(error(signal) == "");
  signal.categories = {std::string(60, 'x') + "/" + std::string(68, 'y')};
  CHECK(error(signal) == "categories[0]: longer than 128 bytes (got 129)");
}

TEST_CASE("attrs: at most 16 pairs") {
  Signal signal = view();
  // emplace: assigning the literal to attrs[key] makes GCC 12 at -O3 report
  // a false -Wrestrict inside libstdc++.
  for (int i = 0; i < 16; ++i) signal.attrs.emplace(numbered("k", i), "v");
  CHECK(error(signal) == "");
  signal.attrs["k16"] = "v";
  CHECK(error(signal) == "attrs: 17 entries, at most 16");
}

TEST_CASE("attrs: keys are 1..64 bytes of text without '='") {
  Signal signal = view();
  signal.attrs = {{std::string(64, 'k'), "v"}};
  CHECK(error(signal) == "");
  signal.attrs = {{"", "oat"}};
  CHECK(error(signal) == "attrs[\"\"]: key empty");
  signal.attrs = {{std::string(65, 'k'), "v"}};
  CHECK(error(signal) == "attrs[\"" + std::string(32, 'k') + "...\"]: key longer than 64 bytes (got 65)");
  signal.attrs = {{"milk=oat", "yes"}};
  CHECK(error(signal) == "attrs[\"milk=oat\"]: key contains '=' at byte 4");
  signal.attrs = {{"mi\xffk", "oat"}};
  CHECK(error(signal) == "attrs[\"mi\\xffk\"]: key not valid UTF-8 at byte 2");
  signal.attrs = {{"mi\tlk", "oat"}};
  CHECK(error(signal) == "attrs[\"mi\\x09lk\"]: key control character U+0009 at byte 2");
  signal.attrs = {{"lait_\xc3\xa9" "cr\xc3\xa9" "m\xc3\xa9", "oui"}, {"say \"hi\"", "x"}};
  CHECK(error(signal) == "");
}

TEST_CASE("attrs: values are 1..128 bytes of text") {
  Signal signal = view();
  signal.attrs = {{"milk", std::string(128, 'v')}};
  CHECK(error(signal) == "");
  signal.attrs = {{"milk", std::string(129, 'v')}};
  CHECK(error(signal) == "attrs[\"milk\"]: value longer than 128 bytes (got 129)");
  signal.attrs = {{"milk", ""}};
  CHECK(error(signal) == "attrs[\"milk\"]: value empty");
  signal.attrs = {{"milk", "oat=yes"}};  // '=' is fine in a value: the CLI splits at the first
  CHECK(error(signal) == "");
  signal.attrs = {{"milk", "o\xe2\x82"}};
  CHECK(error(signal) == "attrs[\"milk\"]: value not valid UTF-8 at byte 1");
  signal.attrs = {{"milk", "oat\r\n"}};
  CHECK(error(signal) == "attrs[\"milk\"]: value control character U+000D at byte 3");
}

TEST_CASE("preferences need a target: an item, a category or an attribute") {
  for (SignalType type : {SignalType::kLike, SignalType::kDislike, SignalType::kBlock}) {
    INFO("type " << name(type));
    Signal signal = minimal(type);
    signal.categories.clear();
    CHECK(error(signal) == "item/categories/attrs: type '" + std::string(name(type)) +
                               "' needs a target: an item, a category or an attribute");
    signal.item = "sku-1";
    CHECK(error(signal) == "");
    signal.item.reset();
    signal.attrs = {{"milk", "oat"}};
    CHECK(error(signal) == "");
    signal.attrs.clear();
    signal.categories = {"lingerie"};
    CHECK(error(signal) == "");
  }
  // Other types need no target beyond their own required fields.
  CHECK(error(minimal(SignalType::kSearch)) == "");
}

TEST_CASE("query: required for search, refused elsewhere, 1..256 bytes of text") {
  Signal search = minimal(SignalType::kSearch);
  search.query.reset();
  CHECK(error(search) == "query: required for type 'search'");
  search.query = "";
  CHECK(error(search) == "query: empty");
  search.query = std::string(256, 'q');
  CHECK(error(search) == "");
  search.query = std::string(257, 'q');
  CHECK(error(search) == "query: longer than 256 bytes (got 257)");
  search.query = "p\xc3\xa2tes fra\xc3\xae" "ches";  // pâtes fraîches
  CHECK(error(search) == "");
  search.query = "pasta\n";
  CHECK(error(search) == "query: control character U+000A at byte 5");
  search.query = "pasta\xed\xa0\x80";
  CHECK(error(search) == "query: not valid UTF-8 at byte 5");

  for (SignalType type : kAllSignalTypes) {
    if (type == SignalType::kSearch) continue;
    INFO("type " << name(type));
    Signal signal = minimal(type);
    signal.query = "pasta";
    CHECK(error(signal) == "query: not allowed for type '" + std::string(name(type)) + "'");
  }
}

TEST_CASE("rating: 1..5, required for rate, refused elsewhere") {
  Signal rate = minimal(SignalType::kRate);
  rate.rating.reset();
  CHECK(error(rate) == "rating: required for type 'rate'");
  for (std::int64_t stars = 1; stars <= 5; ++stars) {
    rate.rating = stars;
    CHECK(error(rate) == "");
  }
  rate.rating = 0;
  CHECK(error(rate) == "rating: 0 out of range 1..5");
  rate.rating = 6;
  CHECK(error(rate) == "rating: 6 out of range 1..5");
  rate.rating = -1;
  CHECK(error(rate) == "rating: -1 out of range 1..5");
  rate.rating = std::numeric_limits<std::int64_t>::max();
  CHECK(error(rate) == "rating: 9223372036854775807 out of range 1..5");

  for (SignalType type : kAllSignalTypes) {
    if (type == SignalType::kRate) continue;
    INFO("type " << name(type));
    Signal signal = minimal(type);
    signal.rating = 4;
    CHECK(error(signal) == "rating: not allowed for type '" + std::string(name(type)) + "'");
  }
}

TEST_CASE("at: at most 5 minutes in the future") {
  Signal signal = view();
  signal.at = kNow;
  CHECK(error(signal) == "");
  signal.at = kNow + 300'000;
  CHECK(error(signal) == "");
  signal.at = kNow + 300'001;  // rounded up: never "300 s" for something over the limit
  CHECK(error(signal) == "at: 301 s in the future (at most 300 s allowed)");
  signal.at = kNow + 3'600'000;
  CHECK(error(signal) == "at: 3600 s in the future (at most 300 s allowed)");
  // Milliseconds sent as microseconds.
  signal.at = kNow * 1000;
  CHECK(error(signal).find("at: ") == 0);
  CHECK(error(signal).find(" s in the future") != std::string::npos);
}

TEST_CASE("at: not before 2000-01-01") {
  Signal signal = view();
  signal.at = confidant::kEarliestSignalTimeMs;
  CHECK(error(signal) == "");
  signal.at = confidant::kEarliestSignalTimeMs - 1;
  CHECK(error(signal) == "at: 1999-12-31T23:59:59.999Z (946684799999 ms) is before 2000-01-01T00:00:00Z");
  signal.at = 0;  // never set
  CHECK(error(signal) == "at: 1970-01-01T00:00:00Z (0 ms) is before 2000-01-01T00:00:00Z");
  signal.at = kNow / 1000;  // seconds sent as milliseconds
  CHECK(error(signal) == "at: 1970-01-21T18:39:21.600Z (1795161600 ms) is before 2000-01-01T00:00:00Z");
  signal.at = -86'400'001;
  CHECK(error(signal) == "at: 1969-12-30T23:59:59.999Z (-86400001 ms) is before 2000-01-01T00:00:00Z");
}

TEST_CASE("at: extreme values and clocks do not overflow") {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  Signal signal = view();
  signal.at = kMin;
  CHECK(error(signal).find("at: ") == 0);
  CHECK(error(signal).find("is before 2000-01-01T00:00:00Z") != std::string::npos);
  signal.at = kMax;
  CHECK(error(signal) == "at: " + std::to_string(static_cast<std::uint64_t>(kMax - kNow) / 1000 + 1) +
                             " s in the future (at most 300 s allowed)");
  CHECK(error(signal, kDefaults, kMin) == "at: 18446744073709552 s in the future (at most 300 s allowed)");
  // A clock at the end of time accepts anything after 2000.
  CHECK(error(signal, kDefaults, kMax) == "");
  signal.at = kNow;
  CHECK(error(signal, kDefaults, kMax - 1) == "");
}

TEST_CASE("text: only for preferences, 1..512 bytes of text, no line breaks") {
  Signal like = minimal(SignalType::kLike);
  like.text = "I'm vegetarian";
  CHECK(error(like) == "");
  like.text = "quiet room, high floor \xe2\x80\x94 s'il vous pla\xc3\xaet";
  CHECK(error(like) == "");
  like.text = "";
  CHECK(error(like) == "text: empty");
  like.text = std::string(512, 't');
  CHECK(error(like) == "");
  like.text = std::string(513, 't');
  CHECK(error(like) == "text: longer than 512 bytes (got 513)");
  like.text = repeat("\xc3\xa9", 256) + "x";  // 513 bytes, 257 characters: the limit is bytes
  CHECK(error(like) == "text: longer than 512 bytes (got 513)");
  like.text = "no\nnewlines";
  CHECK(error(like) == "text: control character U+000A at byte 2");
  like.text = "bad \xf4\x90\x80\x80";
  CHECK(error(like) == "text: not valid UTF-8 at byte 4");

  for (SignalType type : kAllSignalTypes) {
    if (is_preference(type)) continue;
    INFO("type " << name(type));
    Signal signal = minimal(type);
    signal.text = "I'm vegetarian";
    CHECK(error(signal) == "text: not allowed for type '" + std::string(name(type)) + "'");
  }
}

TEST_CASE("the first bad field in field order is the one reported") {
  Signal signal = view();
  signal.item = "";
  signal.categories = {"Bad"};
  signal.at = 0;
  CHECK(error(signal) == "item: empty");
  signal.item = "sku-1";
  CHECK(error(signal).find("categories[0]: ") == 0);
  signal.categories.clear();
  CHECK(error(signal).find("at: ") == 0);
}

TEST_CASE("custom limits are honoured") {
  ValidationLimits tight;
  tight.max_item_bytes = 4;
  tight.max_categories = 1;
  tight.max_category_segments = 2;
  tight.max_attrs = 1;
  tight.max_attr_key_bytes = 3;
  tight.max_attr_value_bytes = 2;
  tight.min_rating = 0;
  tight.max_rating = 10;
  tight.max_future_ms = 0;
  tight.min_at_ms = kNow - 60'000;

  Signal signal = view();
  signal.item = "sku-1";
  CHECK(error(signal, tight) == "item: longer than 4 bytes (got 5)");
  signal.item = "sku1";
  signal.categories = {"a", "b"};
  CHECK(error(signal, tight) == "categories: 2 entries, at most 1");
  signal.categories = {"a/b/c"};
  CHECK(error(signal, tight) == "categories[0]: 3 segments, at most 2");
  signal.categories = {"a/b"};
  signal.attrs = {{"milk", "o"}};
  CHECK(error(signal, tight) == "attrs[\"milk\"]: key longer than 3 bytes (got 4)");
  signal.attrs = {{"mlk", "oat"}};
  CHECK(error(signal, tight) == "attrs[\"mlk\"]: value longer than 2 bytes (got 3)");
  signal.attrs = {{"mlk", "oa"}};
  signal.at = kNow + 1;
  CHECK(error(signal, tight) == "at: 1 s in the future (at most 0 s allowed)");
  signal.at = kNow - 120'000;
  CHECK(error(signal, tight).find("at: 2026-11-20T07:58:00Z (") == 0);
  signal.at = kNow;
  CHECK(error(signal, tight) == "");

  Signal rate = minimal(SignalType::kRate);
  rate.at = kNow;
  rate.item = "sku1";
  rate.rating = 0;
  CHECK(error(rate, tight) == "");
  rate.rating = 11;
  CHECK(error(rate, tight) == "rating: 11 out of range 0..10");
}

}  // namespace

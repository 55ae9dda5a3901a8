// The public JSON codec of signals: every field read and written, every
// error class with a message naming the field, round trips for each type,
// and input that is hostile rather than merely wrong.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "confidant/signal.hpp"
#include "signals/signal.hpp"

namespace {

using confidant::ErrorCode;
using confidant::kAllSignalTypes;
using confidant::Signal;
using confidant::signal_from_json;
using confidant::SignalType;
using confidant::to_json;
using confidant::signals::name;

constexpr std::int64_t kT0 = 1795161600000;  // 2026-11-20T08:00:00.000Z

Signal read_ok(const std::string& json) {
  auto result = signal_from_json(json);
  INFO(json << " -> " << result.status().to_string());
  REQUIRE(result);
  return std::move(result).value();
}

std::string read_error(const std::string& json) {
  auto result = signal_from_json(json);
  INFO(json);
  REQUIRE_FALSE(result);
  CHECK(result.status().code() == ErrorCode::kInvalidArgument);
  return result.status().message();
}

bool same(const Signal& a, const Signal& b) {
  return a.type == b.type && a.item == b.item && a.categories == b.categories && a.attrs == b.attrs &&
         a.query == b.query && a.rating == b.rating && a.at == b.at && a.text == b.text;
}

void check_round_trip(const Signal& signal) {
  const std::string json = to_json(signal);
  INFO(json);
  CHECK(same(read_ok(json), signal));
  CHECK(to_json(read_ok(json)) == json);
}

// ---- reading ----

TEST_CASE("the header's example reads field by field") {
  const Signal s = read_ok(
      R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],)"
      R"("attrs":{"milk":"oat"},"query":"...","rating":4,"at":"2026-11-20T08:00:00Z"})");
  CHECK(s.type == SignalType::kOrder);
  CHECK(s.item == "latte-1");
  CHECK(s.categories == std::vector<std::string>{"drinks/coffee/latte"});
  CHECK(s.attrs == std::map<std::string, std::string>{{"milk", "oat"}});
  CHECK(s.query == "...");
  CHECK(s.rating == 4);
  CHECK(s.at == kT0);
  CHECK_FALSE(s.text);
}

TEST_CASE("only type is required, absent fields stay absent") {
  const Signal s = read_ok(R"({"type":"view"})");
  CHECK(s.type == SignalType::kView);
  CHECK_FALSE(s.item);
  CHECK(s.categories.empty());
  CHECK(s.attrs.empty());
  CHECK_FALSE(s.query);
  CHECK_FALSE(s.rating);
  CHECK(s.at == 0);
  CHECK_FALSE(s.text);
}

TEST_CASE("every type name reads") {
  for (SignalType type : kAllSignalTypes) {
    CHECK(read_ok(R"({"type":")" + std::string(name(type)) + "\"}").type == type);
  }
}

TEST_CASE("fields in any order, with text, several categories and attrs") {
  const Signal s = read_ok(
      " {\"text\":\"I'm vegetarian \xf0\x9f\xa5\xa6\", \"categories\":[\"food/vegetarian\",\"food/vegan\"],"
      " \"attrs\":{\"size\":\"grande\",\"milk\":\"oat\"}, \"type\":\"like\"} ");
  CHECK(s.type == SignalType::kLike);
  CHECK(s.text == "I'm vegetarian \xf0\x9f\xa5\xa6");
  CHECK(s.categories == std::vector<std::string>{"food/vegetarian", "food/vegan"});
  CHECK(s.attrs.size() == 2);
  CHECK(s.attrs.at("milk") == "oat");
  CHECK(s.attrs.at("size") == "grande");
}

TEST_CASE("at: ISO 8601 with a zone, or integer Unix milliseconds") {
  CHECK(read_ok(R"({"type":"view","at":"2026-11-20T09:00:00.250+01:00"})").at == kT0 + 250);
  CHECK(read_ok(R"({"type":"view","at":"2026-11-20t08:00:00z"})").at == kT0);
  CHECK(read_ok(R"({"type":"view","at":1795161600000})").at == kT0);
  CHECK(read_ok(R"({"type":"view","at":0})").at == 0);
  // Range is validate()'s business, not the codec's.
  CHECK(read_ok(R"({"type":"view","at":-5})").at == -5);
  CHECK(read_ok(R"({"type":"view","at":9223372036854775807})").at == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("lengths and per-type rules are left to validate()") {
  // A query on a click and a 1000-byte item are JSON-valid; validate() refuses them.
  const Signal s = read_ok(R"({"type":"click","query":"q","rating":99,"item":")" + std::string(1000, 'x') + "\"}");
  CHECK(s.query == "q");
  CHECK(s.rating == 99);
  CHECK(s.item->size() == 1000);
  CHECK(read_ok(R"({"type":"view","item":"","categories":[],"attrs":{}})").item == "");
  CHECK(read_ok(R"({"type":"view","rating":-9223372036854775808})").rating == std::numeric_limits<std::int64_t>::min());
}

// ---- errors ----

TEST_CASE("type is required, must be a string and a known name") {
  CHECK(read_error(R"({})") == "type: required");
  CHECK(read_error(R"({"item":"x"})") == "type: required");
  CHECK(read_error(R"({"type":1})") == "type: expected a string, got a number");
  CHECK(read_error(R"({"type":null})") == "type: expected a string, got null");
  CHECK(read_error(R"({"type":"View"})") == "type: unknown value 'View'");
  CHECK(read_error(R"({"type":"buy"})") == "type: unknown value 'buy'");
  CHECK(read_error(R"({"type":""})") == "type: unknown value ''");
}

TEST_CASE("unknown fields are named") {
  CHECK(read_error(R"({"type":"view","foo":1})") == "foo: unknown field");
  CHECK(read_error(R"({"foo":1,"type":"view"})") == "foo: unknown field");
  CHECK(read_error(R"({"type":"view","Item":"x"})") == "Item: unknown field");
  CHECK(read_error(R"({"type":"view","timestamp":1})") == "timestamp: unknown field");
  // A name that is not plain text is quoted, so it cannot garble a log line.
  CHECK(read_error(R"({"type":"view","a b\n":1})") == "'a b\\x0a': unknown field");
  CHECK(read_error(R"({"type":"view","":1})") == "'': unknown field");
}

TEST_CASE("wrong JSON types name the field and the expected type") {
  CHECK(read_error(R"({"type":"view","item":7})") == "item: expected a string, got a number");
  CHECK(read_error(R"({"type":"view","item":null})") == "item: expected a string, got null");
  CHECK(read_error(R"({"type":"view","item":["a"]})") == "item: expected a string, got an array");
  CHECK(read_error(R"({"type":"search","query":{}})") == "query: expected a string, got an object");
  CHECK(read_error(R"({"type":"like","text":true})") == "text: expected a string, got a boolean");
  CHECK(read_error(R"({"type":"view","categories":"a/b"})") ==
        "categories: expected an array of strings, got a string");
  CHECK(read_error(R"({"type":"view","categories":["a",2]})") == "categories[1]: expected a string, got a number");
  CHECK(read_error(R"({"type":"view","categories":[["a"]]})") == "categories[0]: expected a string, got an array");
  CHECK(read_error(R"({"type":"view","attrs":["milk","oat"]})") == "attrs: expected an object of strings, got an array");
  CHECK(read_error(R"({"type":"view","attrs":{"milk":"oat","shots":2}})") == "attrs.shots: expected a string, got a number");
  CHECK(read_error(R"({"type":"view","attrs":{"a\"b":null}})") == "attrs.'a\"b': expected a string, got null");
}

TEST_CASE("rating must be a JSON integer") {
  CHECK(read_error(R"({"type":"rate","rating":4.5})") == "rating: expected an integer, got a non-integer number");
  CHECK(read_error(R"({"type":"rate","rating":4.0})") == "rating: expected an integer, got a non-integer number");
  CHECK(read_error(R"({"type":"rate","rating":4e0})") == "rating: expected an integer, got a non-integer number");
  CHECK(read_error(R"({"type":"rate","rating":9223372036854775808})") ==
        "rating: expected an integer, got a non-integer number");
  CHECK(read_error(R"({"type":"rate","rating":"4"})") == "rating: expected an integer, got a string");
  CHECK(read_error(R"({"type":"rate","rating":null})") == "rating: expected an integer, got null");
}

TEST_CASE("at: malformed times name the field, the value and the problem") {
  CHECK(read_error(R"({"type":"view","at":"2026-11-20T08:00:00"})") ==
        "at: '2026-11-20T08:00:00': missing zone ('Z' or an offset such as '+01:00'): a time without one is "
        "ambiguous");
  CHECK(read_error(R"({"type":"view","at":"2026/11/20"})") ==
        "at: '2026/11/20': offset 4: expected '-' after the year");
  CHECK(read_error(R"({"type":"view","at":"2026-02-30T00:00:00Z"})") ==
        "at: '2026-02-30T00:00:00Z': day 30 does not exist in 2026-02 (01-28)");
  CHECK(read_error(R"({"type":"view","at":"1969-12-31T23:59:59Z"})") ==
        "at: '1969-12-31T23:59:59Z': before 1970-01-01T00:00:00Z");
  CHECK(read_error(R"({"type":"view","at":1795161600000.5})") ==
        "at: expected an integer (Unix ms), got a non-integer number");
  CHECK(read_error(R"({"type":"view","at":1e12})") == "at: expected an integer (Unix ms), got a non-integer number");
  CHECK(read_error(R"({"type":"view","at":true})") ==
        "at: expected an ISO 8601 string or an integer (Unix ms), got a boolean");
  CHECK(read_error(R"({"type":"view","at":null})") ==
        "at: expected an ISO 8601 string or an integer (Unix ms), got null");
  // The value is quoted safely, and cut when long.
  const std::string message = read_error(R"({"type":"view","at":"\u001b[31m)" + std::string(200, 'x') + "\"}");
  CHECK(message.rfind("at: '\\x1b[31mxxx", 0) == 0);
  CHECK(message.find("...': offset 0: expected 4 digits for the year") != std::string::npos);
}

TEST_CASE("the document must be one JSON object") {
  CHECK(read_error(R"(["type","view"])") == "signal: expected a JSON object, got an array");
  CHECK(read_error(R"("view")") == "signal: expected a JSON object, got a string");
  CHECK(read_error("null") == "signal: expected a JSON object, got null");
  CHECK(read_error("") == "json: offset 0: expected a value");
  CHECK(read_error(R"({"type":"view"} {"type":"view"})") == "json: offset 16: expected end of input");
  CHECK(read_error(R"({"type":"view",})") == "json: offset 15: expected a string key");
}

TEST_CASE("JSON-level problems are refused before any field is read") {
  CHECK(read_error(R"({"type":"view","type":"click"})") == "json: offset 15: duplicate key 'type'");
  CHECK(read_error(R"({"type":"view","attrs":{"milk":"oat","milk":"soy"}})") ==
        "json: offset 37: duplicate key 'milk'");
  CHECK(read_error("{\"type\":\"view\",\"item\":\"a\xff\"}") == "json: offset 24: invalid UTF-8 in string");
  CHECK(read_error(R"({"type":"view","item":"\ud800"})") == "json: offset 23: lone high surrogate \\ud800");
  CHECK(read_error("{\"type\":\"view\",\"item\":\"a\tb\"}").find("control character in string") !=
        std::string::npos);
  CHECK(read_error(R"({"type":"view","rating":01})") == "json: offset 25: leading zeros are not allowed");
  CHECK(read_error(R"({"type":"view","rating":NaN})") == "json: offset 24: expected a value");
}

TEST_CASE("hostile input fails cleanly") {
  CHECK(read_error(std::string(100'000, '[')) == "json: offset 64: nesting deeper than 64");
  CHECK(read_error(R"({"type":"view","categories":)" + std::string(100'000, '[')) ==
        "json: offset 91: nesting deeper than 64");
  CHECK(read_error(std::string("{\"type\":\"view\"}\0", 16)) == "json: offset 15: expected end of input");
  CHECK(read_error(std::string(5u << 20, ' ')).find("more than the limit") != std::string::npos);

  // Every prefix of a full signal is either the whole signal or a clean error.
  const std::string full = to_json([] {
    Signal s;
    s.type = SignalType::kRate;
    s.item = "sku-\xc3\xa9";
    s.categories = {"a/b", "c"};
    s.attrs = {{"k", "v\n"}};
    s.rating = 5;
    s.at = kT0 + 1;
    return s;
  }());
  for (std::size_t n = 0; n < full.size(); ++n) CHECK_FALSE(signal_from_json(full.substr(0, n)));
  CHECK(signal_from_json(full));
}

// ---- writing ----

TEST_CASE("to_json writes fields in a fixed order, absent ones omitted") {
  Signal s;
  s.type = SignalType::kOrder;
  s.text = "t";
  s.at = kT0;
  s.rating = 4;
  s.query = "q";
  s.attrs = {{"size", "grande"}, {"milk", "oat"}};
  s.categories = {"drinks/coffee/latte", "drinks"};
  s.item = "latte-1";
  CHECK(to_json(s) ==
        R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte","drinks"],)"
        R"("attrs":{"milk":"oat","size":"grande"},"query":"q","rating":4,"at":"2026-11-20T08:00:00.000Z","text":"t"})");

  Signal minimal;
  CHECK(to_json(minimal) == R"({"type":"view"})");
  minimal.item = "";
  CHECK(to_json(minimal) == R"({"type":"view","item":""})");
}

TEST_CASE("to_json: at as ISO 8601 when it can be, as an integer otherwise") {
  Signal s;
  s.at = 1;
  CHECK(to_json(s) == R"({"type":"view","at":"1970-01-01T00:00:00.001Z"})");
  s.at = -1;
  CHECK(to_json(s) == R"({"type":"view","at":-1})");
  s.at = 253402300800000;  // 10000-01-01
  CHECK(to_json(s) == R"({"type":"view","at":253402300800000})");
}

TEST_CASE("to_json escapes text so it always reads back") {
  Signal s;
  s.type = SignalType::kLike;
  s.text = "say \"hi\"\\\n\t\x01 caf\xc3\xa9 \xe2\x80\xa8";
  s.attrs = {{"a\"b", "c\\d"}};
  CHECK(to_json(s) == "{\"type\":\"like\",\"attrs\":{\"a\\\"b\":\"c\\\\d\"},"
                      "\"text\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001 caf\xc3\xa9 \\u2028\"}");
  check_round_trip(s);
}

TEST_CASE("round trip for each signal type") {
  for (SignalType type : kAllSignalTypes) {
    INFO("type " << name(type));
    Signal s;
    s.type = type;
    check_round_trip(s);
    s.item = "item-" + std::string(name(type));
    s.categories = {"food/vegetarian"};
    s.attrs = {{"milk", "oat"}, {"size", "grande"}};
    s.at = kT0 + 123;
    check_round_trip(s);
    if (type == SignalType::kSearch) s.query = "pasta \xf0\x9f\x8d\x9d";
    if (type == SignalType::kRate) s.rating = 4;
    if (confidant::signals::is_preference(type)) s.text = "I'm vegetarian";
    check_round_trip(s);
  }
  // Times outside the ISO range and extreme integers survive too.
  Signal extreme;
  extreme.at = std::numeric_limits<std::int64_t>::min();
  extreme.rating = std::numeric_limits<std::int64_t>::max();
  check_round_trip(extreme);
  extreme.at = std::numeric_limits<std::int64_t>::max();
  check_round_trip(extreme);
}

}  // namespace

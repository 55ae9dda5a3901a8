// common/json: the strict reader (every valid form, every rejection class
// with its message, limits, hostile input) and the writer (string escaping,
// doubles, round trips).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "common/json.hpp"
#include "common/utf8.hpp"

namespace {

using confidant::ErrorCode;
using confidant::json::append_json_double;
using confidant::json::json_string;
using confidant::json::parse;
using confidant::json::ParseLimits;
using confidant::json::serialize;
using confidant::json::Type;
using confidant::json::Value;
using confidant::text::find_invalid_utf8;

Value parse_ok(const std::string& text, ParseLimits limits = {}) {
  auto result = parse(text, limits);
  INFO(text << " -> " << result.status().to_string());
  REQUIRE(result);
  return std::move(result).value();
}

std::string parse_error(const std::string& text, ParseLimits limits = {}) {
  auto result = parse(text, limits);
  INFO(text);
  REQUIRE_FALSE(result);
  CHECK(result.status().code() == ErrorCode::kInvalidArgument);
  return result.status().message();
}

std::string round_trip(const std::string& text) { return parse_ok(json_string(text)).as_string(); }

std::string double_text(double value) {
  std::string out;
  append_json_double(out, value);
  return out;
}

// ---- reading: valid documents ----

TEST_CASE("scalars of every kind") {
  CHECK(parse_ok("null").is_null());
  CHECK(parse_ok("true").as_bool());
  CHECK(parse_ok("false").is_bool());
  CHECK_FALSE(parse_ok("false").as_bool());
  CHECK(parse_ok("\"hi\"").as_string() == "hi");
  CHECK(parse_ok("\"\"").as_string().empty());
  CHECK(parse_ok(" \t\r\n 7 \n").as_int64() == 7);
}

TEST_CASE("integers keep their exact int64 value") {
  for (const auto& [text, expected] : std::initializer_list<std::pair<std::string, std::int64_t>>{
           {"0", 0},
           {"-0", 0},
           {"42", 42},
           {"-17", -17},
           {"9007199254740993", 9007199254740993},  // 2^53 + 1: not a double
           {"9223372036854775807", std::numeric_limits<std::int64_t>::max()},
           {"-9223372036854775808", std::numeric_limits<std::int64_t>::min()}}) {
    const Value v = parse_ok(text);
    INFO(text);
    CHECK(v.is_number());
    CHECK(v.is_integer());
    CHECK(v.as_int64() == expected);
  }
}

TEST_CASE("fractions, exponents and out-of-int64 integers are doubles") {
  const Value four = parse_ok("4.0");
  CHECK(four.is_number());
  CHECK_FALSE(four.is_integer());
  CHECK(four.as_int64() == 0);
  CHECK(four.as_double() == 4.0);
  CHECK_FALSE(parse_ok("4e0").is_integer());
  CHECK(parse_ok("-2.5E+3").as_double() == -2500.0);
  CHECK(parse_ok("1e-2").as_double() == 0.01);
  CHECK(parse_ok("0.1").as_double() == 0.1);
  CHECK(parse_ok("1.7976931348623157e308").as_double() == std::numeric_limits<double>::max());

  const Value big = parse_ok("9223372036854775808");  // int64 max + 1
  CHECK_FALSE(big.is_integer());
  CHECK(big.as_double() == 9223372036854775808.0);
  CHECK_FALSE(parse_ok("-9223372036854775809").is_integer());
}

TEST_CASE("numbers too small for a double round to zero, too large ones are refused") {
  CHECK(parse_ok("1e-400").as_double() == 0.0);
  const double negative = parse_ok("-0.0000000000000000000000000000000000000000000000000000000000000000000000"
                                   "000000000000000000000000000000000000000000000000000000000000000000000000"
                                   "000000000000000000000000000000000000000000000000000000000000000000000000"
                                   "000000000000000000000000000000000000000000000000000000000000000000000000"
                                   "000000000000000000000000000000000000000000000000000000000000000000000000"
                                   "0000000001")
                              .as_double();
  CHECK(negative == 0.0);
  CHECK(std::signbit(negative));
  CHECK(parse_error("1e400") == "json: offset 0: number out of the range of a double");
  CHECK(parse_error("[0, -1.8e308]") == "json: offset 4: number out of the range of a double");
  CHECK(parse_error("1e99999999999999999999999") == "json: offset 0: number out of the range of a double");
  CHECK(parse_ok("1e-99999999999999999999999").as_double() == 0.0);
  CHECK(parse_error(std::string(400, '9')) == "json: offset 0: number out of the range of a double");
}

TEST_CASE("arrays and objects, members in document order") {
  const Value v = parse_ok(R"( { "b" : [1, "two", [], {}, null, true] , "a":{"x":-1.5} , "":0 } )");
  REQUIRE(v.is_object());
  const Value::Object& members = v.as_object();
  REQUIRE(members.size() == 3);
  CHECK(members[0].first == "b");
  CHECK(members[1].first == "a");
  CHECK(members[2].first.empty());

  const Value* b = v.find("b");
  REQUIRE(b != nullptr);
  REQUIRE(b->as_array().size() == 6);
  CHECK(b->as_array()[0].as_int64() == 1);
  CHECK(b->as_array()[1].as_string() == "two");
  CHECK(b->as_array()[2].is_array());
  CHECK(b->as_array()[2].as_array().empty());
  CHECK(b->as_array()[3].is_object());
  CHECK(b->as_array()[4].is_null());
  CHECK(b->as_array()[5].as_bool());
  CHECK(v.find("a")->find("x")->as_double() == -1.5);
  CHECK(v.find("")->as_int64() == 0);
  CHECK(v.find("missing") == nullptr);
  CHECK(b->find("b") == nullptr);  // not an object
}

TEST_CASE("accessors of the wrong type give empty values, never throw") {
  const Value v = parse_ok("[1]");
  CHECK_FALSE(v.as_bool());
  CHECK(v.as_int64() == 0);
  CHECK(v.as_double() == 0.0);
  CHECK(v.as_string().empty());
  CHECK(v.as_object().empty());
  CHECK(parse_ok("\"x\"").as_array().empty());
  CHECK(Value().type() == Type::kNull);
}

TEST_CASE("string escapes") {
  CHECK(parse_ok(R"("\" \\ \/ \b \f \n \r \t")").as_string() == "\" \\ / \b \f \n \r \t");
  CHECK(parse_ok(R"("\u0041\u00e9\u20AC\uFFFF")").as_string() == "A\xc3\xa9\xe2\x82\xac\xef\xbf\xbf");
  CHECK(parse_ok(R"("nul\u0000byte")").as_string() == std::string("nul\0byte", 8));
  CHECK(parse_ok("\"caf\xc3\xa9 \xf0\x9f\x8d\xb5\"").as_string() == "caf\xc3\xa9 \xf0\x9f\x8d\xb5");
  CHECK(parse_ok("\"\x7f\xc2\x80\"").as_string() == "\x7f\xc2\x80");  // DEL and C1 may appear raw
}

TEST_CASE("surrogate pairs decode to one code point, lone halves are refused") {
  CHECK(parse_ok(R"("\ud83c\udf75")").as_string() == "\xf0\x9f\x8d\xb5");  // 🍵
  CHECK(parse_ok(R"("\uD800\uDC00")").as_string() == "\xf0\x90\x80\x80");  // U+10000
  CHECK(parse_ok(R"("\udbff\udfff")").as_string() == "\xf4\x8f\xbf\xbf");  // U+10FFFF

  CHECK(parse_error(R"("\ud83c")") == "json: offset 1: lone high surrogate \\ud83c");
  CHECK(parse_error(R"("ab\ud83cx")") == "json: offset 3: lone high surrogate \\ud83c");
  CHECK(parse_error(R"("\ud83c\u0041")") == "json: offset 1: lone high surrogate \\ud83c");
  CHECK(parse_error(R"("\ud83c\ud83c")") == "json: offset 1: lone high surrogate \\ud83c");
  CHECK(parse_error(R"("\udf75")") == "json: offset 1: lone low surrogate \\udf75");
  CHECK(parse_error(R"("\udf75\ud83c")") == "json: offset 1: lone low surrogate \\udf75");
  CHECK(parse_error(R"("\ud83c\udf7")") == "json: offset 7: expected 4 hex digits after \\u");
}

// ---- reading: each rejection class ----

TEST_CASE("structure errors say where and what was expected") {
  CHECK(parse_error("") == "json: offset 0: expected a value");
  CHECK(parse_error("   ") == "json: offset 3: expected a value");
  CHECK(parse_error("[1,]") == "json: offset 3: expected a value");
  CHECK(parse_error("{\"a\":1,}") == "json: offset 7: expected a string key");
  CHECK(parse_error("{\"a\":1 \"b\":2}") == "json: offset 7: expected ',' or '}'");
  CHECK(parse_error("[1 2]") == "json: offset 3: expected ',' or ']'");
  CHECK(parse_error("[1") == "json: offset 2: expected ',' or ']'");
  CHECK(parse_error("{\"a\" 1}") == "json: offset 5: expected ':'");
  CHECK(parse_error("{\"a\":}") == "json: offset 5: expected a value");
  CHECK(parse_error("{1:2}") == "json: offset 1: expected a string key");
  CHECK(parse_error("{'a':2}") == "json: offset 1: expected a string key");
  CHECK(parse_error("[,1]") == "json: offset 1: expected a value");
  CHECK(parse_error("]") == "json: offset 0: expected a value");
  CHECK(parse_error("{") == "json: offset 1: expected a string key");
}

TEST_CASE("only whitespace may surround the single value") {
  CHECK(parse_error("1 2") == "json: offset 2: expected end of input");
  CHECK(parse_error("{} {}") == "json: offset 3: expected end of input");
  CHECK(parse_error("null x") == "json: offset 5: expected end of input");
  CHECK(parse_error("\xef\xbb\xbf{}") == "json: offset 0: expected a value");  // byte-order mark
  CHECK(parse_error("\f1") == "json: offset 0: expected a value");             // not JSON whitespace
  CHECK(parse_error(std::string("1\0", 2)) == "json: offset 1: expected end of input");
}

TEST_CASE("no comments, no NaN or Infinity, no other literals") {
  CHECK(parse_error("[1] // c") == "json: offset 4: expected end of input");
  CHECK(parse_error("/* c */ 1") == "json: offset 0: expected a value");
  CHECK(parse_error("[1, /* c */ 2]") == "json: offset 4: expected a value");
  CHECK(parse_error("NaN") == "json: offset 0: expected a value");
  CHECK(parse_error("Infinity") == "json: offset 0: expected a value");
  CHECK(parse_error("-Infinity") == "json: offset 1: expected a digit");
  CHECK(parse_error("tru") == "json: offset 0: expected a value");
  CHECK(parse_error("True") == "json: offset 0: expected a value");
  CHECK(parse_error("nul") == "json: offset 0: expected a value");
  CHECK(parse_error("undefined") == "json: offset 0: expected a value");
  CHECK(parse_error("truex") == "json: offset 4: expected end of input");
}

TEST_CASE("number grammar is RFC 8259's exactly") {
  CHECK(parse_error("01") == "json: offset 1: leading zeros are not allowed");
  CHECK(parse_error("-01") == "json: offset 2: leading zeros are not allowed");
  CHECK(parse_error("00.5") == "json: offset 1: leading zeros are not allowed");
  CHECK(parse_error("+1") == "json: offset 0: expected a value");
  CHECK(parse_error("-") == "json: offset 1: expected a digit");
  CHECK(parse_error("- 1") == "json: offset 1: expected a digit");
  CHECK(parse_error(".5") == "json: offset 0: expected a value");
  CHECK(parse_error("1.") == "json: offset 2: expected a digit after '.'");
  CHECK(parse_error("1.e5") == "json: offset 2: expected a digit after '.'");
  CHECK(parse_error("1e") == "json: offset 2: expected a digit in the exponent");
  CHECK(parse_error("1e+") == "json: offset 3: expected a digit in the exponent");
  CHECK(parse_error("0x10") == "json: offset 1: expected end of input");
  CHECK(parse_error("1_000") == "json: offset 1: expected end of input");
  CHECK(parse_ok("0e0").as_double() == 0.0);
  CHECK(parse_ok("-0.0e-0").as_double() == 0.0);
}

TEST_CASE("strings: control characters, bad escapes, bad UTF-8, no end") {
  CHECK(parse_error("\"a\nb\"") ==
        "json: offset 2: control character in string (use an escape such as \\n or \\u001f)");
  CHECK(parse_error(std::string("\"a\0b\"", 5)).find("offset 2: control character") != std::string::npos);
  CHECK(parse_error("\"\t\"").find("offset 1: control character") != std::string::npos);
  CHECK(parse_error(R"("\x41")") ==
        "json: offset 1: invalid escape (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
  CHECK(parse_error(R"("\U0041")").find("offset 1: invalid escape") != std::string::npos);
  CHECK(parse_error(R"("\')").find("offset 1: invalid escape") != std::string::npos);
  CHECK(parse_error(R"("\u12")") == "json: offset 1: expected 4 hex digits after \\u");
  CHECK(parse_error(R"("\u12g4")") == "json: offset 1: expected 4 hex digits after \\u");
  CHECK(parse_error("\"\\") == "json: offset 1: invalid escape (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
  CHECK(parse_error("\"abc") == "json: offset 4: expected '\"' to end the string");
  CHECK(parse_error("'abc'") == "json: offset 0: expected a value");

  CHECK(parse_error("\"a\xff\"") == "json: offset 2: invalid UTF-8 in string");
  CHECK(parse_error("\"\xc3\"") == "json: offset 1: invalid UTF-8 in string");           // truncated
  CHECK(parse_error("\"\xc0\xaf\"") == "json: offset 1: invalid UTF-8 in string");       // overlong
  CHECK(parse_error("\"\xed\xa0\x80\"") == "json: offset 1: invalid UTF-8 in string");   // encoded surrogate
  CHECK(parse_error("\"\xf4\x90\x80\x80\"") == "json: offset 1: invalid UTF-8 in string");  // past U+10FFFF
  CHECK(parse_error("{\"k\xff\":1}") == "json: offset 3: invalid UTF-8 in string");     // keys too
}

TEST_CASE("duplicate keys are refused, naming the key") {
  CHECK(parse_error(R"({"a":1,"a":2})") == "json: offset 7: duplicate key 'a'");
  CHECK(parse_error(R"({"a":1,"b":{"c":1,"c":1}})") == "json: offset 18: duplicate key 'c'");
  // Escapes are compared decoded: "\u0061" is "a".
  CHECK(parse_error(R"({"a":1,"\u0061":2})") == "json: offset 7: duplicate key 'a'");
  // The key is quoted safely in the message.
  CHECK(parse_error("{\"a\\nb\":1,\"a\\nb\":2}") == "json: offset 10: duplicate key 'a\\x0ab'");
  // Same key in sibling objects is fine.
  CHECK(parse_ok(R"([{"a":1},{"a":2}])").as_array().size() == 2);

  // Past the linear-scan size too, with the duplicate far from the original.
  std::string big = "{";
  for (int i = 0; i < 1000; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  CHECK(parse_ok(big + "\"last\":0}").as_object().size() == 1001);
  const std::string message = parse_error(big + "\"k3\":0}");
  CHECK(message.find("duplicate key 'k3'") != std::string::npos);
  const std::string late = parse_error(big + "\"k999\":0}");
  CHECK(late.find("duplicate key 'k999'") != std::string::npos);
}

// ---- limits and hostile input ----

TEST_CASE("nesting is refused at the depth limit, without recursion") {
  const auto nested = [](std::size_t depth, char open, char close) {
    return std::string(depth, open) + std::string(depth, close);
  };
  CHECK(parse_ok(nested(64, '[', ']')).is_array());
  CHECK(parse_error(nested(65, '[', ']')) == "json: offset 64: nesting deeper than 64");

  std::string objects;
  for (int i = 0; i < 65; ++i) objects += "{\"a\":";
  CHECK(parse_error(objects + "1" + std::string(65, '}')) == "json: offset 320: nesting deeper than 64");

  ParseLimits shallow;
  shallow.max_depth = 2;
  CHECK(parse_ok("[[1],{\"a\":2}]", shallow).is_array());
  CHECK(parse_error("[[1],{\"a\":[]}]", shallow) == "json: offset 10: nesting deeper than 2");
  CHECK(parse_error("[[[1]]]", shallow) == "json: offset 2: nesting deeper than 2");
  shallow.max_depth = 0;
  CHECK(parse_ok("1", shallow).as_int64() == 1);
  CHECK(parse_error("[]", shallow) == "json: offset 0: nesting deeper than 0");

  // A megabyte of '[' or '{"a":' neither crashes nor recurses.
  CHECK(parse_error(std::string(1 << 20, '[')) == "json: offset 64: nesting deeper than 64");
  std::string hostile;
  for (int i = 0; i < 200'000; ++i) hostile += "{\"a\":";
  CHECK(parse_error(hostile) == "json: offset 320: nesting deeper than 64");

  // The ceiling holds whatever the caller asks for.
  ParseLimits deep;
  deep.max_depth = 1'000'000;
  deep.max_text_bytes = 16u << 20;
  CHECK(parse_ok(nested(512, '[', ']'), deep).is_array());
  CHECK(parse_error(nested(513, '[', ']'), deep) == "json: offset 512: nesting deeper than 512");
  CHECK(parse_error(std::string(4u << 20, '['), deep) == "json: offset 512: nesting deeper than 512");
}

TEST_CASE("text, string and value-count limits") {
  ParseLimits limits;
  limits.max_text_bytes = 10;
  CHECK(parse_ok("[1,2,3,45]", limits).as_array().size() == 4);
  CHECK(parse_error("[1,2,3,456]", limits) == "json: text is 11 bytes, more than the limit of 10");

  limits = {};
  limits.max_string_bytes = 4;
  CHECK(parse_ok("[\"abcd\",\"\\u00e9\\u00e9\"]", limits).is_array());
  CHECK(parse_error("[\"abcde\"]", limits) == "json: offset 1: string longer than 4 bytes");
  CHECK(parse_error("{\"abcde\":1}", limits) == "json: offset 1: string longer than 4 bytes");
  CHECK(parse_error("[\"\\u00e9\\u00e9\\u00e9\"]", limits) == "json: offset 1: string longer than 4 bytes");

}

TEST_CASE("value-count limit counts containers and scalars") {
  ParseLimits limits;
  limits.max_values = 4;
  CHECK(parse_ok("[1,2,3]", limits).as_array().size() == 3);  // 4 values
  CHECK(parse_error("[1,2,3,4]", limits) == "json: offset 7: more than 4 values");
  CHECK(parse_ok("[[],[],[]]", limits).as_array().size() == 3);
  CHECK(parse_error("[[],[],[],[]]", limits) == "json: offset 10: more than 4 values");
  CHECK(parse_ok("{\"a\":1,\"b\":2,\"c\":3}", limits).as_object().size() == 3);  // keys are not values

  // The defaults bound a document of many tiny values.
  std::string many = "[";
  for (int i = 0; i < 300'000; ++i) many += "0,";
  many += "0]";
  CHECK(parse_error(many).find("more than 262144 values") != std::string::npos);
}

TEST_CASE("arbitrary bytes never crash the reader") {
  // Every prefix of a document exercising each construct, and every
  // single-byte mutation of it: all are either valid or a clean error.
  const std::string doc =
      R"({"a":[1,-2.5e3,true,false,null,"x\u00e9\ud83c\udf75\n"],"b":{"c":{}},"d":[],"e":0.1})";
  for (std::size_t n = 0; n <= doc.size(); ++n) {
    auto result = parse(doc.substr(0, n));
    CHECK(result.is_ok() == (n == doc.size()));
  }
  for (std::size_t i = 0; i < doc.size(); ++i) {
    for (int byte : {0x00, 0x22, 0x2c, 0x5b, 0x5c, 0x5d, 0x7b, 0x7d, 0x80, 0xff}) {
      std::string mutated = doc;
      mutated[i] = static_cast<char>(byte);
      auto result = parse(mutated);
      if (!result) CHECK(result.status().message().rfind("json: ", 0) == 0);
    }
  }
  // A cheap deterministic fuzz over a JSON-ish alphabet.
  const std::string alphabet = "[]{},:\"\\0123456789.eE+-tfnrul ua\xc3\xa9";
  std::uint32_t state = 12345;
  for (int iteration = 0; iteration < 20'000; ++iteration) {
    std::string text;
    const int length = static_cast<int>(state % 40);
    for (int i = 0; i < length; ++i) {
      state = state * 1664525u + 1013904223u;
      text += alphabet[(state >> 16) % alphabet.size()];
    }
    state = state * 1664525u + 1013904223u;
    auto result = parse(text);
    if (result) CHECK(parse(serialize(result.value())).value() == result.value());
  }
}

// ---- writing ----

TEST_CASE("plain text is quoted and copied") {
  CHECK(json_string("") == "\"\"");
  CHECK(json_string("policy 2026-11") == "\"policy 2026-11\"");
}

TEST_CASE("quotes, backslashes and control characters are escaped") {
  CHECK(json_string("say \"hi\"") == R"("say \"hi\"")");
  CHECK(json_string("C:\\path") == R"("C:\\path")");
  CHECK(json_string("a\nb\rc\td\be\ff") == R"("a\nb\rc\td\be\ff")");
  CHECK(json_string(std::string("nul\0x", 5)) == R"("nul\u0000x")");
  CHECK(json_string("\x01\x1f\x7f") == R"("\u0001\u001f\u007f")");
  CHECK(json_string("a/b") == "\"a/b\"");
}

TEST_CASE("non-ASCII text is copied as UTF-8, except the JavaScript line separators") {
  const std::string text = "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x8d\xb5 \xe6\x97\xa5\xe6\x9c\xac";  // café € 🍵 日本
  CHECK(json_string(text) == "\"" + text + "\"");
  CHECK(json_string("a\xe2\x80\xa8" "b\xe2\x80\xa9") == R"("a\u2028b\u2029")");
}

TEST_CASE("every escaped string parses back to the input") {
  for (const std::string& text : {std::string("v1 \"beta\"\n\tline2 \\ end"), std::string("\xf0\x9f\x98\x80 emoji"),
                                 std::string("\xe2\x80\xa8"), std::string(1, '\0'), std::string(200, '"')}) {
    CHECK(round_trip(text) == text);
  }
  std::string ascii;
  for (int c = 0; c < 0x80; ++c) ascii += static_cast<char>(c);
  CHECK(round_trip(ascii) == ascii);
}

TEST_CASE("ill-formed UTF-8 becomes U+FFFD per bad byte, so the output stays valid JSON") {
  const std::string replacement = "\xef\xbf\xbd";
  CHECK(json_string("a\xff" "b") == R"("a\ufffdb")");
  CHECK(round_trip("a\xc3") == "a" + replacement);                               // truncated sequence
  CHECK(round_trip("\xc0\xaf") == replacement + replacement);                    // overlong '/'
  CHECK(round_trip("\xed\xa0\x80") == replacement + replacement + replacement);  // a UTF-16 surrogate
  CHECK(round_trip("\xf4\x90\x80\x80") == replacement + replacement + replacement + replacement);  // > U+10FFFF
}

TEST_CASE("find_invalid_utf8 finds the first ill-formed byte") {
  using npos_t = std::string_view;
  CHECK(find_invalid_utf8("") == npos_t::npos);
  CHECK(find_invalid_utf8("caf\xc3\xa9 \xf0\x9f\x8d\xb5") == npos_t::npos);
  CHECK(find_invalid_utf8("ab\x80") == 2);
  CHECK(find_invalid_utf8("a\xe2\x82") == 1);
  CHECK(find_invalid_utf8("\xe0\x80\x80") == 0);    // overlong
  CHECK(find_invalid_utf8("ok\xed\xbf\xbf") == 2);  // surrogate
}

TEST_CASE("doubles are written to round-trip and to read back as doubles") {
  CHECK(double_text(4.0) == "4.0");
  CHECK(double_text(-0.0) == "-0.0");
  CHECK(double_text(0.1) == "0.1");
  CHECK(double_text(-2500.0) == "-2500.0");
  CHECK(double_text(1e300) == "1e+300");
  CHECK(double_text(1e-7) == "1e-07");
  CHECK(double_text(std::numeric_limits<double>::quiet_NaN()) == "null");
  CHECK(double_text(std::numeric_limits<double>::infinity()) == "null");
  CHECK(double_text(-std::numeric_limits<double>::infinity()) == "null");
  for (double value : {0.1, 1.0 / 3, 2.5e-308, 4.9e-324, 1.7976931348623157e308, 123456789.123456789, -1e21,
                       9007199254740993.0}) {
    const Value back = parse_ok(double_text(value));
    CHECK_FALSE(back.is_integer());
    CHECK(back.as_double() == value);
  }
}

TEST_CASE("serialize writes compact JSON in member order") {
  const Value v = Value::from_object({
      {"z", Value::from_int64(-3)},
      {"a", Value::from_array({Value(), Value::from_bool(true), Value::from_bool(false), Value::from_double(1.5),
                               Value::from_double(2.0), Value::from_string("q\"\n")})},
      {"m", Value::from_object({})},
      {"e", Value::from_array({})},
  });
  CHECK(serialize(v) == R"({"z":-3,"a":[null,true,false,1.5,2.0,"q\"\n"],"m":{},"e":[]})");
  CHECK(serialize(Value::from_int64(std::numeric_limits<std::int64_t>::min())) == "-9223372036854775808");
}

TEST_CASE("serialize(parse(x)) round-trips") {
  for (const std::string& text : {
           std::string(R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],)"
                       R"("attrs":{"milk":"oat"},"rating":4,"at":"2026-11-20T08:00:00Z"})"),
           std::string(R"([1,-0.5,1e+300,4.0,"\u0000\u001f\"\\",[],{},[[[]]],null,true,false])"),
           std::string("\"caf\xc3\xa9 \xf0\x9f\x8d\xb5\""),
           std::string("9223372036854775807"),
       }) {
    const Value first = parse_ok(text);
    const std::string written = serialize(first);
    const Value second = parse_ok(written);
    CHECK(second == first);
    CHECK(serialize(second) == written);  // a fixed point after one pass
  }
  // Formatting is normalized; values are not.
  CHECK(serialize(parse_ok(" [ 1 , 2.50 , 1E2 , \"\\u00e9\\/\" ] ")) == "[1,2.5,100.0,\"\xc3\xa9/\"]");
  CHECK(serialize(parse_ok("-0")) == "0");
  CHECK(serialize(parse_ok("123456789012345678901234567890")) == "1.2345678901234568e+29");
}

TEST_CASE("equality distinguishes integers from doubles and keeps order") {
  CHECK(parse_ok("1") == Value::from_int64(1));
  CHECK_FALSE(parse_ok("1") == parse_ok("1.0"));
  CHECK(parse_ok("1.0") == Value::from_double(1.0));
  CHECK_FALSE(parse_ok(R"({"a":1,"b":2})") == parse_ok(R"({"b":2,"a":1})"));
  CHECK_FALSE(parse_ok("[1]") == parse_ok("[1,1]"));
  CHECK_FALSE(parse_ok("null") == parse_ok("false"));
}

}  // namespace

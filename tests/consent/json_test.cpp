// The consent layer's JSON string escaper: every output is a valid JSON
// string that decodes back to the input (or, for ill-formed UTF-8, to U+FFFD
// in place of each bad byte), checked with an independent parser.
#include <catch2/catch.hpp>

#include <string>

#include "common/utf8.hpp"
#include "consent/json.hpp"
#include "consent_test_util.hpp"

namespace {

using confidant::consent::json_string;
using confidant::text::find_invalid_utf8;
using consent_test::parse_json;

std::string round_trip(const std::string& text) { return parse_json(json_string(text)).str(); }

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

TEST_CASE("every output parses back to the input") {
  for (const std::string& text : {std::string("v1 \"beta\"\n\tline2 \\ end"), std::string("\xf0\x9f\x98\x80 emoji"),
                                 std::string("\xe2\x80\xa8"), std::string(1, '\0'), std::string(200, '"')}) {
    CHECK(round_trip(text) == text);
  }
  // All single bytes and all of the 0x00-0xff range in one string.
  std::string ascii;
  for (int c = 0; c < 0x80; ++c) ascii += static_cast<char>(c);
  CHECK(round_trip(ascii) == ascii);
}

TEST_CASE("ill-formed UTF-8 becomes U+FFFD per bad byte, so the output stays valid JSON") {
  const std::string replacement = "\xef\xbf\xbd";
  CHECK(json_string("a\xff" "b") == R"("a\ufffdb")");
  CHECK(round_trip("a\xc3") == "a" + replacement);                            // truncated sequence
  CHECK(round_trip("\xc0\xaf") == replacement + replacement);                 // overlong '/'
  CHECK(round_trip("\xed\xa0\x80") == replacement + replacement + replacement);  // a UTF-16 surrogate
  CHECK(round_trip("\xf4\x90\x80\x80") == replacement + replacement + replacement + replacement);  // > U+10FFFF
}

TEST_CASE("find_invalid_utf8 finds the first ill-formed byte (the policy_version check)") {
  using npos_t = std::string_view;
  CHECK(find_invalid_utf8("") == npos_t::npos);
  CHECK(find_invalid_utf8("caf\xc3\xa9 \xf0\x9f\x8d\xb5") == npos_t::npos);
  CHECK(find_invalid_utf8("ab\x80") == 2);
  CHECK(find_invalid_utf8("a\xe2\x82") == 1);
  CHECK(find_invalid_utf8("\xe0\x80\x80") == 0);  // overlong
  CHECK(find_invalid_utf8("ok\xed\xbf\xbf") == 2);  // surrogate
}

TEST_CASE("the test's own parser rejects what is not JSON") {
  CHECK_THROWS(parse_json("\"raw\nnewline\""));
  CHECK_THROWS(parse_json("{\"a\":1,}"));
  CHECK_THROWS(parse_json("\"\\x41\""));
  CHECK_THROWS(parse_json("\"\xff\""));
  CHECK_THROWS(parse_json("{\"a\":1,\"a\":2}"));
  CHECK_NOTHROW(parse_json(R"({"a":[1,-2.5e3,true,null,"\u00e9\ud83c\udf75"]})"));
}

}  // namespace

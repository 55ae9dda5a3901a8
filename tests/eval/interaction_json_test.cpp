// eval's interactions line, {"user":..,"signal":{..}}, read by the SDK's
// JSON reader: what it accepts (escapes decoded, members in any order) and
// each refusal with the message a person sees after "FILE: line N: ".
#include <catch2/catch.hpp>

#include <string>

#include "eval/interaction_json.hpp"
#include "eval_data.hpp"

namespace {

using namespace confidant;
using confidant::eval::parse_interaction_line;

const std::string kSignal = R"({"type":"order","item":"latte","at":"2026-11-02T08:00:00Z"})";

std::string refusal(const std::string& line) {
  const auto parsed = parse_interaction_line(line);
  INFO(line);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.status().code() == ErrorCode::kInvalidArgument);
  return parsed.status().message();
}

}  // namespace

TEST_CASE("eval interaction line: the user and the signal, escapes decoded") {
  const auto parsed = parse_interaction_line(R"({"user":"u\u0031","signal":)" + kSignal + "}");
  REQUIRE(parsed);
  CHECK(parsed->user == "u1");
  CHECK(parsed->signal.type == SignalType::kOrder);
  CHECK(parsed->signal.item == std::optional<std::string>("latte"));
  CHECK(parsed->signal.at == eval::testing::kT0 + 8 * eval::testing::kHourMs);
}

TEST_CASE("eval interaction line: members in either order, white space around") {
  const auto parsed = parse_interaction_line(" \t{ \"signal\" : " + kSignal + " , \"user\" : \"Zoë\" }\r");
  REQUIRE(parsed);
  CHECK(parsed->user == "Zoë");
  CHECK(parsed->signal.item == std::optional<std::string>("latte"));
}

TEST_CASE("eval interaction line: each refusal names what is wrong") {
  CHECK(refusal(R"({"user":"u1","signal":)" + kSignal + R"(,"x":1})") ==
        "unknown field 'x' (expected user and signal)");
  // A key is quoted and escaped, so it cannot garble the person's terminal.
  CHECK(refusal(R"({"a\nb":1})") == R"(unknown field 'a\x0ab' (expected user and signal))");
  CHECK(refusal(R"({"signal":)" + kSignal + "}") == "user: required");
  CHECK(refusal(R"({"user":"u1"})") == "signal: required");
  CHECK(refusal("{}") == "user: required");
  CHECK(refusal(R"({"user":1,"signal":)" + kSignal + "}") == "user: expected a string, got a number");
  CHECK(refusal(R"({"user":"","signal":)" + kSignal + "}") == "user: empty");
  CHECK(refusal(R"({"user":"u1","signal":[]})") == "signal: expected an object, got an array");
  CHECK(refusal(R"(["u1"])") == R"(expected an object {"user":..,"signal":{..}}, got an array)");
}

TEST_CASE("eval interaction line: the signal's own refusals, prefixed signal.") {
  CHECK(refusal(R"({"user":"u1","signal":{"type":"rate","item":"B","rating":"x"}})") ==
        "signal.rating: expected an integer, got a string");
  CHECK(refusal(R"({"user":"u1","signal":{"type":"view","colour":"red"}})") == "signal.colour: unknown field");
  CHECK(refusal(R"({"user":"u1","signal":{"item":"B"}})") == "signal.type: required");
  CHECK(refusal(R"({"user":"u1","signal":{"type":"view","at":"2026/11/02"}})").rfind("signal.at: '2026/11/02': ", 0) ==
        0);
}

TEST_CASE("eval interaction line: what the JSON reader refuses, with its offset in the line") {
  // Duplicate members, text after the object, a cut line, bytes that are not UTF-8.
  CHECK(refusal(R"({"user":"u1","user":"u2","signal":{}})").rfind("json: offset ", 0) == 0);
  CHECK(refusal(R"({"user":"u1","user":"u2","signal":{}})").find("duplicate key 'user'") != std::string::npos);
  CHECK(refusal(R"({"user":"u1","signal":)" + kSignal + "} x").rfind("json: offset ", 0) == 0);
  CHECK(refusal(R"({"user":"u1","signal":{"type":"view",)").rfind("json: offset ", 0) == 0);
  CHECK(refusal("{\"user\":\"u\xff\",\"signal\":" + kSignal + "}").rfind("json: offset ", 0) == 0);
  CHECK(refusal("").rfind("json: offset 0: ", 0) == 0);
}

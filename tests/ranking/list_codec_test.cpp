// The ranking's JSON codec for what the C ABI, the CLI and the bindings
// pass as a whole: candidate lists (array or JSONL), the rank request, the
// slot's text and the result list. Errors name where they are.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "confidant/ranking.hpp"

namespace {

using namespace confidant;

std::string list_error(std::string_view json) {
  auto parsed = candidates_from_json(json);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.status().code() == ErrorCode::kInvalidArgument);
  return parsed.status().message();
}

std::string request_error(std::string_view json) {
  auto parsed = rank_request_from_json(json);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.status().code() == ErrorCode::kInvalidArgument);
  return parsed.status().message();
}

TEST_CASE("a candidate list reads the same as a JSON array and as JSONL") {
  const std::string array = R"( [{"id":"a","categories":["drinks/tea"],"popularity":0.5},{"id":"b","related":{"a":1}}])";
  const std::string lines = "{\"id\":\"a\",\"categories\":[\"drinks/tea\"],\"popularity\":0.5}\n\n"
                            "  \n{\"id\":\"b\",\"related\":{\"a\":1}}\n";
  for (const std::string& text : {array, lines}) {
    auto parsed = candidates_from_json(text);
    REQUIRE(parsed);
    REQUIRE(parsed->size() == 2);
    CHECK(parsed.value()[0].id == "a");
    CHECK(parsed.value()[0].categories == std::vector<std::string>{"drinks/tea"});
    CHECK(parsed.value()[0].popularity == 0.5);
    CHECK(parsed.value()[1].related == std::map<std::string, double>{{"a", 1.0}});
  }
  CHECK(candidates_from_json("")->empty());
  CHECK(candidates_from_json("[]")->empty());
}

TEST_CASE("a candidate list's errors name the candidate, then the field") {
  CHECK(list_error(R"([{"id":"a"},{"id":"b","popularity":"high"}])") ==
        "candidates[1]: popularity: expected a number, got a string");
  CHECK(list_error(R"([{"id":"a"},7])") == "candidates[1]: candidate: expected a JSON object, got a number");
  CHECK(list_error("{\"id\":\"a\"}\n\n{\"id\":\"b\",\"kind\":\"rare\"}\n")
            .rfind("candidates line 3: kind: unknown value 'rare'", 0) == 0);
  CHECK(list_error(R"([{"id":"a"},])").rfind("candidates: ", 0) == 0);
  CHECK(list_error("[{\"popularity\":1}]") == "candidates[0]: id: required");
}

TEST_CASE("a rank request reads every field, keeps defaults for the rest, and round-trips") {
  auto parsed = rank_request_from_json(
      R"({"limit":25,"slot":"related:latte-1","moment":"lunch","seed":7,"variety":false,)"
      R"("max_per_category":2,"exploration_share":0.25,"utc_offset_minutes":-300,"place":"store-9"})");
  REQUIRE(parsed);
  const RankRequest& r = parsed.value();
  CHECK(r.limit == 25);
  CHECK(r.slot.kind == Slot::Kind::kRelated);
  CHECK(r.slot.item == "latte-1");
  CHECK(r.moment == "lunch");
  CHECK(r.seed == 7);
  CHECK_FALSE(r.variety);
  CHECK(r.max_per_category == 2);
  CHECK(r.exploration_share == 0.25);
  CHECK(r.utc_offset_minutes == -300);
  CHECK(r.place == "store-9");

  CHECK(to_json(r) ==
        R"({"limit":25,"slot":"related:latte-1","moment":"lunch","seed":7,"variety":false,)"
        R"("max_per_category":2,"exploration_share":0.25,"utc_offset_minutes":-300,"place":"store-9"})");
  auto again = rank_request_from_json(to_json(r));
  REQUIRE(again);
  CHECK(to_json(again.value()) == to_json(r));

  auto defaults = rank_request_from_json("{}");
  REQUIRE(defaults);
  CHECK(to_json(defaults.value()) == to_json(RankRequest{}));
  CHECK(defaults->limit == 10);
  CHECK(defaults->variety);
  CHECK(defaults->exploration_share == 0.1);
}

TEST_CASE("a rank request's errors name the field") {
  CHECK(request_error(R"({"limit":"ten"})") == "request.limit: expected a non-negative integer, got a string");
  CHECK(request_error(R"({"seed":-1})") == "request.seed: expected a non-negative integer, got a number");
  CHECK(request_error(R"({"variety":1})") == "request.variety: expected a boolean, got a number");
  CHECK(request_error(R"({"slot":"related:"})") == "request.slot: 'related:' needs an item id");
  CHECK(request_error(R"({"utc_offset_minutes":99999999999})") == "request.utc_offset_minutes: 99999999999 out of range");
  CHECK(request_error(R"({"colour":1})") == "request: unknown field 'colour'");
  CHECK(request_error("[]") == "request: expected a JSON object, got an array");
  CHECK(request_error("{").rfind("request: ", 0) == 0);
}

TEST_CASE("a slot prints back to the text it was read from") {
  for (const std::string text : {"home", "related:latte-1", "related:a:b"}) {
    auto slot = parse_slot(text);
    REQUIRE(slot);
    CHECK(to_string(slot.value()) == text);
  }
}

TEST_CASE("a result list is an object holding each result's JSON line in order") {
  RankedItem first;
  first.id = "a";
  first.score = 2;
  first.reasons = {{"popular", "Popular right now", {}}};
  RankedItem second = first;
  second.id = "b";
  second.score = 1.5;
  CHECK(to_json(std::vector<RankedItem>{}) == R"({"results":[]})");
  CHECK(to_json(std::vector<RankedItem>{first, second}) ==
        "{\"results\":[" + to_json(first) + "," + to_json(second) + "]}");
}

}  // namespace

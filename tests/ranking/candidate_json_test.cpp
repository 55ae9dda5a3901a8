// The candidate's JSON form (strict, errors name the field), the checks
// rank() applies to candidates and requests (errors name candidates[i] and
// the field), the slot's text form, and a result's JSON line.
#include <catch2/catch.hpp>

#include "ranking_test_util.hpp"

namespace {

using namespace ranking_test;
using confidant::candidate_from_json;
using confidant::parse_slot;

std::string error_of(std::string_view json) {
  auto parsed = candidate_from_json(json);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.status().code() == confidant::ErrorCode::kInvalidArgument);
  return parsed.status().message();
}

TEST_CASE("candidate_from_json reads the CLI contract's candidate") {
  auto parsed = candidate_from_json(
      R"({"id":"sku-9","categories":["drinks/tea"],"attrs":{"milk":"oat"},"kind":"consumable",)"
      R"("popularity":0.3,"related":{"latte-1":0.8},"sensitive":false})");
  REQUIRE(parsed);
  const Candidate& c = parsed.value();
  CHECK(c.id == "sku-9");
  CHECK(c.categories == std::vector<std::string>{"drinks/tea"});
  CHECK(c.attrs == std::map<std::string, std::string>{{"milk", "oat"}});
  CHECK(c.kind == CandidateKind::kConsumable);
  CHECK(c.popularity == 0.3);
  CHECK(c.related == std::map<std::string, double>{{"latte-1", 0.8}});
  CHECK_FALSE(c.sensitive);

  auto minimal = candidate_from_json(R"({"id":"x"})");
  REQUIRE(minimal);
  CHECK(minimal->categories.empty());
  CHECK_FALSE(minimal->kind.has_value());
  CHECK(minimal->popularity == 0);
  CHECK(candidate_from_json(R"({"id":"x","popularity":1})")->popularity == 1.0);  // an integer is a number too
}

TEST_CASE("candidate_from_json round-trips to_json") {
  Candidate c = candidate("room \"7\"", {"rooms/suite", "amenities/spa"}, 0.125, {{"floor", "high"}});
  c.kind = CandidateKind::kExperience;
  c.related = {{"room-8", 0.5}};
  c.sensitive = true;
  const std::string json = confidant::to_json(c);
  CHECK(json == R"({"id":"room \"7\"","categories":["rooms/suite","amenities/spa"],"attrs":{"floor":"high"},)"
                R"("kind":"experience","popularity":0.125,"related":{"room-8":0.5},"sensitive":true})");
  auto back = candidate_from_json(json);
  REQUIRE(back);
  CHECK(back->id == c.id);
  CHECK(back->categories == c.categories);
  CHECK(back->attrs == c.attrs);
  CHECK(back->kind == c.kind);
  CHECK(back->popularity == c.popularity);
  CHECK(back->related == c.related);
  CHECK(back->sensitive == c.sensitive);
}

TEST_CASE("candidate_from_json errors name the field") {
  CHECK(error_of(R"({"categories":[]})") == "id: required");
  CHECK(error_of(R"({"id":7})") == "id: expected a string, got a number");
  CHECK(error_of(R"({"id":"x","colour":"red"})") == "colour: unknown field");
  CHECK(error_of(R"({"id":"x","categories":"drinks"})") == "categories: expected an array of strings, got a string");
  CHECK(error_of(R"({"id":"x","categories":["a",3]})") == "categories[1]: expected a string, got a number");
  CHECK(error_of(R"({"id":"x","attrs":{"milk":1}})") == "attrs.milk: expected a string, got a number");
  CHECK(error_of(R"({"id":"x","kind":"gadget"})") ==
        "kind: unknown value 'gadget' (expected consumable, durable or experience)");
  CHECK(error_of(R"({"id":"x","popularity":"high"})") == "popularity: expected a number, got a string");
  CHECK(error_of(R"({"id":"x","popularity":null})") == "popularity: expected a number, got null");
  CHECK(error_of(R"({"id":"x","related":{"y":"0.5"}})") == "related.y: expected a number, got a string");
  CHECK(error_of(R"({"id":"x","sensitive":"no"})") == "sensitive: expected a boolean, got a string");
  CHECK(error_of(R"(["x"])") == "candidate: expected a JSON object, got an array");
  CHECK(error_of(R"({"id":"x","id":"y"})").find("duplicate key") != std::string::npos);
}

std::string rank_error(std::vector<Candidate> candidates, RankRequest request = {}) {
  Person p;
  auto ranked = p.ranker->rank(*p.profile, p.consent, kT0, candidates, request);
  REQUIRE_FALSE(ranked);
  CHECK(ranked.status().code() == confidant::ErrorCode::kInvalidArgument);
  return ranked.status().message();
}

TEST_CASE("rank() names the candidate and the field at fault") {
  const Candidate good = candidate("ok", {"drinks/tea"});
  CHECK(rank_error({good, candidate("", {})}) == "candidates[1].id: empty");
  CHECK(rank_error({good, candidate(std::string(129, 'x'), {})}) ==
        "candidates[1].id: longer than 128 bytes (got 129)");
  CHECK(rank_error({good, candidate("ok", {})}) == "candidates[1].id: duplicate of candidates[0].id");
  {
    // As many candidates as allowed: the duplicate check's table keeps
    // every index, the highest included.
    std::vector<Candidate> most;
    for (int i = 0; i < 99'999; ++i) most.push_back(candidate("sku-" + std::to_string(i), {}));
    most.push_back(candidate("sku-99998", {}));
    CHECK(rank_error(most) == "candidates[99999].id: duplicate of candidates[99998].id");
    most.back().id = "sku-12345";
    CHECK(rank_error(most) == "candidates[99999].id: duplicate of candidates[12345].id");
  }
  CHECK(rank_error({candidate("a", {"drinks//tea"})}) == "candidates[0].categories[0]: empty path segment");
  CHECK(rank_error({candidate("a", {"drinks/tea", "Drinks"})}).rfind("candidates[0].categories[1]: invalid character", 0) == 0);
  CHECK(rank_error({candidate("a", {"drinks/tea", "drinks/tea"})}) ==
        "candidates[0].categories[1]: duplicate of categories[0]");
  CHECK(rank_error({candidate("a", {}, 1.5)}) == "candidates[0].popularity: 1.5 out of range 0..1");
  CHECK(rank_error({candidate("a", {}, -0.25)}) == "candidates[0].popularity: -0.25 out of range 0..1");
  CHECK(rank_error({candidate("a", {}, 0.5, {{"milk", ""}})}) == "candidates[0].attrs[\"milk\"]: value empty");
  CHECK(rank_error({candidate("a", {}, 0.5, {{"a=b", "c"}})}) == "candidates[0].attrs[\"a=b\"]: key contains '=' at byte 1");
  Candidate related = candidate("a", {});
  related.related = {{"b", 2.0}};
  CHECK(rank_error({related}) == "candidates[0].related[\"b\"]: 2.0 out of range 0..1");
  Candidate bad_kind = candidate("a", {});
  bad_kind.kind = static_cast<CandidateKind>(9);
  CHECK(rank_error({bad_kind}) == "candidates[0].kind: invalid value 9");
  Candidate many = candidate("a", {"a", "b", "c", "d", "e", "f", "g", "h", "i"});
  CHECK(rank_error({many}) == "candidates[0].categories: 9 entries, at most 8");
}

TEST_CASE("rank() accepts any UTF-8 text without controls, and finds a bad byte wherever it is") {
  Person p;
  // Valid: non-ASCII, every length around the 4- and 8-byte steps.
  std::vector<Candidate> good;
  for (const std::string& id : std::vector<std::string>{"a", "ab", "abc", "abcd", "abcde", "abcdefg", "abcdefgh", "abcdefghi",
                               "café-1", "čaj", "茶-1234567", std::string(128, 'x')}) {
    good.push_back(candidate(id, {}, 0.5, {{"milk", "lait d'avoine"}, {"k~", "v"}}));
  }
  CHECK(p.rank(good, plain(20), kT0).size() == good.size());

  for (std::size_t length = 1; length <= 17; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (const char bad : {'\x01', '\x1f', '\x7f', '\n'}) {
        std::string id(length, 'a');
        id[at] = bad;
        INFO("length " << length << ", byte " << at << " = " << static_cast<int>(bad));
        CHECK(rank_error({candidate(id, {})}).rfind("candidates[0].id: control character", 0) == 0);
      }
      std::string key(length, 'k');
      key[at] = '=';
      INFO("'=' at " << at << " of " << length);
      CHECK(rank_error({candidate("a", {}, 0.5, {{key, "v"}})}).find("key contains '='") != std::string::npos);
    }
  }
  CHECK(rank_error({candidate(std::string("\xff\xfe"), {})}) == "candidates[0].id: not valid UTF-8 at byte 0");
  CHECK(rank_error({candidate("ok", {}, 0.5, {{"milk", std::string("oat\xc3")}})}) ==
        "candidates[0].attrs[\"milk\"]: value not valid UTF-8 at byte 3");
}

TEST_CASE("rank() checks the request") {
  const std::vector<Candidate> one = {candidate("a", {"drinks/tea"})};
  RankRequest request;
  request.limit = 0;
  CHECK(rank_error(one, request) == "limit: 0 out of range 1..1000");
  request = {};
  request.moment = "Check-In";
  CHECK(rank_error(one, request).rfind("moment: invalid character 'C' at byte 0", 0) == 0);
  request = {};
  request.slot = Slot::related_to("");
  CHECK(rank_error(one, request) == "slot.item: empty");
  request = {};
  request.exploration_share = 1.5;
  CHECK(rank_error(one, request) == "exploration_share: 1.5 out of range 0..1");
  request = {};
  request.max_per_category = 0;
  CHECK(rank_error(one, request) == "max_per_category: 0 out of range 1..1000");
  request = {};
  request.utc_offset_minutes = 15 * 60;
  CHECK(rank_error(one, request) == "utc_offset_minutes: 900 out of range -840..840");
}

TEST_CASE("an empty candidate list ranks to an empty list, the limit caps the list") {
  Person p;
  CHECK(p.rank({}, RankRequest{}, kT0).empty());
  CHECK(p.rank({candidate("a", {}), candidate("b", {}), candidate("c", {})}, plain(2), kT0).size() == 2);
}

TEST_CASE("parse_slot reads home and related:ITEM") {
  CHECK(parse_slot("home")->kind == Slot::Kind::kHome);
  auto related = parse_slot("related:latte-1");
  REQUIRE(related);
  CHECK(related->kind == Slot::Kind::kRelated);
  CHECK(related->item == "latte-1");
  CHECK(parse_slot("related:").status().message() == "slot: 'related:' needs an item id");
  CHECK(parse_slot("Home").status().message() == "slot: unknown value 'Home' (expected home or related:ITEM)");
}

TEST_CASE("a result's JSON line is the CLI contract, with params when there are any") {
  RankedItem item;
  item.id = "latte-1";
  item.score = 3.25;
  item.reasons = {{"usual_attribute", "Your usual: oat milk", {{"attributes", "milk=oat"}}},
                  {"popular", "Popular right now", {}}};
  CHECK(confidant::to_json(item) ==
        R"({"id":"latte-1","score":3.25,"reasons":[{"code":"usual_attribute","text":"Your usual: oat milk",)"
        R"("params":{"attributes":"milk=oat"}},{"code":"popular","text":"Popular right now"}]})");
}

}  // namespace

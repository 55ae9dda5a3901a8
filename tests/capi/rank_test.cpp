// confidant_sdk_rank_json and confidant_sdk_why_json: both candidate forms
// (array and JSONL) rank alike, the request object is read strictly and its
// defaults are RankRequest's, and every bad input names where it is.
#include <string>

#include "capi_harness.hpp"
#include "support/files.hpp"

using namespace capi_test;

namespace {

struct RankedStore {
  confidant::testing::TempDir dir{"confidant-capi"};
  Provider provider;
  Sdk sdk;

  RankedStore() {
    confidant_key_provider* raw = nullptr;
    CAPI_REQUIRE_OK(confidant_key_provider_new_in_memory(&raw));
    provider.reset(raw);
    sdk = open(options_for((dir / "store").string(), provider.get()).get());
    REQUIRE(grant_all(sdk.get()).ok);
    for (int i = 0; i < 3; ++i) {
      REQUIRE(track(sdk.get(), R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte"]})").ok);
    }
    CAPI_REQUIRE_OK(confidant_sdk_flush(sdk.get()));
  }

  Outcome rank(const std::string& candidates, const char* request, std::string& results) {
    confidant_buffer out{};
    const Outcome o = outcome(confidant_sdk_rank_json(sdk.get(), candidates.data(), candidates.size(), request,
                                                      request ? std::char_traits<char>::length(request) : 0, &out));
    results = take(out);
    return o;
  }
};

std::string candidate(int i, const std::string& category = "food/cake") {
  return R"({"id":"item-)" + std::to_string(i) + R"(","categories":[")" + category + R"("],"popularity":0.)" +
         std::to_string(i % 10) + "}";
}

}  // namespace

TEST_CASE("Candidates as a JSON array and as JSONL rank alike, no request means RankRequest's defaults") {
  RankedStore s;
  std::string array = "[";
  std::string lines;
  for (int i = 0; i < 12; ++i) {
    const std::string c = i == 11 ? candidate(i, "drinks/coffee/latte") : candidate(i);
    array += (i ? "," : "") + c;
    lines += c + (i % 4 == 0 ? "\n\n" : "\n");  // blank lines are skipped
  }
  array += "]";

  std::string from_array, from_lines;
  REQUIRE(s.rank("  \n" + array, nullptr, from_array).ok);
  REQUIRE(s.rank(lines, nullptr, from_lines).ok);
  CHECK(from_array == from_lines);
  CHECK(from_array.rfind(R"({"results":[{"id":"item-11")", 0) == 0);  // the latte drinker's coffee first
  std::size_t count = 0;
  for (std::size_t at = from_array.find(R"({"id":)"); at != std::string::npos; at = from_array.find(R"({"id":)", at + 1)) {
    ++count;
  }
  CHECK(count == 10);  // the default limit

  std::string limited;
  REQUIRE(s.rank(array, R"({"limit":2,"variety":false,"seed":7,"slot":"home","exploration_share":0})", limited).ok);
  CHECK(limited.find("item-11") != std::string::npos);
  CHECK(limited.find(R"("exploration":true)") == std::string::npos);

  confidant_buffer out{};
  CAPI_REQUIRE_OK(confidant_sdk_why_json(s.sdk.get(), "item-11", 7, &out));
  CHECK(take(out).rfind(R"({"id":"item-11")", 0) == 0);
  const Outcome unknown = outcome(confidant_sdk_why_json(s.sdk.get(), "nope", 4, &out));
  CHECK(unknown.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(out.data == nullptr);
}

TEST_CASE("Bad candidates and request fields are refused, naming where they are") {
  RankedStore s;
  std::string results = "untouched";
  const std::string good = candidate(1);

  Outcome o = s.rank("[" + good + R"(,{"id":"x","popularity":"high"}])", nullptr, results);
  CHECK(o.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(o, "candidates[1]: popularity: expected a number"));
  CHECK(results.empty());

  o = s.rank(good + "\n\n" + R"({"id":"y","colour":"red"})", nullptr, results);
  CHECK(mentions(o, "candidates line 3: "));
  CHECK(mentions(o, "colour"));

  CHECK(mentions(s.rank("[" + good, nullptr, results), "candidates: json: offset"));
  CHECK(mentions(s.rank(good, R"({"limit":"ten"})", results), "request.limit: expected a non-negative integer"));
  CHECK(mentions(s.rank(good, R"({"limit":-1})", results), "request.limit"));
  CHECK(mentions(s.rank(good, R"({"colour":1})", results), "request: unknown field 'colour'"));
  CHECK(mentions(s.rank(good, R"({"slot":"sideways"})", results), "slot"));
  CHECK(mentions(s.rank(good, R"({"utc_offset_minutes":1e3})", results), "request.utc_offset_minutes"));
  CHECK(mentions(s.rank(good, "[]", results), "request: expected a JSON object"));
  CHECK(mentions(s.rank(good, "", results), "request: json"));  // present but empty is not "defaults"
  // Ranges are the ranking's own checks, reached through the C ABI unchanged.
  CHECK(mentions(s.rank(good, R"({"limit":0})", results), "limit: 0 out of range"));
  o = s.rank("[" + good + "," + good + "]", nullptr, results);
  CHECK(o.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(o, "duplicate"));

  confidant_buffer out{};
  CHECK(mentions(outcome(confidant_sdk_rank_json(s.sdk.get(), absent<char>(), 3, nullptr, 0, &out)),
                 "candidates: NULL with length 3"));
}

TEST_CASE("An unknown request field is quoted in the message, controls escaped and long keys cut whole") {
  // Found by the candidate_json fuzz target: the key was copied raw (a DEL,
  // a newline, half a UTF-8 character at the 64-byte cut) into the message
  // (tests/fuzz/candidate_json/crash-request-key-control).
  RankedStore s;
  std::string results;
  const std::string good = candidate(1);
  Outcome o = s.rank(good, "{\"explorati\\u007fn\\nshare\":1}", results);
  CHECK(o.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(o.message == "request: unknown field 'explorati\\x7fn\\x0ashare'");
  const std::string long_key = std::string(63, 'k') + "\xc3\xa9" + std::string(10, 'z');
  o = s.rank(good, ("{\"" + long_key + "\":1}").c_str(), results);
  CHECK(o.message == "request: unknown field '" + std::string(63, 'k') + "\xc3\xa9...'");
}

TEST_CASE("A call that fails on its arguments still resets its buffer to {NULL, 0}") {
  // Found by the capi_json fuzz target: rank_json and why_json with NULL data
  // and a length, and sync_json with a negative deadline, returned before
  // resetting `out`, leaving the caller's stale pointer in it
  // (tests/fuzz/capi_json/crash-null-argument-buffer).
  RankedStore s;
  int sentinel = 0;
  const auto stale = [&] { return confidant_buffer{reinterpret_cast<uint8_t*>(&sentinel), 7}; };
  confidant_buffer out = stale();
  CHECK(mentions(outcome(confidant_sdk_rank_json(s.sdk.get(), absent<char>(), 3, nullptr, 0, &out)), "candidates"));
  CHECK((out.data == nullptr && out.len == 0));
  out = stale();
  CHECK(mentions(outcome(confidant_sdk_rank_json(s.sdk.get(), "[]", 2, absent<char>(), 5, &out)), "request"));
  CHECK((out.data == nullptr && out.len == 0));
  out = stale();
  CHECK(mentions(outcome(confidant_sdk_why_json(s.sdk.get(), absent<char>(), 4, &out)), "item_id"));
  CHECK((out.data == nullptr && out.len == 0));
  out = stale();
  CHECK(mentions(outcome(confidant_sdk_sync_json(s.sdk.get(), -1, true, &out)), "deadline_ms"));
  CHECK((out.data == nullptr && out.len == 0));
}

// confidant rank through the real binary: JSONL in, JSONL out, best first,
// with reasons; filters and the non-personal order; bad candidate lines.
#include <set>

#include "cli_runner.hpp"
#include "common/json.hpp"

using namespace cli_test;

namespace {

const std::string kCandidates =
    R"({"id":"latte-1","categories":["drinks/coffee/latte"],"attrs":{"milk":"oat"},"kind":"consumable","popularity":0.1})"
    "\n"
    R"({"id":"tea-2","categories":["drinks/tea"],"attrs":{"milk":"none"},"kind":"consumable","popularity":0.9})"
    "\n"
    R"({"id":"battery-1","categories":["electronics/camera/batteries"],"kind":"durable","popularity":0.5})"
    "\n"
    R"({"id":"cake-3","categories":["food/bakery"],"kind":"consumable","popularity":0.2})"
    "\n";

std::vector<confidant::json::Value> lines_of(const std::string& out) {
  std::vector<confidant::json::Value> values;
  std::size_t start = 0;
  while (start < out.size()) {
    const std::size_t end = out.find('\n', start);
    REQUIRE(end != std::string::npos);
    auto value = confidant::json::parse(std::string_view(out).substr(start, end - start));
    INFO(out.substr(start, end - start));
    REQUIRE(value);
    values.push_back(std::move(value.value()));
    start = end + 1;
  }
  return values;
}

std::set<std::string> reason_codes(const confidant::json::Value& result) {
  std::set<std::string> codes;
  for (const auto& reason : result.find("reasons")->as_array()) codes.insert(reason.find("code")->as_string());
  return codes;
}

}  // namespace

TEST_CASE("cli: rank puts the usual first, leaves out what the person already has, and says why") {
  Cli cli;
  cli.ok({"consent", "grant", "purchases,browsing", "personalize"});
  std::string orders;
  for (int day = 10; day < 20; ++day) {
    orders += R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],"attrs":{"milk":"oat"},"at":"2026-11-)" +
              std::to_string(day) + R"(T08:00:00Z"})" + "\n";
  }
  orders += R"({"type":"already_have","item":"battery-1","categories":["electronics/camera/batteries"],"at":"2026-11-19T12:00:00Z"})"
            "\n";
  cli.ok({"track"}, orders);
  const fs::path candidates = cli.write_file("candidates.jsonl", kCandidates);

  const std::string out = cli.ok({"rank", candidates.string(), "--limit", "3", "--seed", "7"});
  const auto results = lines_of(out);
  REQUIRE(results.size() == 3);
  CHECK(results[0].find("id")->as_string() == "latte-1");
  for (const auto& result : results) {
    CHECK(result.find("id")->as_string() != "battery-1");
    CHECK(result.find("score")->is_number());
    REQUIRE_FALSE(result.find("reasons")->as_array().empty());
    for (const auto& reason : result.find("reasons")->as_array()) {
      CHECK_FALSE(reason.find("code")->as_string().empty());
      CHECK_FALSE(reason.find("text")->as_string().empty());
    }
  }
  // Reproducible: the same seed, store and clock give the same list.
  CHECK(cli.ok({"rank", candidates.string(), "--limit", "3", "--seed", "7"}) == out);
}

TEST_CASE("cli: without consent the order is non-personal, with no personal reason") {
  Cli cli;
  const std::string out = cli.ok({"rank", "-"}, kCandidates);
  const auto results = lines_of(out);
  REQUIRE(results.size() == 4);
  CHECK(results[0].find("id")->as_string() == "tea-2");  // the most popular
  for (const auto& result : results) {
    for (const std::string& code : reason_codes(result)) {
      INFO(code);
      CHECK((code == "popular" || code == "related_to_item" || code == "general"));
    }
  }
}

TEST_CASE("cli: a malformed candidate line is bad input, reported with its line number, and nothing is ranked") {
  Cli cli;
  const fs::path candidates =
      cli.write_file("bad.jsonl", R"({"id":"a","popularity":0.1})" "\n" R"({"id":"b","popularity":"high"})" "\n");
  const Run run = cli({"rank", candidates.string()});
  CHECK(run.exit_code == 3);
  CHECK(run.out.empty());
  CHECK(contains(run.err, "line 2: "));
  CHECK(contains(run.err, "popularity"));
  CHECK(all_lines_prefixed(run.err));

  // Well-formed JSON with a value out of range: the ranking names the candidate.
  const fs::path out_of_range =
      cli.write_file("range.jsonl", R"({"id":"a","popularity":0.1})" "\n" R"({"id":"b","popularity":7})" "\n");
  const Run range = cli({"rank", out_of_range.string()});
  CHECK(range.exit_code == 3);
  CHECK(range.out.empty());
  CHECK(contains(range.err, "candidates[1].popularity"));
}

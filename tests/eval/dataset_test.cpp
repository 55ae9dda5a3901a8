// Loading eval's input: an interactions line and a catalog line added to
// the dataset or refused with the reason; users grouped by id; line
// numbers kept; and the bad lines reported with their file and number,
// the first 20, then a count.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "confidant_eval/eval.hpp"
#include "eval/dataset.hpp"
#include "eval/line_errors.hpp"
#include "eval_data.hpp"

namespace {

using namespace confidant;
using namespace confidant::eval;
using namespace confidant::eval::testing;

std::string interaction(const std::string& user, const std::string& item) {
  return R"({"user":")" + user + R"(","signal":{"type":"view","item":")" + item +
         R"(","at":"2026-11-02T08:00:00Z"}})";
}

}  // namespace

TEST_CASE("eval dataset: interactions grouped by user, with their line numbers") {
  Dataset data;
  REQUIRE(add_interaction(data, interaction("u1", "A"), 1));
  REQUIRE(add_interaction(data, interaction("u2", "B"), 3));
  REQUIRE(add_interaction(data, interaction("u\\u0031", "C"), 4));  // "u1" spelled another way
  CHECK(data.users == std::vector<std::string>{"u1", "u2"});
  REQUIRE(data.interactions.size() == 3);
  CHECK(data.interactions[0].user == 0);
  CHECK(data.interactions[1].user == 1);
  CHECK(data.interactions[2].user == 0);
  CHECK(data.interactions[1].line == 3);
  CHECK(data.interactions[2].signal.item == std::optional<std::string>("C"));
}

TEST_CASE("eval dataset: a refused interaction adds nothing") {
  Dataset data;
  const Status no_time = add_interaction(data, R"({"user":"u1","signal":{"type":"view","item":"A"}})", 1);
  CHECK(no_time.code() == ErrorCode::kInvalidArgument);
  CHECK(no_time.message() == "signal.at: required (eval replays each signal at its own time)");
  CHECK(add_interaction(data, R"({"user":"u1"})", 2).message() == "signal: required");
  CHECK(data.users.empty());
  CHECK(data.user_index.empty());
  CHECK(data.interactions.empty());
}

TEST_CASE("eval dataset: catalog lines, ids unique") {
  Dataset data;
  REQUIRE(add_candidate(data, R"({"id":"A","popularity":0.5})", 1));
  REQUIRE(add_candidate(data, R"({"id":"B"})", 3));
  const Status duplicate = add_candidate(data, R"({"id":"A"})", 4);
  CHECK(duplicate.code() == ErrorCode::kInvalidArgument);
  CHECK(duplicate.message() == "id 'A' already on line 1");
  CHECK(add_candidate(data, R"({"id":"C","popularity":"high"})", 5).message().rfind("popularity: ", 0) == 0);
  REQUIRE(data.catalog.size() == 2);
  CHECK(data.catalog[0].popularity == 0.5);
  CHECK(data.catalog_lines == std::vector<std::uint64_t>{1, 3});
  CHECK(data.catalog_index.at("B") == 1);
  CHECK(data.catalog_index.count("C") == 0);
}

TEST_CASE("eval dataset: blank lines are spaces, tabs and a CR only") {
  CHECK(is_blank(""));
  CHECK(is_blank(" \t\r"));
  CHECK_FALSE(is_blank(" x"));
  CHECK_FALSE(is_blank("\n"));  // a line never holds its own newline
}

TEST_CASE("eval line errors: the first 20 with file and line, then how many more") {
  Told told;
  const Messages sink = told.sink();
  LineErrors errors(sink);
  CHECK_FALSE(errors.any());
  for (int line = 1; line <= 25; ++line) errors.report("in.jsonl", line, "why " + std::to_string(line));
  errors.finish();
  CHECK(errors.any());
  REQUIRE(told.lines.size() == 21);
  CHECK(told.lines[0] == "in.jsonl: line 1: why 1");
  CHECK(told.lines[19] == "in.jsonl: line 20: why 20");
  CHECK(told.lines[20] == "5 more bad lines not shown");
}

TEST_CASE("eval line errors: 20 or fewer, no count") {
  Told told;
  const Messages sink = told.sink();
  LineErrors errors(sink);
  for (int line = 1; line <= 20; ++line) errors.report("in.jsonl", line, "why");
  errors.finish();
  CHECK(told.lines.size() == 20);
}

TEST_CASE("eval input: blank lines skipped but counted, each bad line named with its file") {
  Told told;
  Evaluation evaluation("i.jsonl", "c.jsonl", told.sink());
  evaluation.add_interaction_line(interaction("u1", "A"), 1);
  evaluation.add_interaction_line("   ", 2);
  evaluation.add_interaction_line(R"({"user":"u1","signal":{"type":"view","item":"A"},"x":1})", 3);
  evaluation.add_catalog_line(R"({"id":"A"})", 1);
  evaluation.add_catalog_line("", 2);
  evaluation.add_catalog_line(R"({"id":"A"})", 3);
  CHECK_FALSE(evaluation.finish_input());
  CHECK(told.lines == std::vector<std::string>{"i.jsonl: line 3: unknown field 'x' (expected user and signal)",
                                               "c.jsonl: line 3: id 'A' already on line 1"});
  // Bad input never runs, and says nothing more.
  const auto report = evaluation.run(10);
  REQUIRE_FALSE(report);
  CHECK(report.status().code() == ErrorCode::kInvalidArgument);
  CHECK(told.lines.size() == 2);
}

TEST_CASE("eval input: good lines only") {
  Told told;
  Evaluation evaluation("i.jsonl", "c.jsonl", told.sink());
  evaluation.add_interaction_line(interaction("u1", "A"), 1);
  evaluation.add_catalog_line(R"({"id":"A"})", 1);
  CHECK(evaluation.finish_input());
  CHECK(told.lines.empty());
}

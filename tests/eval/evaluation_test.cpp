// The whole evaluation through the library's public API (what `confidant
// eval` calls), on a case small enough to work out by hand: the baselines'
// exact figures, Confidant's list through the real SDK, a signal dropped
// for consent, and how each failure is told and coded.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "confidant_eval/eval.hpp"
#include "eval_data.hpp"

namespace {

using namespace confidant;
using namespace confidant::eval;
using namespace confidant::eval::testing;

std::string line(const std::string& user, const std::string& signal) {
  return R"({"user":")" + user + R"(","signal":)" + signal + "}";
}

// Catalog A, B, C (in that order). u1 views A, then orders B; u2 clicks A
// (in a sensitive path as well: dropped for consent), then orders C.
void add_by_hand_case(Evaluation& evaluation) {
  const std::vector<std::string> interactions = {
      line("u1", R"({"type":"view","item":"A","at":"2026-11-01T08:00:00Z"})"),
      line("u2", R"({"type":"view","item":"H","categories":["health"],"at":"2026-11-01T08:30:00Z"})"),
      line("u2", R"({"type":"click","item":"A","at":"2026-11-01T09:00:00Z"})"),
      line("u1", R"({"type":"order","item":"B","at":"2026-11-02T08:00:00Z"})"),
      line("u2", R"({"type":"order","item":"C","at":"2026-11-02T09:00:00Z"})"),
  };
  for (std::size_t i = 0; i < interactions.size(); ++i) evaluation.add_interaction_line(interactions[i], i + 1);
  evaluation.add_catalog_line(R"({"id":"A","categories":["food/pasta"]})", 1);
  evaluation.add_catalog_line(R"({"id":"B","categories":["food/salads"]})", 2);
  evaluation.add_catalog_line(R"({"id":"C","categories":["drinks/tea"]})", 3);
}

// The by-hand case at cut-off k, with an interactions line 6 and a catalog
// line 5 added when given.
Result<Report> run_by_hand(Told& told, std::size_t k, const std::string& interaction = "",
                           const std::string& candidate = "") {
  Evaluation evaluation("i.jsonl", "c.jsonl", told.sink());
  add_by_hand_case(evaluation);
  if (!interaction.empty()) evaluation.add_interaction_line(interaction, 6);
  if (!candidate.empty()) evaluation.add_catalog_line(candidate, 5);
  REQUIRE(evaluation.finish_input());
  return evaluation.run(k);
}

}  // namespace

TEST_CASE("eval run: the by-hand case, end to end") {
  // Training parts: u1 {view A}, u2 {view H, click A}: counts A 2, B 0, C 0,
  // so most-popular orders A, B, C. u1 holds out B among B, C: first. u2
  // holds out C among B, C: second. All in one week: recent-popular agrees.
  Told told;
  const auto report = run_by_hand(told, 10);
  INFO(report.status().to_string());
  REQUIRE(report);
  CHECK(told.lines.empty());
  CHECK(report->users == 2);
  CHECK(report->skipped.total() == 0);
  CHECK(report->k == 10);
  CHECK(report->dropped_signals == 1);  // u2's view in health: no `sensitive` grant
  CHECK(report->popularity_from_training);
  CHECK_FALSE(report->related_from_training);  // one catalog item per training part: nothing co-occurs
  CHECK_FALSE(report->times_in_seconds);
  CHECK(report->time_shift_days == 0);
  for (const Metrics& m : {report->most_popular, report->recent_popular}) {
    CHECK(m.hr == 1);
    CHECK(m.ndcg == Approx((1 + 1 / std::log2(3.0)) / 2).epsilon(1e-15));
    CHECK(m.mrr == 0.75);
  }
  // Two candidates each and K = 10: Confidant lists both, so it finds every
  // held-out item; where it puts them is its own business.
  CHECK(report->confidant.hr == 1);
  CHECK(report->confidant.ndcg >= report->confidant.mrr);
  CHECK(report->confidant.mrr >= 0.5);
}

TEST_CASE("eval run: at K = 1 only the first places count") {
  Told told;
  const auto report = run_by_hand(told, 1);
  REQUIRE(report);
  CHECK(report->most_popular.hr == 0.5);
  CHECK(report->most_popular.ndcg == 0.5);
  CHECK(report->most_popular.mrr == 0.5);
}

TEST_CASE("eval run: what the SDK refuses is told with its file and line, and nothing runs") {
  // Both well-formed JSON: the SDK's own rules come in run().
  const auto refused = [](const std::string& interaction, const std::string& candidate) {
    Told told;
    const auto report = run_by_hand(told, 10, interaction, candidate);
    REQUIRE_FALSE(report);
    CHECK(report.status().code() == ErrorCode::kInvalidArgument);
    return told.lines;
  };
  const std::vector<std::string> signal =
      refused(line("u3", R"({"type":"rate","item":"B","rating":9,"at":"2026-11-02T08:00:00Z"})"), "");
  REQUIRE(signal.size() == 1);
  CHECK(signal[0].rfind("i.jsonl: line 6: signal.rating: ", 0) == 0);
  // rank() names candidates[3]; the person is told the catalog's line.
  const std::vector<std::string> candidate = refused("", R"({"id":"D","popularity":7})");
  REQUIRE(candidate.size() == 1);
  CHECK(candidate[0].rfind("c.jsonl: line 5: popularity", 0) == 0);
}

TEST_CASE("eval run: nobody to evaluate is told, and still a report") {
  Told told;
  Evaluation evaluation("i.jsonl", "c.jsonl", told.sink());
  evaluation.add_interaction_line(line("u1", R"({"type":"order","item":"A","at":"2026-11-02T08:00:00Z"})"), 1);
  evaluation.add_catalog_line(R"({"id":"A"})", 1);
  REQUIRE(evaluation.finish_input());
  const auto report = evaluation.run(10);
  REQUIRE(report);
  CHECK(report->users == 0);
  CHECK(report->skipped.too_few == 1);
  CHECK(report->most_popular.hr == 0);
  CHECK(told.lines == std::vector<std::string>{"no user could be evaluated (see the skipped counts)"});
}

TEST_CASE("eval run: K = 0 and a second run are refused") {
  Told told;
  Evaluation evaluation("i.jsonl", "c.jsonl", told.sink());
  add_by_hand_case(evaluation);
  REQUIRE(evaluation.finish_input());
  const auto zero = evaluation.run(0);
  REQUIRE_FALSE(zero);
  CHECK(zero.status().message() == "k: must be at least 1");
  const auto again = evaluation.run(10);
  REQUIRE_FALSE(again);
  CHECK(again.status().code() == ErrorCode::kInternal);
  CHECK(told.lines == std::vector<std::string>{"k: must be at least 1", "run() was called twice"});
}

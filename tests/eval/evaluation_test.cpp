// The whole evaluation through the library's public API (what `confidant
// eval` calls), on cases small enough to work out by hand: the baselines'
// exact figures and intervals, Confidant's list through the real SDK, the
// repeat split's extra method and group, a signal dropped for consent, and
// how each failure is told and coded.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <string_view>
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

// A method's means over all users; the method must be in the report.
const Metrics& metrics(const Report& report, std::string_view method) {
  const MethodFigures* found = report.all.find(method);
  REQUIRE(found != nullptr);
  return found->mean;
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
  CHECK(report->all.users == 2);
  CHECK(report->split == SplitMode::kNew);
  CHECK_FALSE(report->repeat_users);
  CHECK(report->skipped.total() == 0);
  CHECK(report->k == 10);
  CHECK(report->dropped_signals == 1);  // u2's view in health: no `sensitive` grant
  CHECK(report->popularity_from_training);
  CHECK_FALSE(report->related_from_training);  // one catalog item per training part: nothing co-occurs
  CHECK_FALSE(report->times_in_seconds);
  CHECK(report->time_shift_days == 0);
  // Every method, in the report's order; no decayed_frequency in the new split.
  std::vector<std::string> names;
  for (const MethodFigures& f : report->all.methods) names.push_back(f.method);
  CHECK(names == std::vector<std::string>{"confidant", "confidant_no_item_model", "confidant_not_personal",
                                          "most_popular", "recent_popular", "item_knn_recent"});
  // No related items anywhere: item_knn_recent scores 0 and falls back to
  // the most-popular order.
  for (std::string_view method : {kMostPopular, kRecentPopular, kItemKnnRecent}) {
    INFO(method);
    const Metrics& m = metrics(report.value(), method);
    CHECK(m.hr == 1);
    CHECK(m.ndcg == Approx((1 + 1 / std::log2(3.0)) / 2).epsilon(1e-15));
    CHECK(m.mrr == 0.75);
    CHECK(m.hr1 == 0.5);
  }
  // Two candidates each and K = 10: Confidant lists both, so it finds every
  // held-out item; where it puts them is its own business. With no related
  // items to take away, the two Confidants rank alike.
  const Metrics& confidant = metrics(report.value(), kConfidant);
  CHECK(confidant.hr == 1);
  CHECK(confidant.ndcg >= confidant.mrr);
  CHECK(confidant.mrr >= 0.5);
  const Metrics& bare = metrics(report.value(), kConfidantNoItemModel);
  CHECK(bare.ndcg == confidant.ndcg);
  CHECK(bare.mrr == confidant.mrr);
}

TEST_CASE("eval run: the intervals of the by-hand case") {
  // most_popular: u1 first (hr1 1, mrr 1), u2 second (hr1 0, mrr 0.5). A
  // resample of the two users is both u1, both u2 or one of each: means 1,
  // 0 or 0.5 for HR@1 (0.75, 0.5 and 1 for MRR) with chances 1/4, 1/4,
  // 1/2. In 1000 resamples each extreme comes up far more than the 25 it
  // takes to be a bound, so the 95 % interval is the full range. Every user
  // found at K = 10: HR's interval is [1, 1].
  Told told;
  const auto report = run_by_hand(told, 10);
  REQUIRE(report);
  const MethodFigures* popular = report->all.find(kMostPopular);
  REQUIRE(popular != nullptr);
  CHECK(popular->ci95.hr.low == 1);
  CHECK(popular->ci95.hr.high == 1);
  CHECK(popular->ci95.hr1.low == 0);
  CHECK(popular->ci95.hr1.high == 1);
  CHECK(popular->ci95.mrr.low == 0.5);
  CHECK(popular->ci95.mrr.high == 1);
}

TEST_CASE("eval run: the repeat split adds decayed_frequency and the repeat users' figures") {
  // u1 orders B 14 days and A 2 days before ordering A again (held out: a
  // repeat); u2 orders B, then C a day later (held out: new to u2). The
  // whole catalog A, B, C is every user's candidates. Training counts: A 1,
  // B 2: most-popular orders B, A, C.
  //   u1: decayed frequency A 0.5^(2/14) = 0.906, B 0.5^(14/14) = 0.5: A
  //       first; most_popular: B, A: second.
  //   u2: decayed frequency B 0.5^(1/14), A and C 0 (by most-popular): C
  //       third; most_popular third.
  Told told;
  Evaluation evaluation("i.jsonl", "c.jsonl", told.sink());
  const std::vector<std::string> interactions = {
      line("u1", R"({"type":"order","item":"B","at":"2026-10-20T08:00:00Z"})"),
      line("u1", R"({"type":"order","item":"A","at":"2026-11-01T08:00:00Z"})"),
      line("u1", R"({"type":"order","item":"A","at":"2026-11-03T08:00:00Z"})"),
      line("u2", R"({"type":"order","item":"B","at":"2026-11-01T09:00:00Z"})"),
      line("u2", R"({"type":"order","item":"C","at":"2026-11-02T09:00:00Z"})"),
  };
  for (std::size_t i = 0; i < interactions.size(); ++i) evaluation.add_interaction_line(interactions[i], i + 1);
  const std::vector<std::string> catalog = {R"({"id":"A"})", R"({"id":"B"})", R"({"id":"C"})"};
  for (std::size_t i = 0; i < catalog.size(); ++i) evaluation.add_catalog_line(catalog[i], i + 1);
  REQUIRE(evaluation.finish_input());
  const auto report = evaluation.run(10, SplitMode::kRepeat);
  INFO(report.status().to_string());
  REQUIRE(report);
  CHECK(report->split == SplitMode::kRepeat);
  CHECK(report->all.users == 2);
  REQUIRE(report->all.methods.size() == 7);
  CHECK(report->all.methods.back().method == "decayed_frequency");

  const Metrics& decayed = metrics(report.value(), kDecayedFrequency);
  CHECK(decayed.hr1 == 0.5);
  CHECK(decayed.mrr == Approx((1 + 1.0 / 3) / 2).epsilon(1e-15));
  const Metrics& popular = metrics(report.value(), kMostPopular);
  CHECK(popular.hr1 == 0);
  CHECK(popular.mrr == Approx((0.5 + 1.0 / 3) / 2).epsilon(1e-15));

  REQUIRE(report->repeat_users);
  CHECK(report->repeat_users->users == 1);  // u1
  const MethodFigures* repeat_decayed = report->repeat_users->find(kDecayedFrequency);
  REQUIRE(repeat_decayed != nullptr);
  CHECK(repeat_decayed->mean.hr1 == 1);
  CHECK(repeat_decayed->ci95.hr1.low == 1);  // one user: every resample is that user
  CHECK(repeat_decayed->ci95.hr1.high == 1);
  CHECK(report->repeat_users->find(kMostPopular)->mean.mrr == 0.5);
}

TEST_CASE("eval run: at K = 1 only the first places count") {
  Told told;
  const auto report = run_by_hand(told, 1);
  REQUIRE(report);
  const Metrics& m = metrics(report.value(), kMostPopular);
  CHECK(m.hr == 0.5);
  CHECK(m.ndcg == 0.5);
  CHECK(m.mrr == 0.5);
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
  CHECK(report->all.users == 0);
  CHECK(report->skipped.too_few == 1);
  CHECK(metrics(report.value(), kMostPopular).hr == 0);
  CHECK(report->all.find(kMostPopular)->ci95.hr.high == 0);
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

// eval's report: the exact JSON line (member order, integers, the shortest
// text of each double, booleans, the intervals as [low, high]) read back by
// the SDK's JSON reader, the repeat split's extra group, and the table's
// lines and notes.
#include <catch2/catch.hpp>

#include <string>

#include "common/json.hpp"
#include "confidant_eval/eval.hpp"

namespace {

using confidant::eval::Figures;
using confidant::eval::Intervals;
using confidant::eval::MethodFigures;
using confidant::eval::Metrics;
using confidant::eval::Report;
using confidant::eval::SplitMode;

MethodFigures method(std::string name, Metrics mean, Intervals ci95 = {}) {
  return {std::move(name), mean, ci95};
}

Report sample() {
  Report r;
  r.all.users = 3;
  r.all.methods = {method("confidant", {1, 0.5, 0.25, 0.25}, {{0.5, 1}, {0.25, 0.75}, {0.125, 0.5}, {0, 0.5}}),
                   method("most_popular", {0.1, 1.0 / 3, 0, 0}),
                   method("recent_popular", {2.0 / 3, 0.5, 0.125, 0.125})};
  r.skipped.too_few = 1;
  r.skipped.not_in_catalog = 2;
  r.k = 5;
  r.dropped_signals = 7;
  r.popularity_from_training = true;
  r.times_in_seconds = true;
  r.time_shift_days = 427;
  return r;
}

}  // namespace

TEST_CASE("eval report: the JSON line, exactly") {
  CHECK(confidant::eval::report_json(sample()) ==
        R"({"users":3,"skipped":3,"k":5,"split":"new",)"
        R"("confidant":{"hr":1,"ndcg":0.5,"mrr":0.25,"hr1":0.25,)"
        R"("ci95":{"hr":[0.5,1],"ndcg":[0.25,0.75],"mrr":[0.125,0.5],"hr1":[0,0.5]}},)"
        R"("most_popular":{"hr":0.1,"ndcg":0.3333333333333333,"mrr":0,"hr1":0,)"
        R"("ci95":{"hr":[0,0],"ndcg":[0,0],"mrr":[0,0],"hr1":[0,0]}},)"
        R"("recent_popular":{"hr":0.6666666666666666,"ndcg":0.5,"mrr":0.125,"hr1":0.125,)"
        R"("ci95":{"hr":[0,0],"ndcg":[0,0],"mrr":[0,0],"hr1":[0,0]}},)"
        R"("skipped_by_reason":{"too_few":1,"no_positive":0,"not_in_catalog":2,"no_history":0},)"
        R"("dropped_signals":7,"popularity_from_training":true,"related_from_training":false,)"
        R"("times_in_seconds":true,"time_shift_days":427})");
}

TEST_CASE("eval report: the repeat split's JSON has its name and the repeat users' figures") {
  Report r = sample();
  r.split = SplitMode::kRepeat;
  r.all.methods.resize(1);
  r.repeat_users = Figures{1, {method("confidant", {1, 1, 1, 1}, {{1, 1}, {1, 1}, {1, 1}, {1, 1}})}};
  CHECK(confidant::eval::report_json(r) ==
        R"({"users":3,"skipped":3,"k":5,"split":"repeat",)"
        R"("confidant":{"hr":1,"ndcg":0.5,"mrr":0.25,"hr1":0.25,)"
        R"("ci95":{"hr":[0.5,1],"ndcg":[0.25,0.75],"mrr":[0.125,0.5],"hr1":[0,0.5]}},)"
        R"("repeat_users":{"users":1,"confidant":{"hr":1,"ndcg":1,"mrr":1,"hr1":1,)"
        R"("ci95":{"hr":[1,1],"ndcg":[1,1],"mrr":[1,1],"hr1":[1,1]}}},)"
        R"("skipped_by_reason":{"too_few":1,"no_positive":0,"not_in_catalog":2,"no_history":0},)"
        R"("dropped_signals":7,"popularity_from_training":true,"related_from_training":false,)"
        R"("times_in_seconds":true,"time_shift_days":427})");
}

TEST_CASE("eval report: every figure reads back as the same double") {
  const auto parsed = confidant::json::parse(confidant::eval::report_json(sample()));
  REQUIRE(parsed);
  const confidant::json::Value& report = parsed.value();
  const auto figure = [&](const char* method_name, const char* name) {
    const confidant::json::Value* m = report.find(method_name);
    REQUIRE(m != nullptr);
    const confidant::json::Value* value = m->find(name);
    REQUIRE(value != nullptr);
    return value->as_double();
  };
  CHECK(figure("most_popular", "ndcg") == 1.0 / 3);
  CHECK(figure("recent_popular", "hr") == 2.0 / 3);
  CHECK(figure("confidant", "mrr") == 0.25);
  CHECK(figure("confidant", "hr1") == 0.25);
  const confidant::json::Value* ci = report.find("confidant")->find("ci95");
  REQUIRE(ci != nullptr);
  const confidant::json::Value* ndcg = ci->find("ndcg");
  REQUIRE(ndcg != nullptr);
  REQUIRE(ndcg->is_array());
  REQUIRE(ndcg->as_array().size() == 2);
  CHECK(ndcg->as_array()[0].as_double() == 0.25);
  CHECK(ndcg->as_array()[1].as_double() == 0.75);
  REQUIRE(report.find("time_shift_days") != nullptr);
  CHECK(report.find("time_shift_days")->as_int64() == 427);
}

TEST_CASE("eval report: the table, with intervals and a note for each thing eval filled in or moved") {
  const std::string table = confidant::eval::report_table(sample());
  CHECK(table ==
        "users evaluated: 3, skipped: 3 (fewer than 2 interactions 1, no positive 0, held-out item not in catalog 2, "
        "nothing before the held-out 0)\n"
        "split: new (earlier interactions with the held-out item left out; candidates: the catalog minus the "
        "training items)\n"
        "method                  HR@5                  NDCG@5                MRR@5\n"
        "confidant               1.000 [0.500, 1.000]  0.500 [0.250, 0.750]  0.250 [0.125, 0.500]\n"
        "most_popular            0.100 [0.000, 0.000]  0.333 [0.000, 0.000]  0.000 [0.000, 0.000]\n"
        "recent_popular          0.667 [0.000, 0.000]  0.500 [0.000, 0.000]  0.125 [0.000, 0.000]\n"
        "(mean [95 % interval]: percentile bootstrap over users, 1000 resamples, seed 16)\n"
        "(the catalog has no popularity: Confidant's prior is the training popularity)\n"
        "(every time is in the first months of 1970 as milliseconds: read as Unix seconds)\n"
        "(the log starts before 2000: every time was moved 427 days later, whole weeks, so gaps, hours and weekdays "
        "are kept)");

  Report plain = sample();
  plain.popularity_from_training = false;
  plain.related_from_training = true;
  plain.times_in_seconds = false;
  plain.time_shift_days = 0;
  const std::string notes = confidant::eval::report_table(plain);
  CHECK(notes.find("no popularity") == std::string::npos);
  CHECK(notes.find("moved") == std::string::npos);
  CHECK(notes.substr(notes.rfind('\n') + 1) ==
        "(the catalog has no related items: Confidant's item model is the training co-occurrence)");
}

TEST_CASE("eval report: the repeat split's table has HR@1 and the repeat users") {
  Report r = sample();
  r.split = SplitMode::kRepeat;
  r.all.methods.resize(1);
  r.repeat_users = Figures{1, {method("decayed_frequency", {1, 1, 1, 1}, {{1, 1}, {1, 1}, {1, 1}, {1, 1}})}};
  r.popularity_from_training = false;
  r.times_in_seconds = false;
  r.time_shift_days = 0;
  CHECK(confidant::eval::report_table(r) ==
        "users evaluated: 3, skipped: 3 (fewer than 2 interactions 1, no positive 0, held-out item not in catalog 2, "
        "nothing before the held-out 0)\n"
        "split: repeat (earlier interactions with the held-out item kept; candidates: the whole catalog)\n"
        "method                  HR@5                  NDCG@5                MRR@5                 HR@1\n"
        "confidant               1.000 [0.500, 1.000]  0.500 [0.250, 0.750]  0.250 [0.125, 0.500]  "
        "0.250 [0.000, 0.500]\n"
        "repeat users (a positive interaction with their held-out item before it): 1\n"
        "method                  HR@5                  NDCG@5                MRR@5                 HR@1\n"
        "decayed_frequency       1.000 [1.000, 1.000]  1.000 [1.000, 1.000]  1.000 [1.000, 1.000]  "
        "1.000 [1.000, 1.000]\n"
        "(mean [95 % interval]: percentile bootstrap over users, 1000 resamples, seed 16)");
}

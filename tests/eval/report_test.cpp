// eval's report: the exact JSON line (member order, integers, the shortest
// text of each double, booleans) read back by the SDK's JSON reader, and
// the table's lines and notes.
#include <catch2/catch.hpp>

#include <string>

#include "common/json.hpp"
#include "confidant_eval/eval.hpp"

namespace {

using confidant::eval::Report;

Report sample() {
  Report r;
  r.users = 3;
  r.skipped.too_few = 1;
  r.skipped.not_in_catalog = 2;
  r.k = 5;
  r.confidant = {1, 0.5, 0.25};
  r.most_popular = {0.1, 1.0 / 3, 0};
  r.recent_popular = {2.0 / 3, 0.5, 0.125};
  r.dropped_signals = 7;
  r.popularity_from_training = true;
  r.times_in_seconds = true;
  r.time_shift_days = 427;
  return r;
}

}  // namespace

TEST_CASE("eval report: the JSON line, exactly") {
  CHECK(confidant::eval::report_json(sample()) ==
        R"({"users":3,"skipped":3,"k":5,"confidant":{"hr":1,"ndcg":0.5,"mrr":0.25},)"
        R"("most_popular":{"hr":0.1,"ndcg":0.3333333333333333,"mrr":0},)"
        R"("recent_popular":{"hr":0.6666666666666666,"ndcg":0.5,"mrr":0.125},)"
        R"("skipped_by_reason":{"too_few":1,"no_positive":0,"not_in_catalog":2,"no_history":0},)"
        R"("dropped_signals":7,"popularity_from_training":true,"related_from_training":false,)"
        R"("times_in_seconds":true,"time_shift_days":427})");
}

TEST_CASE("eval report: every figure reads back as the same double") {
  const auto parsed = confidant::json::parse(confidant::eval::report_json(sample()));
  REQUIRE(parsed);
  const confidant::json::Value& report = parsed.value();
  const auto figure = [&](const char* method, const char* name) {
    const confidant::json::Value* m = report.find(method);
    REQUIRE(m != nullptr);
    const confidant::json::Value* value = m->find(name);
    REQUIRE(value != nullptr);
    return value->as_double();
  };
  CHECK(figure("most_popular", "ndcg") == 1.0 / 3);
  CHECK(figure("recent_popular", "hr") == 2.0 / 3);
  CHECK(figure("confidant", "mrr") == 0.25);
  REQUIRE(report.find("time_shift_days") != nullptr);
  CHECK(report.find("time_shift_days")->as_int64() == 427);
}

TEST_CASE("eval report: the table, with a note for each thing eval filled in or moved") {
  const std::string table = confidant::eval::report_table(sample());
  CHECK(table ==
        "users evaluated: 3, skipped: 3 (fewer than 2 interactions 1, no positive 0, held-out item not in catalog 2, "
        "nothing before the held-out 0)\n"
        "method               HR@5   NDCG@5    MRR@5\n"
        "confidant          1.0000   0.5000   0.2500\n"
        "most_popular       0.1000   0.3333   0.0000\n"
        "recent_popular     0.6667   0.5000   0.1250\n"
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

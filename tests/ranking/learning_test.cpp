// On-device learning: the hour histograms behind "time of day", and the
// learner's multipliers — what feedback moves them, their bounds, that
// they persist in the ranking tables, and that reset() and forget() clear
// them in memory and in the store.
#include <catch2/catch.hpp>

#include "common/json.hpp"
#include "ranking/learned/learner.hpp"
#include "ranking/ranking_params.hpp"
#include "ranking/learned/time_of_day.hpp"
#include "ranking_test_util.hpp"

namespace {

using namespace ranking_test;
using confidant::ranking::Component;
using confidant::ranking::ComponentVector;
using confidant::ranking::HourHistogram;
using confidant::ranking::index_of;
using confidant::ranking::Learner;
using confidant::ranking::RankingParams;

const RankingParams& params() { return RankingParams::defaults(); }

TEST_CASE("time of day: concentrated habits score, spread ones do not, evidence builds confidence") {
  HourHistogram morning;
  for (int day = 0; day < 10; ++day) {
    morning.add(8, confidant::ranking::Engagement::kOrder, 1.0, kT0 + day * kDay, 60 * 86'400'000.0);
  }
  const std::int64_t next_morning = kT0 + 10 * kDay;
  CHECK(confidant::ranking::time_of_day_value(morning, next_morning, params()) > 0.8);
  CHECK(confidant::ranking::time_of_day_value(morning, next_morning + 7 * kHour, params()) == 0);
  CHECK(morning.dominant() == confidant::ranking::Engagement::kOrder);

  HourHistogram all_day;
  for (int hour = 0; hour < 24; ++hour) {
    all_day.add(hour, confidant::ranking::Engagement::kView, 1.0, kT0 + hour * kHour, 60 * 86'400'000.0);
  }
  CHECK(confidant::ranking::time_of_day_value(all_day, kT0 + kDay, params()) == Approx(0).margin(0.02));

  HourHistogram once;
  once.add(8, confidant::ranking::Engagement::kOrder, 1.0, kT0, 60 * 86'400'000.0);
  CHECK(confidant::ranking::time_of_day_value(once, kT0 + kDay, params()) == Approx(1.0 / 3.0).epsilon(0.01));
}

TEST_CASE("time of day: arrival order does not matter") {
  HourHistogram forward, backward;
  for (int day = 0; day < 5; ++day) forward.add(day, confidant::ranking::Engagement::kOrder, 1.0, kT0 + day * kDay, 1e9);
  for (int day = 4; day >= 0; --day) backward.add(day, confidant::ranking::Engagement::kOrder, 1.0, kT0 + day * kDay, 1e9);
  CHECK(forward.ref_ms == backward.ref_ms);
  for (std::size_t h = 0; h < 24; ++h) CHECK(forward.hours[h] == Approx(backward.hours[h]).epsilon(1e-12));
}

TEST_CASE("the learner: feedback moves multipliers, within bounds, and fades back without it") {
  Learner learner;
  ComponentVector clicked{};
  clicked[index_of(Component::kTimeOfDay)] = 1.0;
  ComponentVector ignored{};
  ignored[index_of(Component::kPopularity)] = 1.0;
  for (int i = 0; i < 200; ++i) {
    learner.learn(clicked, true, 1.0, params());
    learner.learn(ignored, false, 1.0, params());
  }
  CHECK(learner.multipliers[index_of(Component::kTimeOfDay)] > 1.2);
  CHECK(learner.multipliers[index_of(Component::kPopularity)] < 0.9);
  for (const double m : learner.multipliers) {
    CHECK(m >= params().learned_min);
    CHECK(m <= params().learned_max);
  }
  CHECK(learner.updates == 400);

  Learner extreme;
  for (int i = 0; i < 10'000; ++i) extreme.learn(clicked, true, 2.0, params());
  CHECK(extreme.multipliers[index_of(Component::kTimeOfDay)] <= params().learned_max);
  CHECK(extreme.multipliers[index_of(Component::kMoment)] == Approx(1.0));  // no evidence: untouched
}

// Serves a list, then feeds back: the person orders what is related to the
// morning habit and ignores the popular items.
void teach(Person& p, int rounds) {
  const std::vector<Candidate> menu = {candidate("latte-1", {"drinks/coffee/latte"}, 0.1),
                                       candidate("juice-1", {"drinks/juice"}, 1.0)};
  for (int round = 0; round < rounds; ++round) {
    const std::int64_t at = kT0 + round * kDay;
    p.rank(menu, plain(), at);
    p.ingest({signal(SignalType::kImpression, at + 60'000, "juice-1"),
              signal(SignalType::kOrder, at + 120'000, "latte-1", {"drinks/coffee/latte"})});
  }
}

TEST_CASE("the ranker learns from feedback on what it served, persists it, and reset() forgets it") {
  Person p;
  teach(p, 15);
  const Learner learned = p.ranker->learned().learner;
  CHECK(learned.updates == 2 * 15);  // an impression and an order per serving
  CHECK(learned.multipliers[index_of(Component::kPopularity)] < 1.0);

  SECTION("each kind of feedback teaches once per serving") {
    const auto before = p.ranker->learned().learner.updates;
    p.ingest(signal(SignalType::kImpression, kT0 + 14 * kDay + 180'000, "juice-1"));
    CHECK(p.ranker->learned().learner.updates == before);
  }
  SECTION("feedback on something never served teaches nothing") {
    const auto before = p.ranker->learned().learner.updates;
    p.ingest(signal(SignalType::kClick, kT0 + 14 * kDay + 180'000, "unserved-1", {"drinks/tea"}));
    CHECK(p.ranker->learned().learner.updates == before);
  }
  SECTION("it survives a restart") {
    p.restart();
    const Learner& reloaded = p.ranker->learned().learner;
    CHECK(reloaded.updates == learned.updates);
    CHECK(reloaded.bias == learned.bias);
    for (std::size_t i = 0; i < reloaded.multipliers.size(); ++i) CHECK(reloaded.multipliers[i] == learned.multipliers[i]);
    CHECK(p.ranker->learned().time_of_day.find("drinks/coffee/latte") != nullptr);
  }
  SECTION("reset() clears memory and every ranking table") {
    p.t.exec("BEGIN");
    require_ok(p.ranker->reset(*p.t.store));
    p.t.exec("COMMIT");
    CHECK(p.ranker->learned().learner.updates == 0);
    CHECK(p.ranker->learned().time_of_day.size() == 0);
    CHECK_FALSE(p.ranker->why("latte-1"));
    for (const char* table : {"ranking_model", "ranking_time_of_day", "ranking_impressions"}) {
      CHECK(p.t.count(std::string("SELECT count(*) FROM ") + table) == 0);
    }
    p.restart();
    CHECK(p.ranker->learned().learner.updates == 0);
  }
}

TEST_CASE("forget() drops an item's impression count and a category's hour histograms") {
  Person p;
  p.ingest({signal(SignalType::kImpression, kT0, "juice-1"),
            signal(SignalType::kOrder, kT0, "latte-1", {"drinks/coffee/latte"}),
            signal(SignalType::kOrder, kT0, "tea-1", {"drinks/tea"})});
  CHECK(p.t.count("SELECT count(*) FROM ranking_impressions") == 1);
  p.t.exec("BEGIN");
  require_ok(p.ranker->forget(*p.t.store, confidant::profile::parse_target("item:juice-1").value()));
  require_ok(p.ranker->forget(*p.t.store, confidant::profile::parse_target("drinks/coffee").value()));
  require_ok(p.ranker->save(*p.t.store));
  p.t.exec("COMMIT");
  CHECK(p.t.count("SELECT count(*) FROM ranking_impressions") == 0);
  CHECK(p.t.count("SELECT count(*) FROM ranking_time_of_day WHERE path LIKE 'drinks/coffee%'") == 0);
  CHECK(p.t.count("SELECT count(*) FROM ranking_time_of_day WHERE path = 'drinks/tea'") == 1);
  CHECK(p.t.count("SELECT count(*) FROM ranking_time_of_day WHERE path = 'drinks'") == 1);
  p.restart();
  CHECK(p.ranker->learned().time_of_day.find("drinks/coffee/latte") == nullptr);
  CHECK(p.ranker->learned().impressions.empty());
}

TEST_CASE("what was learned is exported, readable and in a fixed order") {
  Person p;
  p.ingest({signal(SignalType::kImpression, kT0, "muffin-1"),
            signal(SignalType::kOrder, kT0, "latte-1", {"drinks/coffee/latte"})});
  const std::string exported = p.ranker->export_json();
  auto parsed = confidant::json::parse(exported);
  INFO(exported);
  REQUIRE(parsed);
  const auto* model = parsed->find("model");
  REQUIRE(model != nullptr);
  CHECK(model->find("multipliers")->find("time_of_day")->as_double() == 1.0);
  const auto& hours = parsed->find("time_of_day")->as_array();
  REQUIRE(hours.size() == 3);
  CHECK(hours[0].find("path")->as_string() == "drinks");
  CHECK(hours[2].find("path")->as_string() == "drinks/coffee/latte");
  CHECK(hours[2].find("hours_utc")->as_array().at(8).as_double() == 1.0);
  CHECK(hours[2].find("orders")->as_double() == 1.0);
  CHECK(hours[2].find("as_of")->as_string() == "2026-11-20T08:00:00.000Z");
  const auto& impressions = parsed->find("impressions")->as_array();
  REQUIRE(impressions.size() == 1);
  CHECK(impressions[0].find("item")->as_string() == "muffin-1");
  CHECK(impressions[0].find("day")->as_string() == "2026-11-20");
  CHECK(impressions[0].find("count")->as_int64() == 1);
}

TEST_CASE("the hour histograms keep at most time_of_day_max_paths paths, dropping the weakest") {
  confidant::ranking::TimeOfDay histograms;
  RankingParams small = params();
  small.time_of_day_max_paths = 3;
  histograms.observe(signal(SignalType::kOrder, kT0, "a", {"drinks/coffee"}), small);  // drinks, drinks/coffee
  histograms.observe(signal(SignalType::kView, kT0, "b", {"food"}), small);
  CHECK(histograms.size() == 3);
  histograms.observe(signal(SignalType::kOrder, kT0 + kHour, "c", {"rooms"}), small);
  CHECK(histograms.size() == 3);
  CHECK(histograms.find("food") == nullptr);  // the weakest (one view) went
  CHECK(histograms.find("rooms") != nullptr);
}

}  // namespace

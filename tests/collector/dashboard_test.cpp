// The dashboard's words and pictures and the CSV export, from hand-made
// statistics: epochs as dates, the lift sentence, the trend charts and
// tables, RFC 4180 quoting. (The page in a real browser, fed by real
// devices: tests/browser/collector_dashboard_test.py.)
#include <catch2/catch.hpp>

#include <string>

#include "dashboard.hpp"
#include "epoch_dates.hpp"
#include "lift_words.hpp"
#include "stats_csv.hpp"

namespace {

constexpr std::uint64_t kWeek = 604800;

collector::ExperimentStats published_experiment(std::uint64_t epoch) {
  collector::ExperimentStats e;
  e.id = "personalization";
  e.outcome = "orders";
  e.epoch = epoch;
  e.published = true;
  e.buckets = {"0", "1"};
  e.personalized.reports = 180;
  e.personalized.estimate.mean = 2.3;
  e.personalized.estimate.low = 2.1;
  e.personalized.estimate.high = 2.5;
  e.personalized.estimate.buckets = {{0, 0.4, 0.3, 0.5}, {0, 0.6, 0.5, 0.7}};
  e.holdout.reports = 120;
  e.holdout.estimate.mean = 1.9;
  e.holdout.estimate.low = 1.6;
  e.holdout.estimate.high = 2.2;
  e.holdout.estimate.buckets = {{0, 0.5, 0.4, 0.6}, {0, 0.5, 0.4, 0.6}};
  e.lift = {0.4, 0.1, 0.7, true, 1.21, 1.09, 1.33};
  return e;
}

collector::GroupStats metric_group(std::uint64_t epoch, bool published, double oat) {
  collector::GroupStats g;
  g.metric_id = "milk";
  g.epoch = epoch;
  g.reports = published ? 150 : 40;
  g.published = published;
  if (published) {
    g.buckets = {{"oat", {0, oat, oat - 0.05, oat + 0.05}}, {"dairy, whole", {0, 1 - oat, 0.9 - oat, 1.1 - oat}}};
  }
  return g;
}

confidant::brand::ConfigInfo weekly_config() {
  confidant::brand::ConfigInfo config;
  config.brand = "Corner Coffee";
  config.epoch_seconds = kWeek;
  config.experiments = {{"personalization", 0.1, kWeek, {{"orders", "orders", {0, 1}, {"0", "1"}, 1}}}};
  return config;
}

}  // namespace

TEST_CASE("epochs read as UTC dates") {
  // 2970 * 604800 s is Thursday 3 December 2026, 00:00 UTC.
  CHECK(collector::epoch_start_iso(2970, kWeek) == "2026-12-03T00:00:00Z");
  CHECK(collector::epoch_label(2970, kWeek) == "3 Dec – 9 Dec 2026");
  CHECK(collector::epoch_label(2974, kWeek) == "31 Dec 2026 – 6 Jan 2027");
  CHECK(collector::epoch_label(20000, 86400) == "4 Oct 2024");
  CHECK(collector::epoch_label(1, 3600) == "1 Jan 1970 01:00 UTC");
  CHECK(collector::epoch_axis_label(2970, kWeek) == "3 Dec");
  CHECK(collector::per_epoch_words(kWeek) == "a week");
  CHECK(collector::per_epoch_words(2 * 86400) == "every 2 days");
}

TEST_CASE("the lift reads as a sentence, and an unpublished one says how far it is") {
  collector::ExperimentStats e = published_experiment(2970);
  CHECK(collector::lift_sentence(e, "orders", kWeek, 100) ==
        "personalized: 2.3 ± 0.2 orders a week; not personalized: 1.9 ± 0.3; lift +21 % (+9 % to +33 %)");
  collector::ExperimentStats low = e;  // an estimate just below 0 reads as 0, never "-0.0"
  low.holdout.estimate.mean = -0.02;
  CHECK_THAT(collector::lift_sentence(low, "orders", kWeek, 100), Catch::Contains("not personalized: 0.0 ± 0.3"));
  e.lift.has_ratio = false;  // a mean not positive: the difference, in the outcome's unit
  CHECK(collector::lift_sentence(e, "active_days", 86400, 100) ==
        "personalized: 2.3 ± 0.2 active days a day; not personalized: 1.9 ± 0.3; "
        "lift +0.4 active days a day (+0.1 to +0.7)");
  e.published = false;
  CHECK(collector::lift_sentence(e, "orders", kWeek, 200) ==
        "not enough reports yet (k = 200 in each arm; personalized 180, not personalized 120)");
}

TEST_CASE("CSV fields are quoted as RFC 4180 says, and every estimate is a row") {
  CHECK(collector::csv_field("oat") == "oat");
  CHECK(collector::csv_field("dairy, whole") == "\"dairy, whole\"");
  CHECK(collector::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(collector::csv_field("two\nlines") == "\"two\nlines\"");

  collector::Stats stats;
  stats.k = 100;
  stats.groups = {metric_group(2970, true, 0.3), metric_group(2971, false, 0)};
  collector::ExperimentStats withheld = published_experiment(2971);
  withheld.published = false;
  stats.experiments = {published_experiment(2970), withheld};
  const std::string csv = collector::stats_to_csv(stats, weekly_config());
  CHECK(csv ==
        "kind,id,outcome,epoch,start,arm,statistic,bucket,reports,published,estimate,low,high\r\n"
        "metric,milk,,2970,2026-12-03T00:00:00Z,,share,oat,150,true,0.3,0.25,0.35\r\n"
        "metric,milk,,2970,2026-12-03T00:00:00Z,,share,\"dairy, whole\",150,true,0.7,0.6,0.8\r\n"
        "metric,milk,,2971,2026-12-10T00:00:00Z,,,,40,false,,,\r\n"
        "experiment,personalization,orders,2970,2026-12-03T00:00:00Z,personalized,mean,,180,true,2.3,2.1,2.5\r\n"
        "experiment,personalization,orders,2970,2026-12-03T00:00:00Z,personalized,share,0,180,true,0.4,0.3,0.5\r\n"
        "experiment,personalization,orders,2970,2026-12-03T00:00:00Z,personalized,share,1,180,true,0.6,0.5,0.7\r\n"
        "experiment,personalization,orders,2970,2026-12-03T00:00:00Z,holdout,mean,,120,true,1.9,1.6,2.2\r\n"
        "experiment,personalization,orders,2970,2026-12-03T00:00:00Z,holdout,share,0,120,true,0.5,0.4,0.6\r\n"
        "experiment,personalization,orders,2970,2026-12-03T00:00:00Z,holdout,share,1,120,true,0.5,0.4,0.6\r\n"
        "experiment,personalization,orders,2970,2026-12-03T00:00:00Z,lift,difference,,300,true,0.4,0.1,0.7\r\n"
        "experiment,personalization,orders,2970,2026-12-03T00:00:00Z,lift,ratio,,300,true,1.21,1.09,1.33\r\n"
        "experiment,personalization,orders,2971,2026-12-10T00:00:00Z,personalized,,,180,false,,,\r\n"
        "experiment,personalization,orders,2971,2026-12-10T00:00:00Z,holdout,,,120,false,,,\r\n");
}

TEST_CASE("the dashboard shows dates, a trend per metric and outcome, and the lift in words") {
  collector::Stats stats;
  stats.k = 100;
  // Three weeks of a metric, the middle one withheld: its line breaks there.
  stats.groups = {metric_group(2970, true, 0.3), metric_group(2971, false, 0), metric_group(2972, true, 0.4)};
  collector::ExperimentStats withheld = published_experiment(2971);
  withheld.published = false;
  stats.experiments = {published_experiment(2970), withheld};
  const std::string html = collector::render_dashboard(stats, weekly_config());

  CHECK_THAT(html, Catch::Contains("<th scope='row'>3 Dec – 9 Dec 2026</th>"));
  CHECK_THAT(html, Catch::Contains("<th scope='row'>17 Dec – 23 Dec 2026</th>"));
  CHECK_THAT(html, !Catch::Contains("epoch 29"));
  // The latest epoch's sentence, and each epoch's in the table.
  CHECK_THAT(html, Catch::Contains("<p class='lift' data-epoch='2971'><strong>10 Dec – 16 Dec 2026:</strong> "
                                   "not enough reports yet (k = 100 in each arm; personalized 180, not personalized "
                                   "120)</p>"));
  CHECK_THAT(html, Catch::Contains("personalized: 2.3 ± 0.2 orders a week; not personalized: 1.9 ± 0.3; "
                                   "lift +21 % (+9 % to +33 %)"));
  // The metric's chart: a series per bucket, points at published epochs
  // only, and a new segment after the withheld week ("M", not "L").
  CHECK_THAT(html, Catch::Contains("<g class='series s0' data-series='oat'><path d='M"));
  CHECK_THAT(html, Catch::Contains("data-epoch='2970' data-value='0.300000'"));
  CHECK_THAT(html, Catch::Contains("data-epoch='2972' data-value='0.400000'"));
  CHECK_THAT(html, !Catch::Contains("data-epoch='2971' data-value"));
  const std::string oat_path = "data-series='oat'><path d='";
  const auto from = html.find(oat_path) + oat_path.size();
  CHECK(html.substr(from, html.find('\'', from) - from).find('L') == std::string::npos);
  CHECK_THAT(html, Catch::Contains("<caption>milk: share of devices in each bucket, by week (95 % intervals)</caption>"));
  CHECK_THAT(html, Catch::Contains("<td>30 % (25 to 35)</td>"));
  CHECK_THAT(html, Catch::Contains("withheld: fewer than k = 100 reports"));
  // The outcome's chart: both arms' means.
  CHECK_THAT(html, Catch::Contains("data-series='personalized'"));
  CHECK_THAT(html, Catch::Contains("data-series='not personalized'"));
  CHECK_THAT(html, Catch::Contains("<a href='/v1/stats.csv'>"));
}

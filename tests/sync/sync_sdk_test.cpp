// Sync through the public Sdk: what leaves, when, and what the person sees.
#include <catch2/catch.hpp>

#include <set>

#include "support/sync_harness.hpp"

using namespace sdk_test;

namespace {

void coffee_orders(SyncHarness& h, int count = 3) {
  for (int i = 0; i < count; ++i)
    h.track(signal(SignalType::kOrder, "latte", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
}

void tea_views(SyncHarness& h, int count = 10) {
  for (int i = 0; i < count; ++i) h.track(signal(SignalType::kView, "green-" + std::to_string(i), {"drinks/tea"}));
}

}  // namespace

TEST_CASE("only share-consented categories feed a report, and the payload carries no identifier") {
  SyncHarness h;
  h.grant({DataCategory::kPurchases, DataCategory::kBrowsing});
  h.grant({DataCategory::kPurchases}, {Use::kShare});
  coffee_orders(h);
  tea_views(h, 20);  // browsing outweighs, but is not shared

  const SyncResult result = h.sync();
  CHECK(result.prepared == 2);
  CHECK(result.sent == 2);
  CHECK(result.pending == 0);

  const auto ledger = h.ledger();
  REQUIRE(ledger.size() == 2);
  for (const json::Value& entry : ledger) {
    CHECK(status_of(entry) == "sent");
    CHECK(categories_of(entry) == std::vector<std::string>{"purchases"});
    CHECK(entry.find("epsilon")->as_double() == 2.0);
  }

  const auto reports = h.received();
  REQUIRE(reports.size() == 2);
  std::set<std::string> ids;
  const std::uint64_t epoch = static_cast<std::uint64_t>(h.clock->now_ms()) / 1000 / 604800;
  for (const brand::OpenedReport& r : reports) {
    // Everything the collector learns, field by field: the parser refuses
    // any field beyond these (tests/brand), so this is the whole payload.
    CHECK(r.report_id.size() == 32);
    ids.insert(r.report_id);
    CHECK(r.config_version == 1);
    CHECK(r.epoch == epoch);
    CHECK(r.epsilon == 2.0);
    CHECK((r.metric_id == "top_drink" || r.metric_id == "milk"));
  }
  CHECK(ids.size() == 2);
  for (const HttpRequest& request : h.transport->requests()) {
    CHECK(request.url == "https://collector.test/v1/reports");
    CHECK(request.body.size() < 1024);
    for (const auto& [name, value] : request.headers) CHECK(name == "content-type");
  }
}

TEST_CASE("without share consent nothing is sent, whatever the profile holds") {
  SyncHarness h;
  h.grant({DataCategory::kPurchases, DataCategory::kBrowsing});
  h.grant({DataCategory::kSearch}, {Use::kShare});  // shares a category with no data
  coffee_orders(h);
  tea_views(h);
  const SyncResult result = h.sync();
  CHECK(result.prepared == 0);
  CHECK(h.transport->requests().empty());
  REQUIRE(result.withheld.size() == 2);
  CHECK_THAT(result.withheld[0], Catch::Contains("no share-consented data"));
  CHECK(h.ledger().empty());
}

TEST_CASE("one report per metric and epoch, an unchanged value re-sends its memoized answer") {
  SyncHarness h;
  h.grant({DataCategory::kPurchases});
  h.grant({DataCategory::kPurchases}, {Use::kShare});
  coffee_orders(h);
  CHECK(h.sync().sent == 2);
  const SyncResult again = h.sync();
  CHECK(again.prepared == 0);
  CHECK_THAT(again.withheld[0], Catch::Contains("already reported this epoch"));

  h.clock->advance(kWeekMs);
  CHECK(h.sync().sent == 2);
  const auto ledger = h.ledger();
  REQUIRE(ledger.size() == 4);
  // Same metric, same true value, next epoch: the same randomized bits.
  for (const std::string metric : {"top_drink", "milk"}) {
    std::vector<std::string> bits;
    for (const json::Value& e : ledger)
      if (e.find("report")->find("metric")->as_string() == metric) bits.push_back(e.find("report")->find("bits")->as_string());
    REQUIRE(bits.size() == 2);
    CHECK(bits[0] == bits[1]);
  }
}

TEST_CASE("an exhausted budget stops sending, and the budget is visible") {
  // Per metric: 2 reports of epsilon 2 fit a cap of 4; in total, 3 fit 6.
  SyncHarness h(confidant::testing::cafe_config_json(1, 2.0, 4.0, 6.0));
  h.grant({DataCategory::kPurchases});
  h.grant({DataCategory::kPurchases}, {Use::kShare});
  coffee_orders(h);
  CHECK(h.sync().sent == 2);  // spent 4 of 6
  h.clock->advance(kWeekMs);
  const SyncResult second = h.sync();
  CHECK(second.sent == 1);  // the second metric would pass the total cap
  REQUIRE(second.withheld.size() == 1);
  CHECK_THAT(second.withheld[0], Catch::Contains("budget: total"));
  h.clock->advance(kWeekMs);
  const std::size_t requests = h.transport->requests().size();
  const SyncResult third = h.sync();
  CHECK(third.prepared == 0);
  CHECK(h.transport->requests().size() == requests);

  const Budget b = h.budget();
  CHECK(b.config_version == 1);
  CHECK(b.window_days == 30);
  CHECK(b.spent == 6.0);
  CHECK(b.cap == 6.0);
  REQUIRE(b.metrics.size() == 2);
  CHECK(b.metrics[0].spent + b.metrics[1].spent == 6.0);
  CHECK(to_json(b).find("\"spent\":6.0") != std::string::npos);

  // The window rolls: a month later there is budget again.
  h.clock->advance(30 * kDayMs);
  CHECK(h.sync().sent == 2);
}

TEST_CASE("withdrawing consent discards the pending reports of that category (scenario 10)") {
  SyncPolicy offline = SyncHarness::default_policy();
  offline.url.clear();  // queue only
  SyncHarness h(confidant::testing::cafe_config_json(), offline);
  h.grant({DataCategory::kPurchases, DataCategory::kBrowsing});
  h.grant({DataCategory::kPurchases, DataCategory::kBrowsing}, {Use::kShare});
  coffee_orders(h);
  CHECK(h.sync().pending == 2);

  SECTION("share withdrawn") { h.deny({DataCategory::kPurchases}, {Use::kShare}); }
  SECTION("personalize withdrawn") { h.deny({DataCategory::kPurchases}); }

  for (const json::Value& entry : h.ledger()) CHECK(status_of(entry) == "discarded");
  // A sync after that contains nothing derived from purchases.
  tea_views(h);
  h.clock->advance(kWeekMs);
  const SyncResult later = h.sync();
  CHECK(later.pending == 1);  // top_drink from browsing; milk has no shared answer
  for (const json::Value& entry : h.ledger()) {
    if (status_of(entry) == "pending") CHECK(categories_of(entry) == std::vector<std::string>{"browsing"});
  }
}

TEST_CASE("a dry run shows the decoded reports and keeps nothing") {
  SyncHarness h;
  h.grant({DataCategory::kPurchases});
  h.grant({DataCategory::kPurchases}, {Use::kShare});
  coffee_orders(h);
  const SyncResult dry = h.sync(true);
  CHECK(dry.prepared == 0);
  auto first = json::parse(dry.dry_run_reports.substr(0, dry.dry_run_reports.find('\n')));
  REQUIRE(first);
  CHECK(first->find("metric")->as_string() == "top_drink");
  CHECK(first->find("epsilon")->as_double() == 2.0);
  CHECK(first->find("bits")->as_string().size() == 4);
  CHECK(h.transport->requests().empty());
  CHECK(h.ledger().empty());
  CHECK(h.budget().spent == 0.0);
}

TEST_CASE("the ledger is in the export, decoded, with its epsilon (scenario 12)") {
  SyncHarness h;
  h.grant({DataCategory::kPurchases});
  h.grant({DataCategory::kPurchases}, {Use::kShare});
  coffee_orders(h);
  h.sync();
  auto exported = json::parse(h.exported());
  REQUIRE(exported);
  const json::Value* shared = exported->find("shared_reports");
  REQUIRE(shared);
  REQUIRE(shared->as_array().size() == 2);
  for (const json::Value& entry : shared->as_array()) {
    CHECK(entry.find("epsilon")->as_double() == 2.0);
    CHECK(entry.find("report")->find("ones")->is_array());
    CHECK(entry.find("settled_at")->is_string());
  }
}

TEST_CASE("paused personalization shares nothing new") {
  SyncHarness h;
  h.grant({DataCategory::kPurchases});
  h.grant({DataCategory::kPurchases}, {Use::kShare});
  coffee_orders(h);
  h.flush();
  REQUIRE(h.sdk->set_paused(true));
  const SyncResult r = h.sync();
  CHECK(r.prepared == 0);
  CHECK_THAT(r.withheld.at(0), Catch::Contains("paused"));
}

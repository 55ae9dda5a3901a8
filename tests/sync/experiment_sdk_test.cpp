// Holdout experiments through the public Sdk: the arm, the plain list it
// shows, leaving, consent, and the outcome report the brand opens.
#include <catch2/catch.hpp>

#include "support/sync_harness.hpp"

using namespace sdk_test;

namespace {

// The cafe config with one experiment "plain": holdout share `share`, a
// week's period, one outcome counting orders in buckets 0, 1, 2, 3-5, 6+.
std::string experiment_config(double share, double epsilon = 2.0) {
  std::string config = confidant::testing::cafe_config_json();
  config.pop_back();  // the closing brace
  return config + R"(,"experiments":[{"id":"plain","holdout_share":)" + std::to_string(share) +
         R"(,"period_seconds":604800,"outcomes":[{"source":"orders","buckets":[0,1,2,3,6],"epsilon":)" +
         std::to_string(epsilon) + R"(,"budget_cap":8}]}]})";
}

SyncPolicy offline() { return {}; }  // no url: reports wait in the outbox

Candidate item(std::string id, std::string category, double popularity) {
  Candidate c;
  c.id = std::move(id);
  c.categories = {std::move(category)};
  c.popularity = popularity;
  return c;
}

std::vector<Candidate> menu() {
  return {item("latte", "drinks/coffee/latte", 0.1), item("tea", "drinks/tea", 0.9), item("scone", "food/bakery", 0.5)};
}

std::vector<RankedItem> ranked(SyncHarness& h) {
  h.flush();
  auto r = h.sdk->rank(menu());
  INFO(r.status().to_string());
  REQUIRE(r);
  return r.value();
}

std::vector<std::string> ids(const std::vector<RankedItem>& items) {
  std::vector<std::string> out;
  for (const RankedItem& item : items) out.push_back(item.id);
  return out;
}

bool held_out(const std::vector<RankedItem>& items) {
  bool all = true, any = false;
  for (const RankedItem& item : items) {
    const bool says = !item.reasons.empty() && item.reasons.front().code == "experiment_holdout";
    all = all && says;
    any = any || says;
  }
  REQUIRE(all == any);  // the whole list is held out, or none of it
  return all;
}

// A coffee lover who shares what they order.
void coffee_person(SyncHarness& h) {
  h.grant({DataCategory::kPurchases, DataCategory::kBrowsing});
  h.grant({DataCategory::kPurchases}, {Use::kShare});
  for (int i = 0; i < 4; ++i) h.track(signal(SignalType::kOrder, "latte", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
}

}  // namespace

TEST_CASE("the holdout arm gets the non-personal order, and each result says why") {
  SyncHarness h(experiment_config(0.999999));
  coffee_person(h);
  const auto held = ranked(h);
  REQUIRE(held_out(held));
  CHECK(held.front().reasons.front().text ==
        "Not personalized this week: the brand is measuring how well personalization works");
  CHECK(held.front().reasons.front().params.at("period_days") == "7");

  // The non-personal order is the one a paused person gets.
  REQUIRE(h.sdk->set_paused(true));
  const auto paused = ranked(h);
  CHECK_FALSE(held_out(paused));
  CHECK(ids(held) == ids(paused));
  CHECK(ids(paused).front() == "tea");  // popularity
  REQUIRE(h.sdk->set_paused(false));

  // The personal order differs: the latte lover's latte comes first.
  SyncHarness personal(experiment_config(0.000001));
  coffee_person(personal);
  const auto own = ranked(personal);
  CHECK_FALSE(held_out(own));
  CHECK(ids(own).front() == "latte");
}

TEST_CASE("leaving the experiment is a ledger record, ends the holdout and stops outcome reports") {
  SyncHarness h(experiment_config(0.999999), offline());
  coffee_person(h);
  REQUIRE(held_out(ranked(h)));
  h.clock->advance(kWeekMs);
  REQUIRE(held_out(ranked(h)));  // this period's arm, drawn now
  const SyncResult before = h.sync();
  // Last week's outcome is queued (no url: it waits).
  int pending_outcomes = 0;
  for (const json::Value& entry : h.ledger()) {
    if (entry.find("report")->find("experiment") != nullptr && status_of(entry) == "pending") ++pending_outcomes;
  }
  REQUIRE(pending_outcomes == 1);
  const ConsentStates states_before = h.sdk->consent().value();

  const Status left = h.sdk->leave_experiment("plain", {Source::kUser, "2026-11", "Leave the experiment"});
  INFO(left.to_string());
  REQUIRE(left);
  CHECK_FALSE(held_out(ranked(h)));
  CHECK(ids(ranked(h)).front() == "latte");

  // The pending outcome report never leaves.
  for (const json::Value& entry : h.ledger()) {
    if (entry.find("report")->find("experiment") != nullptr) CHECK(status_of(entry) == "discarded");
  }
  // The consent ledger says so, and no consent state changed.
  auto receipt = h.sdk->consent_receipt();
  REQUIRE(receipt);
  auto doc = json::parse(receipt.value());
  REQUIRE(doc);
  CHECK(doc->find("chain")->find("intact")->as_bool());
  const auto& records = doc->find("records")->as_array();
  REQUIRE_FALSE(records.empty());
  const json::Value& last = records.back();
  REQUIRE(last.find("experiment") != nullptr);
  CHECK(last.find("experiment")->as_string() == "plain");
  CHECK(last.find("decision")->as_string() == "withdrawn");
  CHECK(last.find("use")->as_string() == "share");
  CHECK(h.sdk->consent().value().states == states_before.states);
  CHECK(doc->find("current")->find("purchases")->find("share")->as_string() == "granted");

  // Next epoch: no outcome report, the reason given; and it lasts across a restart.
  h.clock->advance(kWeekMs);
  h.reopen();
  const SyncResult after = h.sync();
  int outcome_reports = 0;
  for (const json::Value& entry : h.ledger())
    outcome_reports += entry.find("report")->find("experiment") != nullptr ? 1 : 0;
  CHECK(outcome_reports == 1);  // the discarded one; nothing new
  bool said = false;
  for (const std::string& why : after.withheld) said = said || why == "plain: you left this experiment";
  CHECK(said);
  CHECK_FALSE(held_out(ranked(h)));

  CHECK(h.sdk->leave_experiment("nope").code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(h.sdk->leave_experiment("nope").message(), Catch::StartsWith("experiment:"));
  (void)before;
}

TEST_CASE("without share consent the experiment does not run") {
  SyncHarness h(experiment_config(0.999999));
  h.grant({DataCategory::kPurchases, DataCategory::kBrowsing});  // personalize only
  for (int i = 0; i < 4; ++i) h.track(signal(SignalType::kOrder, "latte", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
  CHECK_FALSE(held_out(ranked(h)));
  CHECK(ids(ranked(h)).front() == "latte");
  h.clock->advance(kWeekMs);
  const SyncResult result = h.sync();
  CHECK(h.received().empty());
  bool said = false;
  for (const std::string& why : result.withheld)
    said = said || why == "plain: share is not granted for what its outcomes count, or personalize for nothing";
  CHECK(said);

  // Share for another category only is not enough: the outcome counts orders.
  h.grant({DataCategory::kBrowsing}, {Use::kShare});
  CHECK_FALSE(held_out(ranked(h)));
  h.grant({DataCategory::kPurchases}, {Use::kShare});
  CHECK(held_out(ranked(h)));
}

TEST_CASE("the arm is drawn once per period, kept across a restart, and drawn again the next period") {
  SyncHarness h(experiment_config(0.5));
  coffee_person(h);
  int holdouts = 0;
  constexpr int kPeriods = 24;
  for (int period = 0; period < kPeriods; ++period) {
    const bool arm = held_out(ranked(h));
    CHECK(held_out(ranked(h)) == arm);
    h.reopen();
    CHECK(held_out(ranked(h)) == arm);
    holdouts += arm ? 1 : 0;
    h.clock->advance(kWeekMs);
  }
  // Both arms in 24 fair draws: fails with probability 2^-23.
  CHECK(holdouts > 0);
  CHECK(holdouts < kPeriods);
}

TEST_CASE("an epoch's outcome report carries the arm and the randomized histogram, and spends budget") {
  SyncHarness h(experiment_config(0.5));
  coffee_person(h);
  const bool holdout = held_out(ranked(h));
  const std::uint64_t epoch = static_cast<std::uint64_t>(h.clock->now_ms()) / 1000 / 604800;
  const SyncResult first = h.sync();  // this epoch: the metrics only; its outcome is not over yet
  for (const brand::OpenedReport& r : h.received()) CHECK(r.experiment_id.empty());

  h.clock->advance(kWeekMs);
  const std::size_t before = h.received().size();
  const SyncResult second = h.sync();
  const auto reports = h.received();
  std::vector<brand::OpenedReport> outcomes;
  for (std::size_t i = before; i < reports.size(); ++i)
    if (!reports[i].experiment_id.empty()) outcomes.push_back(reports[i]);
  REQUIRE(outcomes.size() == 1);
  const brand::OpenedReport& r = outcomes.front();
  CHECK(r.experiment_id == "plain");
  CHECK(r.metric_id == "orders");
  CHECK(r.arm == (holdout ? "holdout" : "personalized"));
  CHECK(r.epoch == epoch);  // the epoch measured, the one that ended
  CHECK(r.epsilon == 2.0);
  for (const std::uint32_t bucket : r.ones) CHECK(bucket < 5);

  // Budget: charged like any report, under "experiment/outcome".
  bool charged = false;
  for (const MetricBudget& m : h.budget().metrics) {
    if (m.metric_id == "plain/orders") {
      charged = true;
      CHECK(m.spent == 2.0);
      CHECK(m.cap == 8.0);
    }
  }
  CHECK(charged);
  // The person reads it in the sync ledger, decoded.
  bool shown = false;
  for (const json::Value& entry : h.ledger()) {
    const json::Value* experiment = entry.find("report")->find("experiment");
    if (experiment == nullptr) continue;
    shown = true;
    CHECK(experiment->as_string() == "plain");
    CHECK(entry.find("report")->find("arm")->as_string() == r.arm);
    CHECK(entry.find("report")->find("outcome")->as_string() == "orders");
    CHECK(categories_of(entry) == std::vector<std::string>{"purchases"});
  }
  CHECK(shown);
  // Once per epoch.
  const SyncResult third = h.sync();
  CHECK(third.prepared == 0);
  (void)first;
  (void)second;
}

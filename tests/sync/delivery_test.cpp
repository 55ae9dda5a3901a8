// Delivery: retries with backoff, Retry-After, giving up, and a host
// transport that fails in every way it can.
#include <catch2/catch.hpp>

#include "support/sync_harness.hpp"
#include "sync/delivery_policy.hpp"

using namespace sdk_test;

namespace {

SyncPolicy quick_policy(int max_attempts = 8) {
  SyncPolicy p = SyncHarness::default_policy();
  p.max_attempts = max_attempts;
  p.backoff_initial = std::chrono::seconds(60);
  p.backoff_max = std::chrono::seconds(3600);
  return p;
}

void one_pending_report(SyncHarness& h) {
  h.grant({DataCategory::kPurchases});
  h.grant({DataCategory::kPurchases}, {Use::kShare});
  h.track(signal(SignalType::kOrder, "latte", {"drinks/coffee"}, {{"milk", "oat"}}));  // answers both metrics
  h.flush();
}

}  // namespace

TEST_CASE("backoff doubles from the initial delay, is capped, and is jittered into its upper half") {
  SyncPolicy p = quick_policy();
  const auto low = [] { return 0.0; };
  const auto high = [] { return 0.999999; };
  CHECK(sync::backoff_ms(1, p, low) == 30'000);
  CHECK(sync::backoff_ms(1, p, high) == Approx(60'000).margin(1));
  CHECK(sync::backoff_ms(3, p, low) == 120'000);
  CHECK(sync::backoff_ms(30, p, high) == Approx(3'600'000).margin(5));
}

TEST_CASE("Retry-After is read in seconds, a date or garbage is ignored") {
  HttpResponse r;
  r.status = 429;
  r.headers = {{"Retry-After", "120"}};
  CHECK(sync::retry_after_ms(r) == 120'000);
  r.headers = {{"retry-after", "Wed, 21 Oct 2026 07:28:00 GMT"}};
  CHECK_FALSE(sync::retry_after_ms(r));
  r.headers = {{"retry-after", "-5"}};
  CHECK_FALSE(sync::retry_after_ms(r));
}

TEST_CASE("a 5xx is retried after the backoff, then delivered") {
  SyncHarness h(confidant::testing::cafe_config_json(), quick_policy());
  one_pending_report(h);
  h.transport->respond(500);
  SyncResult r = h.sync();
  CHECK(r.sent == 0);
  CHECK(r.pending == 2);
  CHECK(h.transport->requests().size() == 1);  // one failure stops the round
  CHECK(h.ledger().at(0).find("last_error")->as_string() == "http 500");

  r = h.sync();  // before the backoff: nothing is attempted
  CHECK(h.transport->requests().size() == 1);
  h.clock->advance(61'000);
  r = h.sync();
  CHECK(r.sent == 2);
  CHECK(r.pending == 0);
  CHECK(h.ledger().at(0).find("attempts")->as_int64() == 2);
}

TEST_CASE("429 waits for Retry-After when it is longer than the backoff") {
  SyncHarness h(confidant::testing::cafe_config_json(), quick_policy());
  one_pending_report(h);
  h.transport->respond(429, {{"retry-after", "7200"}});
  h.sync();
  h.clock->advance(3600'000);
  h.sync();
  CHECK(h.transport->requests().size() == 1);
  h.clock->advance(3601'000);
  CHECK(h.sync().sent == 2);
}

TEST_CASE("another 4xx drops the reports: sending the same bytes again cannot help") {
  SyncHarness h(confidant::testing::cafe_config_json(), quick_policy());
  one_pending_report(h);
  h.transport->respond(400);
  const SyncResult r = h.sync();
  CHECK(r.dropped == 2);
  CHECK(r.pending == 0);
  for (const json::Value& e : h.ledger()) {
    CHECK(status_of(e) == "dropped");
    CHECK(e.find("last_error")->as_string() == "http 400");
  }
}

TEST_CASE("network failures, timeouts and a throwing transport retry, then give up after max_attempts") {
  SyncHarness h(confidant::testing::cafe_config_json(), quick_policy(3));
  one_pending_report(h);
  h.transport->fail(Status{ErrorCode::kIo, "connection refused"});
  h.transport->throw_once();
  h.transport->fail(Status{ErrorCode::kIo, "timed out after 15000 ms"});
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const SyncResult r = h.sync();
    CHECK(r.sent == 0);
    CHECK(r.dropped == (attempt == 3 ? 2 : 0));
    h.clock->advance(3600'000);
  }
  CHECK(h.transport->requests().size() == 3);
  for (const json::Value& e : h.ledger()) {
    CHECK(status_of(e) == "dropped");
    CHECK_THAT(e.find("last_error")->as_string(), Catch::Contains("gave up after 3 attempts"));
  }
}

TEST_CASE("a report too old to retry is dropped") {
  SyncPolicy p = quick_policy();
  p.max_age = std::chrono::hours(2);
  SyncHarness h(confidant::testing::cafe_config_json(), p);
  one_pending_report(h);
  h.transport->respond(503);
  h.sync();
  h.clock->advance(3 * 3600'000);
  h.transport->respond(503);
  const SyncResult r = h.sync();
  CHECK(r.dropped == 2);
  CHECK_THAT(h.ledger().at(0).find("last_error")->as_string(), Catch::Contains("too old"));
}

TEST_CASE("without a transport or url, reports wait in the encrypted outbox across restarts") {
  SyncPolicy offline = quick_policy();
  offline.url.clear();
  SyncHarness h(confidant::testing::cafe_config_json(), offline);
  one_pending_report(h);
  CHECK(h.sync().pending == 2);
  h.reopen();  // reopen() uses options() without a transport
  auto r = h.sdk->sync({});
  REQUIRE(r);
  CHECK(r->pending == 2);
}

TEST_CASE("reports the collector's ack refuses are dropped with its reason, a duplicate counts as sent") {
  SyncHarness h(confidant::testing::cafe_config_json(), quick_policy());
  one_pending_report(h);
  h.transport->respond(200, {}, brand::make_ack(0, {{0, "invalid: report.config_version: 1 is not the served version 2"},
                                                    {1, "duplicate"}}));
  const SyncResult r = h.sync();
  CHECK(r.sent == 1);
  CHECK(r.dropped == 1);
  const auto ledger = h.ledger();
  REQUIRE(ledger.size() == 2);
  int dropped = 0;
  for (const json::Value& e : ledger) {
    if (status_of(e) != "dropped") continue;
    ++dropped;
    CHECK_THAT(e.find("last_error")->as_string(), Catch::Contains("refused by the collector: invalid"));
  }
  CHECK(dropped == 1);
}

TEST_CASE("a 2xx that is not an ack settles every report as sent") {
  SyncHarness h(confidant::testing::cafe_config_json(), quick_policy());
  one_pending_report(h);
  h.transport->respond(204, {}, "not protobuf \xff\xff");
  CHECK(h.sync().sent == 2);
}

TEST_CASE("Retry-After is delta-seconds: digits only, no sign") {
  // Found by the sync_ack fuzz target: "-0" was read as 0 seconds
  // (tests/fuzz/sync_ack/crash-retry-after-minus-zero).
  HttpResponse r;
  r.status = 429;
  for (const char* value : {"-0", "-00", "+5", "-1", " 5", "5 ", ""}) {
    r.headers = {{"Retry-After", value}};
    INFO(value);
    CHECK_FALSE(sync::retry_after_ms(r));
  }
  r.headers = {{"Retry-After", "0"}};
  CHECK(sync::retry_after_ms(r) == 0);
}

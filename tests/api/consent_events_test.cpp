// Sdk consent events (consent_events.hpp, docs/consent.md "Consent events"):
// one event per ledger record whatever the source, in ledger order, after
// the change and its purge are durable, on a thread where a listener may
// call back into the SDK; throwing listeners, removal, a slow listener and
// closing with events pending. Threaded: runs under the tsan preset too.
#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "common/json.hpp"
#include "consent/types.hpp"
#include "support/sdk_harness.hpp"

using namespace sdk_test;

namespace {

// Long enough never to be reached when the SDK works; only a broken SDK
// waits this long, and then the test fails instead of hanging.
constexpr auto kPatience = std::chrono::seconds(20);

// Collects events from the consent-event thread for the test's thread.
class Collector {
 public:
  ConsentListener listener() {
    return [this](const ConsentEvent& event) {
      std::lock_guard lock(mu_);
      events_.push_back(event);
      changed_.notify_all();
    };
  }
  // True once at least `n` events have arrived.
  bool wait_for(std::size_t n) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, kPatience, [&] { return events_.size() >= n; });
  }
  std::vector<ConsentEvent> events() const {
    std::lock_guard lock(mu_);
    return events_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::vector<ConsentEvent> events_;
};

// A one-shot signal between threads.
class Latch {
 public:
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  bool wait() {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kPatience, [&] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

ConsentListenerId add(Sdk& sdk, ConsentListener listener) {
  auto id = sdk.add_consent_listener(std::move(listener));
  INFO(id.status().to_string());
  REQUIRE(id);
  return id.value();
}

json::Value receipt(Sdk& sdk) {
  auto text = sdk.consent_receipt();
  REQUIRE(text);
  auto doc = json::parse(text.value());
  REQUIRE(doc);
  return doc.value();
}

const json::Value::Array& records(const json::Value& receipt) { return receipt.find("records")->as_array(); }

std::string decision_of(ConsentState state) { return state == ConsentState::kGranted ? "granted" : "withdrawn"; }

// Each event says exactly what its ledger record says.
void check_matches_ledger(const std::vector<ConsentEvent>& events, const json::Value& doc) {
  const auto& recs = records(doc);
  REQUIRE(events.size() == recs.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    const ConsentEvent& e = events[i];
    const json::Value& r = recs[i];
    INFO("event " << i);
    CHECK(e.sequence == static_cast<std::uint64_t>(r.find("seq")->as_int64()));
    CHECK(consent::name(e.category) == r.find("category")->as_string());
    CHECK(consent::name(e.use) == r.find("use")->as_string());
    CHECK(decision_of(e.state) == r.find("decision")->as_string());
    CHECK(consent::name(e.source) == r.find("source")->as_string());
    CHECK(e.policy_version == r.find("policy_version")->as_string());
    CHECK(e.at_unix_ms == r.find("at_unix_ms")->as_int64());
    CHECK(e.missed == 0);
  }
}

}  // namespace

TEST_CASE("every consent record fires one event, in ledger order, whatever its source; pause fires none") {
  Harness h;
  Collector seen;
  add(*h.sdk, seen.listener());

  REQUIRE(h.sdk->grant({DataCategory::kBrowsing, DataCategory::kPurchases}, {Use::kPersonalize, Use::kShare},
                       {Source::kUser, "2026-11", "screen"}));
  h.clock->advance(60000);
  REQUIRE(h.sdk->deny({DataCategory::kLocation}, {Use::kPersonalize}, {Source::kAppDefault, "defaults-3", ""}));
  REQUIRE(h.sdk->set_paused(true));  // a setting, not a consent record
  REQUIRE(h.sdk->set_paused(false));
  h.clock->advance(60000);
  CmpSignals cmp;
  cmp.consent_mode = {{"ad_storage", "granted"}, {"analytics_storage", "granted"},
                      {"ad_user_data", "denied"}, {"ad_personalization", "granted"}};
  auto outcome = h.sdk->apply_cmp(cmp);
  REQUIRE(outcome);
  REQUIRE(outcome.value().applied);
  // The same CMP state again records nothing, and so fires nothing.
  REQUIRE(h.sdk->apply_cmp(cmp));
  REQUIRE(h.sdk->grant({DataCategory::kSearch}, {Use::kPersonalize}, {Source::kUser, "2026-12", ""}));

  const json::Value doc = receipt(*h.sdk);
  const std::size_t total = records(doc).size();
  REQUIRE(total > 6);
  REQUIRE(seen.wait_for(total));
  REQUIRE(h.sdk->close());  // delivers what is waiting; nothing after
  const std::vector<ConsentEvent> events = seen.events();
  check_matches_ledger(events, doc);
  CHECK(events.front().source == Source::kUser);
  CHECK(events[4].source == Source::kAppDefault);
  CHECK(events[4].state == ConsentState::kDenied);
  CHECK(events[5].source == Source::kCmp);
  CHECK(events.back().policy_version == "2026-12");
}

TEST_CASE("an event arrives after its change and purge are durable, and the listener may call back into the SDK") {
  Harness h;
  h.grant({DataCategory::kPurchases, DataCategory::kBrowsing});
  h.track(signal(SignalType::kOrder, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
  h.track(signal(SignalType::kView, "tea-2", {"drinks/tea"}));
  h.flush();
  REQUIRE(find_interest(h.profile(), "drinks/coffee/latte") != nullptr);

  struct Seen {
    std::uint64_t sequence = 0;
    bool record_in_ledger = false;
    bool order_still_stored = true;
    bool latte_still_in_profile = true;
    ConsentState state_read = ConsentState::kUnknown;
    Status regrant;
  };
  std::promise<Seen> seen;
  Sdk& sdk = *h.sdk;
  add(sdk, [&sdk, &seen, done = false](const ConsentEvent& event) mutable {
    if (done || event.category != DataCategory::kPurchases || event.state != ConsentState::kDenied) return;
    done = true;
    Seen s;
    s.sequence = event.sequence;
    // Read back through the SDK, from the listener's own thread.
    auto text = sdk.consent_receipt();
    if (text) {
      auto doc = json::parse(text.value());
      if (doc) {
        for (const json::Value& r : doc.value().find("records")->as_array()) {
          if (static_cast<std::uint64_t>(r.find("seq")->as_int64()) == event.sequence) s.record_in_ledger = true;
        }
      }
    }
    auto exported = sdk.export_json();
    if (exported) s.order_still_stored = exported.value().find("latte-1") != std::string::npos;
    auto profile = sdk.profile();
    if (profile) s.latte_still_in_profile = find_interest(profile.value(), "drinks/coffee/latte") != nullptr;
    auto states = sdk.consent();
    if (states) s.state_read = states.value().of(DataCategory::kPurchases, Use::kPersonalize);
    // A change from inside a listener: it is recorded and fires its own event.
    s.regrant = sdk.grant({DataCategory::kSearch}, {Use::kPersonalize});
    seen.set_value(s);
  });
  Collector all;
  add(sdk, all.listener());

  h.deny({DataCategory::kPurchases});
  auto future = seen.get_future();
  REQUIRE(future.wait_for(kPatience) == std::future_status::ready);
  const Seen s = future.get();
  CHECK(s.record_in_ledger);
  CHECK_FALSE(s.order_still_stored);
  CHECK_FALSE(s.latte_still_in_profile);
  CHECK(s.state_read == ConsentState::kDenied);
  CHECK(s.regrant);
  REQUIRE(all.wait_for(2));  // the deny, then the grant made inside the listener
  const auto events = all.events();
  CHECK(events[0].sequence == s.sequence);
  CHECK(events[1].sequence == s.sequence + 1);
  CHECK(events[1].category == DataCategory::kSearch);

  // Durable: the store, opened again from its files, holds the record.
  h.reopen();
  const json::Value doc = receipt(*h.sdk);
  CHECK(records(doc).size() == s.sequence + 1);
}

TEST_CASE("changes from several threads: every one fires exactly one event, sequences strictly increasing") {
  Harness h;
  Collector seen;
  add(*h.sdk, seen.listener());

  constexpr int kThreads = 4;
  constexpr int kChanges = 40;
  using Change = std::tuple<std::string, DataCategory, Use, ConsentState>;
  std::vector<std::vector<Change>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kChanges; ++i) {
        const DataCategory category = kAllCategories[static_cast<std::size_t>(t + i) % kAllCategories.size()];
        const Use use = kAllUses[static_cast<std::size_t>(i) % kAllUses.size()];
        const bool grant = (i + t) % 3 != 0;
        const std::string version = "t" + std::to_string(t) + "-" + std::to_string(i);
        const ConsentContext context{Source::kUser, version, ""};
        const Status st = grant ? h.sdk->grant({category}, {use}, context) : h.sdk->deny({category}, {use}, context);
        if (st) made[static_cast<std::size_t>(t)].emplace_back(version, category, use,
                                                              grant ? ConsentState::kGranted : ConsentState::kDenied);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::multiset<Change> expected;
  for (const auto& changes : made) expected.insert(changes.begin(), changes.end());
  REQUIRE(expected.size() == kThreads * kChanges);
  const json::Value doc = receipt(*h.sdk);
  REQUIRE(seen.wait_for(expected.size()));
  REQUIRE(h.sdk->close());

  const auto events = seen.events();
  REQUIRE(events.size() == expected.size());  // none missed, none twice
  std::multiset<Change> delivered;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i > 0) CHECK(events[i].sequence > events[i - 1].sequence);
    delivered.emplace(events[i].policy_version, events[i].category, events[i].use, events[i].state);
  }
  CHECK(delivered == expected);
  check_matches_ledger(events, doc);
}

TEST_CASE("a listener that throws does not break the SDK or the other listeners") {
  Harness h;
  add(*h.sdk, [](const ConsentEvent&) { throw std::runtime_error("host bug"); });
  add(*h.sdk, [](const ConsentEvent&) { throw 42; });  // not even a std::exception
  Collector seen;
  add(*h.sdk, seen.listener());

  h.grant({DataCategory::kBrowsing});
  h.deny({DataCategory::kBrowsing});
  h.grant({DataCategory::kSearch}, {Use::kShare});
  REQUIRE(seen.wait_for(3));
  CHECK(h.sdk->stats().consent_listener_errors == 6);
  // The SDK goes on as before, and so does delivery.
  auto states = h.sdk->consent();
  REQUIRE(states);
  CHECK(states.value().granted(DataCategory::kSearch, Use::kShare));
  h.grant({DataCategory::kLocation});
  REQUIRE(seen.wait_for(4));
  CHECK(h.sdk->stats().consent_listener_errors == 8);
}

TEST_CASE("a removed listener is not called again; remove waits for its call in progress") {
  Harness h;
  Collector kept;
  Collector removed;
  add(*h.sdk, kept.listener());
  const ConsentListenerId id = add(*h.sdk, removed.listener());
  h.grant({DataCategory::kBrowsing});
  REQUIRE(removed.wait_for(1));
  h.sdk->remove_consent_listener(id);
  h.sdk->remove_consent_listener(id);  // twice: harmless
  h.grant({DataCategory::kSearch});
  REQUIRE(kept.wait_for(2));
  REQUIRE(h.sdk->close());
  CHECK(removed.events().size() == 1);
  CHECK(kept.events().size() == 2);
}

TEST_CASE("remove waits for the removed listener's call in progress") {
  {
    Harness g;
    Latch entered;
    Latch release;
    std::atomic<bool> call_returned{false};
    const ConsentListenerId slow = add(*g.sdk, [&](const ConsentEvent&) {
      entered.open();
      release.wait();
      call_returned = true;
    });
    g.grant({DataCategory::kBrowsing});
    REQUIRE(entered.wait());
    auto removing = std::async(std::launch::async, [&] {
      g.sdk->remove_consent_listener(slow);
      return call_returned.load();
    });
    // remove() must still be waiting for the call it interrupted.
    CHECK(removing.wait_for(std::chrono::milliseconds(100)) == std::future_status::timeout);
    release.open();
    REQUIRE(removing.wait_for(kPatience) == std::future_status::ready);
    CHECK(removing.get());
  }
}

TEST_CASE("a listener may remove itself from inside its own call") {
  {
    Harness g;
    std::atomic<int> calls{0};
    ConsentListenerId self = 0;
    std::mutex self_mu;
    Collector after;
    {
      std::lock_guard lock(self_mu);
      self = add(*g.sdk, [&](const ConsentEvent&) {
        ++calls;
        std::lock_guard inner(self_mu);
        g.sdk->remove_consent_listener(self);
      });
    }
    add(*g.sdk, after.listener());
    g.grant({DataCategory::kBrowsing});
    g.grant({DataCategory::kSearch});
    REQUIRE(after.wait_for(2));
    REQUIRE(g.sdk->close());
    CHECK(calls == 1);
  }
}

TEST_CASE("close with events pending delivers them before it returns and nothing after") {
  Harness h;
  Latch entered;
  Latch release;
  std::atomic<int> calls{0};
  add(*h.sdk, [&](const ConsentEvent&) {
    if (calls++ == 0) {
      entered.open();
      release.wait();
    }
  });
  h.grant({DataCategory::kBrowsing});
  REQUIRE(entered.wait());
  for (int i = 0; i < 20; ++i) h.grant({DataCategory::kSearch}, {i % 2 == 0 ? Use::kPersonalize : Use::kShare});
  auto closing = std::async(std::launch::async, [&] {
    const Status st = h.sdk->close();
    return std::make_pair(st.is_ok(), calls.load());
  });
  release.open();
  REQUIRE(closing.wait_for(kPatience) == std::future_status::ready);
  const auto [closed, calls_at_close] = closing.get();
  CHECK(closed);
  CHECK(calls_at_close == 21);
  CHECK_FALSE(h.sdk->add_consent_listener([](const ConsentEvent&) {}));  // kClosed
  CHECK(calls == 21);
}

TEST_CASE("close from inside a listener: no deadlock, nothing delivered after it") {
  Harness h;
  std::atomic<int> calls{0};
  Sdk& sdk = *h.sdk;
  Latch go;
  Latch closed;
  std::atomic<bool> closed_ok{false};
  add(sdk, [&](const ConsentEvent&) {
    if (calls++ == 0) {
      go.wait();  // the other changes are queued behind this one
      closed_ok = sdk.close().is_ok();
      closed.open();
    }
  });
  h.grant({DataCategory::kBrowsing});
  h.grant({DataCategory::kSearch});
  h.grant({DataCategory::kLocation});
  go.open();
  REQUIRE(closed.wait());
  CHECK(closed_ok);
  CHECK(h.sdk->grant({DataCategory::kPurchases}, {Use::kPersonalize}).code() == ErrorCode::kClosed);
  h.sdk.reset();  // joins the consent-event thread
  CHECK(calls == 1);
}

TEST_CASE("a listener too slow for the queue: the oldest waiting events are dropped and counted") {
  Harness h(false);
  Options options = h.options();
  options.consent_event_capacity = 4;
  h.open(std::move(options));
  Latch entered;
  Latch release;
  Collector seen;
  add(*h.sdk, [&, first = true](const ConsentEvent&) mutable {
    if (std::exchange(first, false)) {
      entered.open();
      release.wait();
    }
  });
  add(*h.sdk, seen.listener());
  h.grant({DataCategory::kBrowsing});  // 1: being delivered
  REQUIRE(entered.wait());
  for (int i = 0; i < 10; ++i) h.grant({DataCategory::kSearch});  // 2..11: only 8..11 fit
  release.open();
  REQUIRE(seen.wait_for(5));
  REQUIRE(h.sdk->close());
  const auto events = seen.events();
  REQUIRE(events.size() == 5);
  CHECK(events[0].sequence == 1);
  CHECK(events[1].sequence == 8);
  CHECK(events[1].missed == 6);
  CHECK(events[2].sequence == 9);
  CHECK(events[2].missed == 0);
  CHECK(events[4].sequence == 11);
  CHECK(h.sdk->stats().consent_events_dropped == 6);
}

TEST_CASE("sequences continue across a restart; bad listeners and capacities are refused") {
  Harness h;
  h.grant({DataCategory::kBrowsing});
  h.reopen();
  Collector seen;
  add(*h.sdk, seen.listener());
  h.grant({DataCategory::kSearch});
  REQUIRE(seen.wait_for(1));
  CHECK(seen.events()[0].sequence == 2);

  auto empty = h.sdk->add_consent_listener(ConsentListener{});
  CHECK(empty.status().code() == ErrorCode::kInvalidArgument);
  Options options = h.options();
  options.consent_event_capacity = 0;
  auto refused = Sdk::open(std::move(options));
  CHECK(refused.status().code() == ErrorCode::kInvalidArgument);
  CHECK(refused.status().message().find("consent_event_capacity") != std::string::npos);
}

// Consent observers through confidant.h, as a host registers them: the
// event's fields, the struct_size rules, context ownership (destroy once),
// observers that throw, call back into the SDK or remove themselves, changes
// from several threads, and close with events pending. Threaded: runs under
// the tsan preset too.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

#include "capi/capi_harness.hpp"
#include "support/files.hpp"

using namespace capi_test;

namespace {

constexpr auto kPatience = std::chrono::seconds(20);

struct Seen {
  std::uint64_t sequence = 0;
  confidant_category category = CONFIDANT_CATEGORY_PREFERENCES;
  confidant_use use = CONFIDANT_USE_PERSONALIZE;
  confidant_consent_state state = CONFIDANT_CONSENT_UNKNOWN;
  confidant_consent_source source = CONFIDANT_SOURCE_USER;
  std::string policy_version;
  std::int64_t at_ms = 0;
  std::size_t struct_size = 0;
  bool nul_terminated = false;
};

// The host's context: what arrived, and how it was treated.
struct Host {
  std::mutex mu;
  std::condition_variable changed;
  std::vector<Seen> events;
  std::atomic<int> destroyed{0};
  bool throw_always = false;
  confidant_sdk* call_back_into = nullptr;  // read the receipt from inside the callback
  std::atomic<int> receipts_read{0};

  bool wait_for(std::size_t n) {
    std::unique_lock lock(mu);
    return changed.wait_for(lock, kPatience, [&] { return events.size() >= n; });
  }
  std::vector<Seen> snapshot() {
    std::lock_guard lock(mu);
    return events;
  }
};

void on_consent(void* ctx, const confidant_consent_event* event) {
  Host& host = *static_cast<Host*>(ctx);
  if (host.call_back_into != nullptr) {
    confidant_buffer receipt{nullptr, 0};
    if (outcome(confidant_sdk_consent_receipt_json(host.call_back_into, &receipt)).ok) ++host.receipts_read;
    confidant_buffer_free(&receipt);
  }
  {
    std::lock_guard lock(host.mu);
    Seen s;
    s.sequence = event->sequence;
    s.category = event->category;
    s.use = event->use;
    s.state = event->state;
    s.source = event->source;
    s.policy_version.assign(event->policy_version, event->policy_version_len);
    s.nul_terminated = event->policy_version[event->policy_version_len] == '\0';
    s.at_ms = event->at_ms;
    s.struct_size = event->struct_size;
    host.events.push_back(std::move(s));
    host.changed.notify_all();
  }
  if (host.throw_always) throw std::runtime_error("observer bug");
}

void destroy(void* ctx) { ++static_cast<Host*>(ctx)->destroyed; }

confidant_consent_observer observer_of(Host& host) {
  return {sizeof(confidant_consent_observer), &host, on_consent, destroy};
}

std::uint64_t add(confidant_sdk* sdk, Host& host) {
  const confidant_consent_observer observer = observer_of(host);
  std::uint64_t id = 0;
  CAPI_REQUIRE_OK(confidant_sdk_add_consent_observer(sdk, &observer, &id));
  REQUIRE(id != 0);
  return id;
}

Outcome change(confidant_sdk* sdk, bool grant, confidant_category category, confidant_use use,
               const std::string& version, confidant_consent_source source = CONFIDANT_SOURCE_USER) {
  const confidant_category categories[] = {category};
  const confidant_use uses[] = {use};
  auto call = grant ? confidant_sdk_grant : confidant_sdk_deny;
  return outcome(call(sdk, categories, 1, uses, 1, source, version.data(), version.size(), nullptr, 0));
}

struct Opened {
  confidant::testing::TempDir dir{"confidant-capi-events"};
  Provider provider;
  Sdk sdk;
  Opened() {
    confidant_key_provider* raw = nullptr;
    CAPI_REQUIRE_OK(confidant_key_provider_new_in_memory(&raw));
    provider.reset(raw);
    const Options options = options_for((dir.path() / "store").string(), provider.get());
    sdk = open(options.get());
    CAPI_REQUIRE_OK(confidant_sdk_wait_until_ready(sdk.get()));
  }
};

}  // namespace

TEST_CASE("An observer receives each consent change with what a screen needs, the CMP's included") {
  Opened o;
  Host host;
  add(o.sdk.get(), host);
  REQUIRE(change(o.sdk.get(), true, CONFIDANT_CATEGORY_PURCHASES, CONFIDANT_USE_PERSONALIZE, "2026-11").ok);
  REQUIRE(change(o.sdk.get(), false, CONFIDANT_CATEGORY_LOCATION, CONFIDANT_USE_SHARE, "defaults",
                 CONFIDANT_SOURCE_APP_DEFAULT).ok);
  // grant and deny refuse the CMP's source: only apply_cmp records it.
  CHECK(change(o.sdk.get(), true, CONFIDANT_CATEGORY_SEARCH, CONFIDANT_USE_SHARE, "x", CONFIDANT_SOURCE_CMP).code ==
        CONFIDANT_CODE_INVALID_ARGUMENT);
  const std::string cmp = R"({"consent_mode":{"ad_storage":"granted","analytics_storage":"denied"}})";
  confidant_buffer applied{nullptr, 0};
  CAPI_REQUIRE_OK(confidant_sdk_apply_cmp_json(o.sdk.get(), cmp.data(), cmp.size(), &applied));
  const std::string answer = take(applied);
  REQUIRE(answer.find("\"applied\":true") != std::string::npos);
  CAPI_REQUIRE_OK(confidant_sdk_close(o.sdk.get()));

  const std::vector<Seen> events = host.snapshot();
  REQUIRE(events.size() > 2);
  CHECK(events[0].sequence == 1);
  CHECK(events[0].category == CONFIDANT_CATEGORY_PURCHASES);
  CHECK(events[0].use == CONFIDANT_USE_PERSONALIZE);
  CHECK(events[0].state == CONFIDANT_CONSENT_GRANTED);
  CHECK(events[0].source == CONFIDANT_SOURCE_USER);
  CHECK(events[0].policy_version == "2026-11");
  CHECK(events[0].at_ms == kNow);
  CHECK(events[0].nul_terminated);
  CHECK(events[0].struct_size == sizeof(confidant_consent_event));
  CHECK(events[1].state == CONFIDANT_CONSENT_DENIED);
  CHECK(events[1].source == CONFIDANT_SOURCE_APP_DEFAULT);
  CHECK(events[1].use == CONFIDANT_USE_SHARE);
  for (std::size_t i = 2; i < events.size(); ++i) {
    CHECK(events[i].sequence == i + 1);
    CHECK(events[i].source == CONFIDANT_SOURCE_CMP);
    CHECK(answer.find(events[i].policy_version) != std::string::npos);
  }
  CHECK(host.destroyed == 1);  // close released the observer
}

TEST_CASE("The observer struct: too small is refused naming the field, longer is accepted, NULL hooks are errors") {
  Opened o;
  Host host;
  confidant_consent_observer small = observer_of(host);
  small.struct_size = offsetof(confidant_consent_observer, on_consent);
  std::uint64_t id = 7;
  const Outcome refused = outcome(confidant_sdk_add_consent_observer(o.sdk.get(), &small, &id));
  CHECK(refused.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(refused, "consent_observer.struct_size"));
  CHECK(host.destroyed == 0);  // nothing read past struct_size: the context stays the host's

  confidant_consent_observer no_hook = observer_of(host);
  no_hook.on_consent = nullptr;
  const Outcome unhooked = outcome(confidant_sdk_add_consent_observer(o.sdk.get(), &no_hook, &id));
  CHECK(unhooked.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(unhooked, "consent_observer.on_consent"));
  CHECK(host.destroyed == 1);  // owned, and released

  const confidant_consent_observer good = observer_of(host);
  CHECK(mentions(outcome(confidant_sdk_add_consent_observer(o.sdk.get(), absent<confidant_consent_observer>(), &id)),
                 "consent_observer"));
  CHECK(mentions(outcome(confidant_sdk_add_consent_observer(o.sdk.get(), &good, absent<std::uint64_t>())), "out_id"));
  CHECK(host.destroyed == 2);
  CHECK(mentions(outcome(confidant_sdk_add_consent_observer(absent<confidant_sdk>(), &good, &id)), "sdk"));
  CHECK(host.destroyed == 3);
  CHECK(mentions(outcome(confidant_sdk_remove_consent_observer(absent<confidant_sdk>(), 1)), "sdk"));

  // A host built against a newer header: a longer struct with a hook this
  // library does not know.
  struct Newer {
    confidant_consent_observer known;
    void (*on_something_new)(void*);
  };
  Host newer_host;
  Newer newer{observer_of(newer_host), nullptr};
  newer.known.struct_size = sizeof newer;
  std::uint64_t newer_id = 0;
  CAPI_REQUIRE_OK(confidant_sdk_add_consent_observer(o.sdk.get(), &newer.known, &newer_id));
  REQUIRE(change(o.sdk.get(), true, CONFIDANT_CATEGORY_SEARCH, CONFIDANT_USE_PERSONALIZE, "1").ok);
  REQUIRE(newer_host.wait_for(1));
  CAPI_REQUIRE_OK(confidant_sdk_remove_consent_observer(o.sdk.get(), newer_id));
  CHECK(newer_host.destroyed == 1);
}

TEST_CASE("An observer that throws, calls back into the SDK or is removed does not break the SDK", "[host-throws]") {
  Opened o;
  Host thrower;
  thrower.throw_always = true;
  Host reader;
  reader.call_back_into = o.sdk.get();
  Host removed;
  add(o.sdk.get(), thrower);
  add(o.sdk.get(), reader);
  const std::uint64_t removed_id = add(o.sdk.get(), removed);

  REQUIRE(change(o.sdk.get(), true, CONFIDANT_CATEGORY_BROWSING, CONFIDANT_USE_PERSONALIZE, "1").ok);
  REQUIRE(removed.wait_for(1));
  CAPI_REQUIRE_OK(confidant_sdk_remove_consent_observer(o.sdk.get(), removed_id));
  CHECK(removed.destroyed == 1);
  CAPI_REQUIRE_OK(confidant_sdk_remove_consent_observer(o.sdk.get(), removed_id));  // twice: harmless
  CHECK(removed.destroyed == 1);

  REQUIRE(change(o.sdk.get(), false, CONFIDANT_CATEGORY_BROWSING, CONFIDANT_USE_PERSONALIZE, "1").ok);
  REQUIRE(reader.wait_for(2));
  CHECK(reader.receipts_read == 2);
  CHECK(thrower.snapshot().size() == 2);
  CHECK(removed.snapshot().size() == 1);
  confidant_consent_state states[CONFIDANT_CONSENT_PAIR_COUNT];
  CAPI_REQUIRE_OK(confidant_sdk_consent_states(o.sdk.get(), states, CONFIDANT_CONSENT_PAIR_COUNT));
  CHECK(states[CONFIDANT_CATEGORY_BROWSING * CONFIDANT_USE_COUNT] == CONFIDANT_CONSENT_DENIED);
  o.sdk.reset();  // free without close: the observers are released once
  CHECK(thrower.destroyed == 1);
  CHECK(reader.destroyed == 1);
}

TEST_CASE("Changes from several threads through the C ABI: each fires exactly one event, in sequence order") {
  Opened o;
  Host host;
  add(o.sdk.get(), host);
  constexpr int kThreads = 4;
  constexpr int kChanges = 30;
  using Change = std::tuple<std::string, int, int, int>;
  std::vector<std::vector<Change>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kChanges; ++i) {
        const auto category = static_cast<confidant_category>((t + i) % CONFIDANT_CATEGORY_COUNT);
        const auto use = static_cast<confidant_use>(i % CONFIDANT_USE_COUNT);
        const bool grant = (t * 7 + i) % 2 == 0;
        const std::string version = std::to_string(t) + "." + std::to_string(i);
        if (change(o.sdk.get(), grant, category, use, version).ok) {
          made[static_cast<std::size_t>(t)].emplace_back(version, category, use,
                                                         grant ? CONFIDANT_CONSENT_GRANTED : CONFIDANT_CONSENT_DENIED);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::multiset<Change> expected;
  for (const auto& changes : made) expected.insert(changes.begin(), changes.end());
  REQUIRE(expected.size() == kThreads * kChanges);
  CAPI_REQUIRE_OK(confidant_sdk_close(o.sdk.get()));  // delivers what waits

  const std::vector<Seen> events = host.snapshot();
  REQUIRE(events.size() == expected.size());
  std::multiset<Change> delivered;
  for (std::size_t i = 0; i < events.size(); ++i) {
    CHECK(events[i].sequence == i + 1);  // the ledger's numbers, none skipped, none twice
    delivered.emplace(events[i].policy_version, events[i].category, events[i].use, events[i].state);
  }
  CHECK(delivered == expected);
}

// The Sdk's contract beyond the scenarios: options, the startup gate, the
// queue's overflow policy, threads, errors of the store, close and erase.
#include <atomic>
#include <thread>

#include "common/json.hpp"
#include "support/sdk_harness.hpp"

using namespace sdk_test;

namespace {

Signal view(std::string item, std::string category = "drinks/tea") {
  return signal(SignalType::kView, std::move(item), {std::move(category)});
}

}  // namespace

TEST_CASE("open() names the missing or bad option") {
  Harness h(false);
  Options no_dir = h.options();
  no_dir.dir.clear();
  auto a = Sdk::open(no_dir);
  REQUIRE_FALSE(a);
  CHECK(a.status().code() == ErrorCode::kInvalidArgument);
  CHECK(a.status().message().find("dir") != std::string::npos);

  Options no_key = h.options();
  no_key.key_provider.reset();
  auto b = Sdk::open(no_key);
  REQUIRE_FALSE(b);
  CHECK(b.status().message().find("key_provider") != std::string::npos);

  Options zero = h.options();
  zero.queue_capacity = 0;
  CHECK(Sdk::open(zero).status().message().find("queue_capacity") != std::string::npos);
}

TEST_CASE("Invalid signals are refused on the caller's thread, naming the field") {
  Harness h;
  h.grant({DataCategory::kBrowsing});
  Signal bad = view("");
  const Status st = h.sdk->track(bad);
  CHECK(st.code() == ErrorCode::kInvalidArgument);
  CHECK(st.message().find("item") != std::string::npos);
  Signal future = view("tea-1");
  future.at = h.clock->now_ms() + 3600 * 1000;
  CHECK(h.sdk->track(future).code() == ErrorCode::kInvalidArgument);
  CHECK(h.sdk->stats().rejected_invalid == 2);
}

TEST_CASE("Nothing is kept before consent, unknown behaves as denied") {
  Harness h;
  CHECK(h.sdk->track(view("tea-1")).code() == ErrorCode::kNotPermitted);
  CHECK(h.sdk->prefer(PreferenceKind::kLike, "drinks/tea", "").code() == ErrorCode::kNotPermitted);
  h.flush();
  CHECK(h.sdk->stats().persisted == 0);
  CHECK(h.profile().interests.empty());
}

TEST_CASE("Calls made before the store is open wait in memory, and are checked against the persisted consent") {
  Harness h(false);
  // A passphrase makes opening slow (Argon2id over 64 MiB), so the calls
  // below are made while the worker is still unwrapping the key.
  Options o = h.options();
  o.key_provider = std::shared_ptr<KeyProvider>(make_passphrase_key_provider("correct horse"));
  h.open(o);
  h.grant({DataCategory::kBrowsing});
  REQUIRE(h.sdk->close());
  h.sdk.reset();

  auto opened = Sdk::open(o);
  REQUIRE(opened);
  Sdk& sdk = *opened.value();
  // Browsing is granted in the store, purchases is not; neither is known yet,
  // so every signal is queued (ok), and judged once the consent has loaded.
  for (int i = 0; i < 10; ++i) CHECK(sdk.track(view("tea-" + std::to_string(i))));
  for (int i = 0; i < 5; ++i) CHECK(sdk.track(signal(SignalType::kOrder, "latte-1", {"drinks/coffee/latte"})));
  REQUIRE(sdk.wait_until_ready());
  REQUIRE(sdk.flush());
  CHECK(sdk.stats().persisted == 10);
  CHECK(sdk.stats().dropped_consent == 5);
  // Once loaded, the same order is refused at once.
  CHECK(sdk.track(signal(SignalType::kOrder, "latte-1", {"drinks/coffee/latte"})).code() == ErrorCode::kNotPermitted);
  REQUIRE(sdk.close());
}

TEST_CASE("A full queue drops the new signal with kBusy and keeps the queued ones") {
  Harness h(false);
  Options o = h.options();
  o.queue_capacity = 8;
  o.batch_size = 1000;                      // never reached
  o.flush_interval = std::chrono::hours(1);  // never reached
  h.open(o);
  h.grant({DataCategory::kBrowsing});
  int busy = 0;
  for (int i = 0; i < 20; ++i) {
    const Status st = h.sdk->track(view("tea-" + std::to_string(i)));
    if (st.code() == ErrorCode::kBusy) ++busy;
    else REQUIRE(st);
  }
  CHECK(busy == 12);
  h.flush();
  CHECK(h.sdk->stats().persisted == 8);
  CHECK(h.sdk->stats().dropped_overflow == 12);
}

TEST_CASE("track() from many threads at once loses nothing") {
  Harness h(false);
  Options o = h.options();
  o.queue_capacity = 100000;
  o.batch_size = 256;
  h.open(o);
  h.grant({DataCategory::kBrowsing});
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2000;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!h.sdk->track(view("tea-" + std::to_string(t) + "-" + std::to_string(i)))) failures.fetch_add(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  h.flush();
  CHECK(failures.load() == 0);
  CHECK(h.sdk->stats().persisted == kThreads * kPerThread);
  h.reopen();
  const Profile tea_profile = h.profile();
  const Interest* tea = find_interest(tea_profile, "drinks/tea");
  REQUIRE(tea != nullptr);
  CHECK(tea->signals == kThreads * kPerThread);
}

TEST_CASE("Signals queued when the worker wakes on its timer are persisted without flush()") {
  Harness h(false);
  Options o = h.options();
  o.flush_interval = std::chrono::milliseconds(20);
  h.open(o);
  h.grant({DataCategory::kBrowsing});
  h.track(view("tea-1"));
  for (int i = 0; i < 500 && h.sdk->stats().persisted == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(h.sdk->stats().persisted == 1);
}

TEST_CASE("A wrong key is reported by every call and changes nothing, erase still works") {
  Harness h;
  h.grant({DataCategory::kBrowsing});
  h.track(view("tea-1"));
  REQUIRE(h.sdk->close());
  h.sdk.reset();

  Options wrong = h.options();
  wrong.key_provider = std::shared_ptr<KeyProvider>(make_in_memory_key_provider());
  auto opened = Sdk::open(wrong);
  REQUIRE(opened);
  Sdk& sdk = *opened.value();
  CHECK(sdk.wait_until_ready().code() == ErrorCode::kWrongKey);
  CHECK(sdk.profile().status().code() == ErrorCode::kWrongKey);
  CHECK(sdk.grant({DataCategory::kSearch}, {Use::kPersonalize}).code() == ErrorCode::kWrongKey);
  REQUIRE(sdk.erase());
  CHECK(files_holding(h.dir(), "tea-1").empty());
  CHECK_FALSE(std::filesystem::exists(h.dir() / "confidant.db"));
}

TEST_CASE("After close every call answers kClosed, and close is idempotent") {
  Harness h;
  REQUIRE(h.sdk->close());
  REQUIRE(h.sdk->close());
  CHECK(h.sdk->track(view("tea-1")).code() == ErrorCode::kClosed);
  CHECK(h.sdk->profile().status().code() == ErrorCode::kClosed);
  CHECK(h.sdk->flush().code() == ErrorCode::kClosed);
}

TEST_CASE("Pause: nothing new is learned, the profile is kept, and the setting survives a restart") {
  Harness h;
  h.grant({DataCategory::kBrowsing});
  h.track(view("tea-1"));
  h.flush();
  REQUIRE(h.sdk->set_paused(true));
  CHECK(h.sdk->track(view("tea-2")).code() == ErrorCode::kNotPermitted);
  h.reopen();
  Profile p = h.profile();
  CHECK(p.paused);
  CHECK(find_interest(p, "drinks/tea") != nullptr);
  CHECK(h.sdk->track(view("tea-3")).code() == ErrorCode::kNotPermitted);
  REQUIRE(h.sdk->set_paused(false));
  h.track(view("tea-4"));
}

TEST_CASE("forget removes an interest and the raw signals it could grow back from") {
  Harness h;
  h.grant({DataCategory::kBrowsing});
  for (int i = 0; i < 3; ++i) h.track(view("shoe-" + std::to_string(i), "footwear/running_shoes"));
  h.track(view("tea-1"));
  h.flush();
  REQUIRE(find_interest(h.profile(), "footwear/running_shoes") != nullptr);
  REQUIRE(h.sdk->forget("footwear"));
  Profile p = h.profile();
  CHECK(find_interest(p, "footwear/running_shoes") == nullptr);
  CHECK(find_interest(p, "footwear") == nullptr);
  CHECK(find_interest(p, "drinks/tea") != nullptr);
  const std::string all = h.exported();
  CHECK(all.find("shoe-1") == std::string::npos);
  CHECK(h.sdk->forget("Not A Target!").code() == ErrorCode::kInvalidArgument);
}

TEST_CASE("Raw signals are folded after the retention window, their effect on the profile stays") {
  Harness h(false);
  Options o = h.options();
  o.retention_days = 30;
  h.open(o);
  h.grant({DataCategory::kPurchases});
  for (int i = 0; i < 3; ++i) h.track(signal(SignalType::kOrder, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
  h.flush();
  CHECK(h.exported().find("latte-1") != std::string::npos);
  h.clock->advance(31 * kDayMs);
  REQUIRE(h.sdk->close());
  h.open(o);  // folding runs at open and then hourly
  auto after = json::parse(h.exported());
  REQUIRE(after);
  CHECK(after->find("signals")->as_array().empty());
  const Profile latte_profile = h.profile();
  const Interest* latte = find_interest(latte_profile, "drinks/coffee/latte");
  REQUIRE(latte != nullptr);
  CHECK(latte->signals == 3);
}

TEST_CASE("The export is one JSON document with consent, profile, preferences and signals") {
  Harness h;
  h.grant({DataCategory::kBrowsing, DataCategory::kPreferences});
  h.track(view("tea-1"));
  REQUIRE(h.sdk->prefer(PreferenceKind::kLike, "milk=oat", "oat, always"));
  h.flush();
  const std::string all = h.exported();
  for (const char* key : {"\"format\":\"confidant.export.v1\"", "\"consent\":", "\"profile\":", "\"signals\":[",
                          "\"settings\":", "oat, always", "tea-1", "\"shared_reports\":[]"}) {
    INFO(key);
    CHECK(all.find(key) != std::string::npos);
  }
}

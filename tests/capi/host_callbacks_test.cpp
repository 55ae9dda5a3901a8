// Host callbacks that misbehave — throw through the C boundary, return
// lengths out of range, return errors with codes that do not exist — must
// reach the host as clean, numbered errors (or be absorbed where the seam
// cannot fail), never as a crash; and every host context is destroyed
// exactly once, whatever path the call took.
#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "capi_harness.hpp"
#include "support/files.hpp"

using namespace capi_test;

namespace {

// A stand-in keystore: XOR with a fixed key (no authentication: these tests
// are about the seam, not about cryptography), with switches that make each
// callback misbehave in one way.
struct FakeKeystore {
  enum class Wrap { kGood, kThrow, kEmpty, kOverlong };
  enum class Unwrap { kGood, kThrow, kShort, kUnknownCode, kWrongKey };
  Wrap wrap = Wrap::kGood;
  Unwrap unwrap = Unwrap::kGood;
  bool destroy_key_throws = false;
  std::array<std::uint8_t, 32> key{};
  std::atomic<int>* destroyed = nullptr;
};

FakeKeystore& keystore(void* ctx) { return *static_cast<FakeKeystore*>(ctx); }

confidant_error* fake_wrap(void* ctx, const std::uint8_t* data_key, size_t data_key_len, const std::uint8_t*, size_t,
                           std::uint8_t* out, size_t out_capacity, size_t* out_len) {
  FakeKeystore& k = keystore(ctx);
  switch (k.wrap) {
    case FakeKeystore::Wrap::kThrow: throw std::runtime_error("keychain exploded");
    case FakeKeystore::Wrap::kEmpty: *out_len = 0; return nullptr;
    case FakeKeystore::Wrap::kOverlong: *out_len = out_capacity + 1; return nullptr;
    case FakeKeystore::Wrap::kGood: break;
  }
  for (size_t i = 0; i < data_key_len; ++i) out[i] = data_key[i] ^ k.key[i];
  *out_len = data_key_len;
  return nullptr;
}

confidant_error* fake_unwrap(void* ctx, const std::uint8_t* wrapped, size_t wrapped_len, const std::uint8_t*, size_t,
                             std::uint8_t* out, size_t out_capacity, size_t* out_len) {
  FakeKeystore& k = keystore(ctx);
  switch (k.unwrap) {
    case FakeKeystore::Unwrap::kThrow: throw 42;  // not even a std::exception
    case FakeKeystore::Unwrap::kShort: *out_len = out_capacity - 1; return nullptr;
    case FakeKeystore::Unwrap::kUnknownCode: return confidant_error_new(static_cast<confidant_code>(77), "odd", 3);
    case FakeKeystore::Unwrap::kWrongKey: return confidant_error_new(CONFIDANT_CODE_WRONG_KEY, "keychain reset", 14);
    case FakeKeystore::Unwrap::kGood: break;
  }
  for (size_t i = 0; i < wrapped_len && i < out_capacity; ++i) out[i] = wrapped[i] ^ k.key[i];
  *out_len = wrapped_len;
  return nullptr;
}

confidant_error* fake_destroy_key(void* ctx) {
  if (keystore(ctx).destroy_key_throws) throw std::runtime_error("keychain locked");
  return nullptr;
}

void fake_destroy(void* ctx) {
  FakeKeystore* k = static_cast<FakeKeystore*>(ctx);
  ++*k->destroyed;
  delete k;
}

confidant_key_provider_callbacks callbacks_for(FakeKeystore* k) {
  confidant_key_provider_callbacks callbacks{};
  callbacks.struct_size = sizeof callbacks;
  callbacks.ctx = k;
  callbacks.kind = "fake-keystore";
  callbacks.wrap = fake_wrap;
  callbacks.unwrap = fake_unwrap;
  callbacks.destroy_key = fake_destroy_key;
  callbacks.destroy = fake_destroy;
  return callbacks;
}

// A provider over a new FakeKeystore configured by `setup`.
template <typename Setup>
Provider fake_provider(std::atomic<int>& destroyed, Setup&& setup) {
  auto* k = new FakeKeystore;
  k->key.fill(0x3c);
  k->destroyed = &destroyed;
  setup(*k);
  const confidant_key_provider_callbacks callbacks = callbacks_for(k);
  confidant_key_provider* raw = nullptr;
  CAPI_REQUIRE_OK(confidant_key_provider_new_callbacks(&callbacks, &raw));
  return Provider(raw);
}

Outcome open_and_wait(const std::string& dir, const confidant_key_provider* provider) {
  const Sdk sdk = open(options_for(dir, provider).get());
  return outcome(confidant_sdk_wait_until_ready(sdk.get()));
}

// Creates a store in `dir` with a well-behaved fake keystore.
void create_store(const std::string& dir) {
  std::atomic<int> destroyed{0};
  const Provider good = fake_provider(destroyed, [](FakeKeystore&) {});
  REQUIRE(open_and_wait(dir, good.get()).ok);
}

}  // namespace

TEST_CASE("A key provider's wrap that throws or returns a bad length becomes a clean error", "[host-throws]") {
  confidant::testing::TempDir dir("confidant-capi");
  std::atomic<int> destroyed{0};

  const Provider throwing = fake_provider(destroyed, [](FakeKeystore& k) { k.wrap = FakeKeystore::Wrap::kThrow; });
  const Outcome threw = open_and_wait((dir / "a").string(), throwing.get());
  CHECK(threw.code == CONFIDANT_CODE_INTERNAL);
  CHECK(mentions(threw, "key provider 'fake-keystore': wrap threw: keychain exploded"));

  const Provider empty = fake_provider(destroyed, [](FakeKeystore& k) { k.wrap = FakeKeystore::Wrap::kEmpty; });
  const Outcome none = open_and_wait((dir / "b").string(), empty.get());
  CHECK(none.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(none, "wrap returned 0 bytes, expected 1..900"));

  const Provider overlong = fake_provider(destroyed, [](FakeKeystore& k) { k.wrap = FakeKeystore::Wrap::kOverlong; });
  const Outcome too_long = open_and_wait((dir / "c").string(), overlong.get());
  CHECK(too_long.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(too_long, "wrap returned 901 bytes"));
}

TEST_CASE("A key provider's unwrap that misbehaves becomes a clean error with a known code", "[host-throws]") {
  confidant::testing::TempDir dir("confidant-capi");
  const std::string store = (dir / "store").string();
  create_store(store);
  std::atomic<int> destroyed{0};

  const Provider short_key = fake_provider(destroyed, [](FakeKeystore& k) { k.unwrap = FakeKeystore::Unwrap::kShort; });
  const Outcome shorter = open_and_wait(store, short_key.get());
  CHECK(shorter.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(shorter, "unwrap returned 31 bytes, expected 32"));

  const Provider odd = fake_provider(destroyed, [](FakeKeystore& k) { k.unwrap = FakeKeystore::Unwrap::kUnknownCode; });
  const Outcome unknown = open_and_wait(store, odd.get());
  CHECK(unknown.code == CONFIDANT_CODE_INTERNAL);
  CHECK(mentions(unknown, "unknown error code 77"));

  const Provider throwing = fake_provider(destroyed, [](FakeKeystore& k) { k.unwrap = FakeKeystore::Unwrap::kThrow; });
  const Outcome threw = open_and_wait(store, throwing.get());
  CHECK(threw.code == CONFIDANT_CODE_INTERNAL);
  CHECK(mentions(threw, "unwrap threw"));

  const Provider reset = fake_provider(destroyed, [](FakeKeystore& k) { k.unwrap = FakeKeystore::Unwrap::kWrongKey; });
  const Outcome wrong = open_and_wait(store, reset.get());
  CHECK(wrong.code == CONFIDANT_CODE_WRONG_KEY);
  CHECK(mentions(wrong, "keychain reset"));

  // After all that, the well-behaved provider still opens the store: nothing
  // a failed unwrap did damaged it.
  const Provider good = fake_provider(destroyed, [](FakeKeystore&) {});
  CHECK(open_and_wait(store, good.get()).ok);
}

TEST_CASE("A destroy_key that throws fails erase cleanly, after the store's files are gone", "[host-throws]") {
  confidant::testing::TempDir dir("confidant-capi");
  std::atomic<int> destroyed{0};
  const Provider provider = fake_provider(destroyed, [](FakeKeystore& k) { k.destroy_key_throws = true; });
  const Sdk sdk = open(options_for((dir / "store").string(), provider.get()).get());
  CAPI_REQUIRE_OK(confidant_sdk_wait_until_ready(sdk.get()));
  const Outcome erased = outcome(confidant_sdk_erase(sdk.get()));
  CHECK(erased.code == CONFIDANT_CODE_INTERNAL);
  CHECK(mentions(erased, "destroy_key threw: keychain locked"));
  CHECK((!std::filesystem::exists(dir / "store") || confidant::testing::files_in(dir / "store").empty()));
}

TEST_CASE("Host contexts are destroyed exactly once, also when the call that took them fails") {
  std::atomic<int> destroyed{0};
  const auto fresh = [&] {
    auto* k = new FakeKeystore;
    k->destroyed = &destroyed;
    return callbacks_for(k);
  };
  confidant_key_provider* raw = nullptr;

  confidant_key_provider_callbacks no_kind = fresh();
  no_kind.kind = "has space";
  CHECK(outcome(confidant_key_provider_new_callbacks(&no_kind, &raw)).code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(raw == nullptr);
  CHECK(destroyed == 1);

  confidant_key_provider_callbacks too_long = fresh();
  too_long.kind = "a-kind-name-longer-than-32-bytes!";
  CHECK(mentions(outcome(confidant_key_provider_new_callbacks(&too_long, &raw)), "callbacks.kind"));
  CHECK(destroyed == 2);

  confidant_key_provider_callbacks no_unwrap = fresh();
  no_unwrap.unwrap = nullptr;
  CHECK(mentions(outcome(confidant_key_provider_new_callbacks(&no_unwrap, &raw)), "callbacks.unwrap"));
  CHECK(destroyed == 3);

  confidant_key_provider_callbacks no_out = fresh();
  CHECK(mentions(outcome(confidant_key_provider_new_callbacks(&no_out, absent<confidant_key_provider*>())), "out"));
  CHECK(destroyed == 4);

  // The same for a logger and a clock handed to options that do not exist.
  std::atomic<int> seams_destroyed{0};
  confidant_logger logger{sizeof(confidant_logger), &seams_destroyed, [](void*, confidant_log_level, const char*, size_t) {},
                          [](void* ctx) { ++*static_cast<std::atomic<int>*>(ctx); }};
  CHECK(mentions(outcome(confidant_options_set_logger(absent<confidant_options>(), &logger)), "options"));
  confidant_clock clock{sizeof(confidant_clock), &seams_destroyed, [](void*) -> std::int64_t { return 0; },
                        [](void* ctx) { ++*static_cast<std::atomic<int>*>(ctx); }};
  clock.now_ms = nullptr;
  CHECK(mentions(outcome(confidant_options_set_clock(absent<confidant_options>(), &clock)), "clock.now_ms"));
  CHECK(seams_destroyed == 2);

  // Shared by two options objects and an open SDK: destroyed when the last
  // of them lets go, not before.
  confidant::testing::TempDir dir("confidant-capi");
  confidant_key_provider_callbacks good = fresh();
  CAPI_REQUIRE_OK(confidant_key_provider_new_callbacks(&good, &raw));
  Provider provider(raw);
  Options first = options_for((dir / "store").string(), provider.get());
  Options second = options_for((dir / "store").string(), provider.get());
  Sdk sdk = open(first.get());
  provider.reset();
  first.reset();
  second.reset();
  CHECK(destroyed == 4);
  CAPI_REQUIRE_OK(confidant_sdk_wait_until_ready(sdk.get()));
  sdk.reset();
  CHECK(destroyed == 5);
}

namespace {

struct LogSink {
  std::atomic<int> calls{0};
  std::atomic<bool> saw_fold{false};
  std::atomic<int> destroyed{0};
};

}  // namespace

TEST_CASE("A logger that throws loses its line, not the work, a clock that throws falls back to the system's", "[host-throws]") {
  confidant::testing::TempDir dir("confidant-capi");
  std::atomic<int> destroyed{0};
  const Provider provider = fake_provider(destroyed, [](FakeKeystore&) {});
  LogSink sink;
  std::atomic<int> clock_destroyed{0};

  const auto open_with_seams = [&] {
    Options options = options_for((dir / "store").string(), provider.get());
    CAPI_REQUIRE_OK(confidant_options_set_retention_days(options.get(), 1));
    confidant_logger logger{};
    logger.struct_size = sizeof logger;
    logger.ctx = &sink;
    logger.log = [](void* ctx, confidant_log_level, const char* message, size_t len) {
      auto& s = *static_cast<LogSink*>(ctx);
      ++s.calls;
      // The promised NUL after the message, and the length agreeing with it.
      const std::string line(message, len);
      if (std::strlen(message) == len && line.rfind("folded 1 ", 0) == 0) s.saw_fold = true;
      throw std::runtime_error("log sink full");
    };
    logger.destroy = [](void* ctx) { ++static_cast<LogSink*>(ctx)->destroyed; };
    CAPI_REQUIRE_OK(confidant_options_set_logger(options.get(), &logger));
    confidant_clock clock{};
    clock.struct_size = sizeof clock;
    clock.ctx = &clock_destroyed;
    clock.now_ms = [](void*) -> std::int64_t { throw std::runtime_error("no time"); };
    clock.destroy = [](void* ctx) { ++*static_cast<std::atomic<int>*>(ctx); };
    CAPI_REQUIRE_OK(confidant_options_set_clock(options.get(), &clock));
    return open(options.get());
  };

  // Two days old with one day of retention, by the system clock (the
  // fallback of the throwing one): the next open folds it, and logs that.
  const auto two_days_ago = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch() - std::chrono::hours(48))
                                .count();
  {
    const Sdk sdk = open_with_seams();
    REQUIRE(grant_all(sdk.get()).ok);
    CHECK(track(sdk.get(), R"({"type":"view","item":"tea-1","categories":["drinks/tea"],"at":)" +
                               std::to_string(two_days_ago) + "}")
              .ok);
    CAPI_REQUIRE_OK(confidant_sdk_flush(sdk.get()));
  }
  CHECK(sink.destroyed == 1);
  CHECK(clock_destroyed == 1);

  const Sdk sdk = open_with_seams();
  CAPI_REQUIRE_OK(confidant_sdk_wait_until_ready(sdk.get()));
  CHECK(sink.calls > 0);
  CHECK(sink.saw_fold);
  CHECK(track(sdk.get(), R"({"type":"view","item":"tea-2","categories":["drinks/tea"]})").ok);
  CAPI_REQUIRE_OK(confidant_sdk_flush(sdk.get()));
  confidant_buffer out{};
  CAPI_REQUIRE_OK(confidant_sdk_profile_json(sdk.get(), &out));
  CHECK(take(out).find("\"signals\":2") != std::string::npos);  // the folded one still counts
  confidant_stats stats{};
  CAPI_REQUIRE_OK(confidant_sdk_stats(sdk.get(), &stats, sizeof stats));
  CHECK(stats.persisted == 1);
}

namespace {

// Host vtables as hosts compiled against other versions of confidant.h lay
// them out (the rule: hooks are only ever appended, confidant.h
// "Versioning"). An older host's clock had no `destroy` yet; a newer host's
// logger has a hook this library does not know.
struct OlderClock {
  size_t struct_size;
  void* ctx;
  int64_t (*now_ms)(void* ctx);
};
struct NewerLogger {
  size_t struct_size;
  void* ctx;
  void (*log)(void* ctx, confidant_log_level level, const char* message, size_t message_len);
  void (*destroy)(void* ctx);
  void (*future_hook)(void* ctx);  // unknown here: never called
};

struct NewerHost {
  std::atomic<int> lines{0};  // this short session may log nothing: not checked
  std::atomic<int> destroyed{0};
  std::atomic<int> future_calls{0};
};

}  // namespace

TEST_CASE("Hosts compiled against an older or a newer vtable layout keep working, a size too small is refused") {
  confidant::testing::TempDir dir("confidant-capi-layouts");
  std::atomic<int> destroyed{0};
  const Provider provider = fake_provider(destroyed, [](FakeKeystore&) {});
  Options options = options_for((dir / "store").string(), provider.get());

  static std::atomic<int64_t> older_now{1795161600000 + 12345};
  const OlderClock older{sizeof(OlderClock), nullptr, [](void*) -> int64_t { return older_now.load(); }};
  CAPI_REQUIRE_OK(confidant_options_set_clock(options.get(), reinterpret_cast<const confidant_clock*>(&older)));

  NewerHost newer_host;
  const NewerLogger newer{sizeof(NewerLogger), &newer_host,
                          [](void* ctx, confidant_log_level, const char*, size_t) {
                            ++static_cast<NewerHost*>(ctx)->lines;
                          },
                          [](void* ctx) { ++static_cast<NewerHost*>(ctx)->destroyed; },
                          [](void* ctx) { ++static_cast<NewerHost*>(ctx)->future_calls; }};
  CAPI_REQUIRE_OK(confidant_options_set_logger(options.get(), reinterpret_cast<const confidant_logger*>(&newer)));

  // Too small to hold the required hook: refused, naming the struct, and the
  // context stays the host's (its destroy is not called).
  std::atomic<int> small_destroyed{0};
  confidant_clock small{};
  small.struct_size = offsetof(confidant_clock, now_ms);
  small.ctx = &small_destroyed;
  small.now_ms = [](void*) -> int64_t { return 0; };
  small.destroy = [](void* ctx) { ++*static_cast<std::atomic<int>*>(ctx); };
  const Outcome refused = outcome(confidant_options_set_clock(options.get(), &small));
  CHECK(refused.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(refused, "clock.struct_size"));
  small.struct_size = 0;
  CHECK(mentions(outcome(confidant_options_set_clock(options.get(), &small)), "clock.struct_size: 0"));
  CHECK(small_destroyed == 0);

  {
    Sdk sdk = open(options.get());
    options.reset();
    REQUIRE(grant_all(sdk.get()).ok);
    REQUIRE(track(sdk.get(), R"({"type":"view","item":"tea-1","categories":["drinks/tea"]})").ok);
    CAPI_REQUIRE_OK(confidant_sdk_flush(sdk.get()));
    confidant_buffer out{};
    CAPI_REQUIRE_OK(confidant_sdk_export_json(sdk.get(), &out));
    // The older host's clock stamped the signal (12.345 s past the hour).
    CHECK(take(out).find("08:00:12.345Z") != std::string::npos);
    CAPI_REQUIRE_OK(confidant_sdk_close(sdk.get()));
  }
  CHECK(newer_host.destroyed == 1);    // a known hook of the newer layout still runs
  CHECK(newer_host.future_calls == 0);  // the unknown one never does
}

// The C ABI's own contract, beyond the SDK's: NULL and out-of-range
// arguments are errors naming the parameter (never a crash), outputs are
// reset on failure, buffers and error objects behave as the header says,
// and the versioned structs and arrays tolerate hosts built against other
// header versions.
#include <cstring>
#include <string>

#include "capi_harness.hpp"
#include "support/files.hpp"

using namespace capi_test;

namespace {

struct OpenStore {
  confidant::testing::TempDir dir{"confidant-capi"};
  Provider provider;
  Sdk sdk;

  OpenStore() {
    confidant_key_provider* raw = nullptr;
    CAPI_REQUIRE_OK(confidant_key_provider_new_in_memory(&raw));
    provider.reset(raw);
    sdk = open(options_for((dir / "store").string(), provider.get()).get());
    CAPI_REQUIRE_OK(confidant_sdk_wait_until_ready(sdk.get()));
  }
};

}  // namespace

TEST_CASE("NULL where a value is required is an error naming the parameter") {
  CHECK(mentions(outcome(confidant_sdk_flush(absent<confidant_sdk>())), "sdk: must not be NULL"));
  CHECK(mentions(outcome(confidant_sdk_open(absent<confidant_options>(), absent<confidant_sdk*>())), "out: must not be NULL"));
  confidant_sdk* sdk = reinterpret_cast<confidant_sdk*>(0x1);  // must be overwritten
  CHECK(mentions(outcome(confidant_sdk_open(absent<confidant_options>(), &sdk)), "options: must not be NULL"));
  CHECK(sdk == nullptr);
  CHECK(mentions(outcome(confidant_options_set_dir(absent<confidant_options>(), "/tmp")), "options"));
  CHECK(mentions(outcome(confidant_options_set_key_provider(absent<confidant_options>(), absent<confidant_key_provider>())), "provider"));
  CHECK(mentions(outcome(confidant_key_provider_new_key_file(absent<char>(), true, absent<confidant_key_provider*>())), "out"));
  CHECK(confidant_error_code(nullptr) == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(std::string(confidant_error_message(nullptr)).empty());
  // The frees accept NULL.
  confidant_error_free(nullptr);
  confidant_buffer_free(nullptr);
  confidant_options_free(nullptr);
  confidant_key_provider_free(nullptr);
  confidant_sdk_free(nullptr);

  OpenStore s;
  const Outcome json = outcome(confidant_sdk_track_json(s.sdk.get(), absent<char>(), 5));
  CHECK(json.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(json, "json: NULL with length 5"));
  CHECK(mentions(outcome(confidant_sdk_profile_json(s.sdk.get(), absent<confidant_buffer>())), "out: must not be NULL"));
  CHECK(mentions(outcome(confidant_sdk_stats(s.sdk.get(), absent<confidant_stats>(), 0)), "stats"));
}

TEST_CASE("Enum arguments outside their values are refused, naming the argument") {
  OpenStore s;
  const confidant_category categories[] = {CONFIDANT_CATEGORY_SEARCH, static_cast<confidant_category>(99)};
  const confidant_use uses[] = {CONFIDANT_USE_PERSONALIZE};
  const Outcome bad_category = outcome(
      confidant_sdk_grant(s.sdk.get(), categories, 2, uses, 1, CONFIDANT_SOURCE_USER, nullptr, 0, nullptr, 0));
  CHECK(bad_category.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(bad_category, "categories[1]: unknown category 99"));

  const confidant_use bad_uses[] = {static_cast<confidant_use>(-1)};
  CHECK(mentions(outcome(confidant_sdk_deny(s.sdk.get(), categories, 1, bad_uses, 1, CONFIDANT_SOURCE_USER, nullptr,
                                            0, nullptr, 0)),
                 "uses[0]"));
  CHECK(mentions(outcome(confidant_sdk_grant(s.sdk.get(), categories, 1, uses, 1,
                                             static_cast<confidant_consent_source>(7), nullptr, 0, nullptr, 0)),
                 "source"));
  CHECK(mentions(outcome(confidant_sdk_prefer(s.sdk.get(), static_cast<confidant_preference_kind>(3), "drinks", 6,
                                              nullptr, 0)),
                 "kind"));

  // Nothing of the refused grant was recorded.
  confidant_consent_state states[CONFIDANT_CONSENT_PAIR_COUNT];
  CAPI_REQUIRE_OK(confidant_sdk_consent_states(s.sdk.get(), states, CONFIDANT_CONSENT_PAIR_COUNT));
  CHECK(states[CONFIDANT_CATEGORY_SEARCH * CONFIDANT_USE_COUNT + CONFIDANT_USE_PERSONALIZE] ==
        CONFIDANT_CONSENT_UNKNOWN);
}

TEST_CASE("Consent states fill what the host asks for, unknown past what the library knows") {
  OpenStore s;
  const confidant_category categories[] = {CONFIDANT_CATEGORY_SENSITIVE};
  const confidant_use uses[] = {CONFIDANT_USE_SHARE};
  const std::string policy = "2026-11";
  CAPI_REQUIRE_OK(confidant_sdk_deny(s.sdk.get(), categories, 1, uses, 1, CONFIDANT_SOURCE_APP_DEFAULT,
                                     policy.data(), policy.size(), nullptr, 0));
  confidant_consent_state states[CONFIDANT_CONSENT_PAIR_COUNT + 3];
  std::memset(states, 0x7f, sizeof states);
  CAPI_REQUIRE_OK(confidant_sdk_consent_states(s.sdk.get(), states, CONFIDANT_CONSENT_PAIR_COUNT + 3));
  CHECK(states[CONFIDANT_CONSENT_PAIR_COUNT - 1] == CONFIDANT_CONSENT_DENIED);  // sensitive x share: the last pair
  CHECK(states[0] == CONFIDANT_CONSENT_UNKNOWN);
  for (int i = CONFIDANT_CONSENT_PAIR_COUNT; i < CONFIDANT_CONSENT_PAIR_COUNT + 3; ++i) {
    CHECK(states[i] == CONFIDANT_CONSENT_UNKNOWN);
  }
  // Zero pairs is a valid question.
  CAPI_REQUIRE_OK(confidant_sdk_consent_states(s.sdk.get(), absent<confidant_consent_state>(), 0));

  confidant_buffer receipt{};
  CAPI_REQUIRE_OK(confidant_sdk_consent_receipt_json(s.sdk.get(), &receipt));
  const std::string text = take(receipt);
  CHECK(text.find("app_default") != std::string::npos);
  CHECK(text.find("2026-11") != std::string::npos);
}

TEST_CASE("Stats fill only as many bytes as the host's struct has") {
  OpenStore s;
  REQUIRE(grant_all(s.sdk.get()).ok);
  REQUIRE(track(s.sdk.get(), R"({"type":"view","item":"tea-1"})").ok);
  CAPI_REQUIRE_OK(confidant_sdk_flush(s.sdk.get()));
  struct {
    std::uint64_t accepted;
    std::uint64_t guard;
  } older{0, 0xfeedfacecafebeef};
  CAPI_REQUIRE_OK(confidant_sdk_stats(s.sdk.get(), reinterpret_cast<confidant_stats*>(&older), sizeof older.accepted));
  CHECK(older.accepted == 1);
  CHECK(older.guard == 0xfeedfacecafebeef);
}

TEST_CASE("Buffers hold NUL-terminated bytes and are reset on failure and on free") {
  OpenStore s;
  confidant_buffer out{reinterpret_cast<std::uint8_t*>(0x1), 99};  // garbage in: overwritten, not freed
  CAPI_REQUIRE_OK(confidant_sdk_export_json(s.sdk.get(), &out));
  REQUIRE(out.data != nullptr);
  CHECK(out.data[out.len] == 0);
  CHECK(std::strlen(reinterpret_cast<const char*>(out.data)) == out.len);
  confidant_buffer_free(&out);
  CHECK(out.data == nullptr);
  CHECK(out.len == 0);
  confidant_buffer_free(&out);  // twice is harmless

  CAPI_REQUIRE_OK(confidant_sdk_close(s.sdk.get()));
  out = confidant_buffer{reinterpret_cast<std::uint8_t*>(0x1), 99};
  CHECK(outcome(confidant_sdk_profile_json(s.sdk.get(), &out)).code == CONFIDANT_CODE_CLOSED);
  CHECK(out.data == nullptr);
  CHECK(out.len == 0);
}

TEST_CASE("Error objects made by hosts keep their code and carry clean UTF-8") {
  const Outcome wrong = outcome(confidant_error_new(CONFIDANT_CODE_WRONG_KEY, "keychain: item not found", 24));
  CHECK(wrong.code == CONFIDANT_CODE_WRONG_KEY);
  CHECK(wrong.message == "keychain: item not found");

  // "OK" is not an error: a host that returns one by mistake must not be
  // read as succeeding.
  const Outcome ok = outcome(confidant_error_new(CONFIDANT_CODE_OK, nullptr, 0));
  CHECK(ok.code == CONFIDANT_CODE_INTERNAL);
  CHECK(mentions(ok, "unknown error code 0"));

  // An embedded NUL and a stray byte would break C strings and the JVM.
  const char raw[] = {'a', '\0', 'b', '\xff', 'c'};
  const Outcome cleaned = outcome(confidant_error_new(CONFIDANT_CODE_IO, raw, sizeof raw));
  CHECK(cleaned.message == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");

  CHECK(outcome(confidant_error_new(CONFIDANT_CODE_IO, nullptr, 3)).code == CONFIDANT_CODE_INTERNAL);

  for (int code = CONFIDANT_CODE_OK; code <= CONFIDANT_CODE_NOT_PERMITTED; ++code) {
    CHECK(std::string(confidant_code_name(static_cast<confidant_code>(code))) != "unknown");
  }
  CHECK(std::string(confidant_code_name(CONFIDANT_CODE_TAMPERED)) == "tampered");
}

TEST_CASE("open() checks the options and names the bad one") {
  confidant::testing::TempDir dir("confidant-capi");
  confidant_key_provider* raw = nullptr;
  CAPI_REQUIRE_OK(confidant_key_provider_new_passphrase("pw", 2, 1, 8192, &raw));
  const Provider provider(raw);
  Options options = options_for((dir / "store").string(), provider.get());
  CAPI_REQUIRE_OK(confidant_options_set_batch_size(options.get(), 0));
  confidant_sdk* sdk = nullptr;
  const Outcome refused = outcome(confidant_sdk_open(options.get(), &sdk));
  CHECK(refused.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(refused, "batch_size"));
  CHECK(sdk == nullptr);

  confidant_options* bare = nullptr;
  CAPI_REQUIRE_OK(confidant_options_new(&bare));
  const Options no_key(bare);
  CAPI_REQUIRE_OK(confidant_options_set_dir(no_key.get(), (dir / "other").c_str()));
  CHECK(mentions(outcome(confidant_sdk_open(no_key.get(), &sdk)), "key_provider"));
}

// confidant_sdk_apply_cmp_json: a CMP's signals as one JSON object, through
// the C ABI only. Applied and recorded as source "cmp"; the same state again
// leaves the person's later choice alone; every bad input is an error
// naming the field, with `out` left {NULL, 0} and nothing applied.
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "capi_harness.hpp"
#include "support/files.hpp"
#include "support/tc_string_builder.hpp"

using namespace capi_test;
using confidant::testing::TcBuilder;

namespace {

struct CmpStore {
  confidant::testing::TempDir dir{"confidant-capi-cmp"};
  Provider provider;
  Sdk sdk;

  CmpStore() {
    confidant_key_provider* raw = nullptr;
    CAPI_REQUIRE_OK(confidant_key_provider_new_in_memory(&raw));
    provider.reset(raw);
    sdk = open(options_for((dir / "store").string(), provider.get()).get());
  }

  Outcome apply(const std::string& json, std::string& result) {
    confidant_buffer out{reinterpret_cast<std::uint8_t*>(&result), 99};  // stale on purpose
    const Outcome o = outcome(confidant_sdk_apply_cmp_json(sdk.get(), json.data(), json.size(), &out));
    if (!o.ok) {
      CHECK(out.data == nullptr);
      CHECK(out.len == 0);
      out = confidant_buffer{nullptr, 0};  // never free the stale pointer
    }
    result = take(out);
    return o;
  }

  confidant_consent_state state(confidant_category category, confidant_use use) {
    confidant_consent_state states[CONFIDANT_CONSENT_PAIR_COUNT];
    CAPI_REQUIRE_OK(confidant_sdk_consent_states(sdk.get(), states, CONFIDANT_CONSENT_PAIR_COUNT));
    return states[category * CONFIDANT_USE_COUNT + use];
  }

  std::string receipt() {
    confidant_buffer out{};
    CAPI_REQUIRE_OK(confidant_sdk_consent_receipt_json(sdk.get(), &out));
    return take(out);
  }
};

std::string tc_string(std::set<int> purposes, int day = 0) {
  TcBuilder b;
  b.purposes = std::move(purposes);
  b.last_updated += static_cast<std::uint64_t>(day) * 864000;
  return b.encode();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("A TC string and Consent Mode applied through the C ABI, recorded as source cmp") {
  CmpStore s;
  const std::string tc = tc_string({1, 5, 6, 8, 9});
  const std::string json = R"({"iabtcf":{"IABTCF_gdprApplies":1,"IABTCF_TCString":")" + tc +
                           R"("},"consent_mode":{"ad_storage":"granted","ad_personalization":"granted",)"
                           R"("analytics_storage":"granted","ad_user_data":"denied"}})";
  std::string result;
  const Outcome o = s.apply(json, result);
  INFO(o.message);
  REQUIRE(o.ok);
  CHECK(result.rfind(R"({"applied":true,"cmp_hash":")", 0) == 0);
  CHECK(result.find(R"("policy_version":"tcf:policy=5,gvl=93,cmp=300/7;consent_mode:v2")") != std::string::npos);
  CHECK(result.find(R"("decisions":{"preferences":{"personalize":"granted","share":"withdrawn"})") !=
        std::string::npos);
  CHECK(result.find(R"("sensitive":{"personalize":"none","share":"withdrawn"}})") != std::string::npos);
  CHECK(s.state(CONFIDANT_CATEGORY_PURCHASES, CONFIDANT_USE_PERSONALIZE) == CONFIDANT_CONSENT_GRANTED);
  CHECK(s.state(CONFIDANT_CATEGORY_PURCHASES, CONFIDANT_USE_SHARE) == CONFIDANT_CONSENT_DENIED);  // ad_user_data
  CHECK(s.state(CONFIDANT_CATEGORY_SENSITIVE, CONFIDANT_USE_PERSONALIZE) == CONFIDANT_CONSENT_UNKNOWN);
  const std::string receipt = s.receipt();
  CHECK(count(receipt, R"("source":"cmp")") == 11);
  CHECK(receipt.find(tc) == std::string::npos);
  REQUIRE(track(s.sdk.get(), R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte"]})").ok);
}

TEST_CASE("The same CMP state again leaves the person's later deny alone; a new one applies") {
  CmpStore s;
  const std::string first = R"({"tc_string":")" + tc_string({1, 5, 6}) + R"("})";
  std::string result;
  REQUIRE(s.apply(first, result).ok);
  const confidant_category purchases[] = {CONFIDANT_CATEGORY_PURCHASES};
  const confidant_use personalize[] = {CONFIDANT_USE_PERSONALIZE};
  CAPI_REQUIRE_OK(confidant_sdk_deny(s.sdk.get(), purchases, 1, personalize, 1, CONFIDANT_SOURCE_USER, nullptr, 0,
                                     nullptr, 0));
  REQUIRE(s.apply(first, result).ok);
  CHECK(result.rfind(R"({"applied":false,)", 0) == 0);
  CHECK(s.state(CONFIDANT_CATEGORY_PURCHASES, CONFIDANT_USE_PERSONALIZE) == CONFIDANT_CONSENT_DENIED);
  REQUIRE(s.apply(R"({"tc_string":")" + tc_string({1, 5, 6}, 1) + R"("})", result).ok);
  CHECK(result.rfind(R"({"applied":true,)", 0) == 0);
  CHECK(s.state(CONFIDANT_CATEGORY_PURCHASES, CONFIDANT_USE_PERSONALIZE) == CONFIDANT_CONSENT_GRANTED);
}

TEST_CASE("Bad CMP input is an error naming the field, and applies nothing") {
  CmpStore s;
  const std::string tc = tc_string({1, 5, 6});
  const std::vector<std::tuple<std::string, confidant_code, std::string>> bad = {
      {"", CONFIDANT_CODE_INVALID_ARGUMENT, "json:"},
      {"[]", CONFIDANT_CODE_INVALID_ARGUMENT, "cmp:"},
      {"{}", CONFIDANT_CODE_INVALID_ARGUMENT, "cmp:"},
      {R"({"tcf":"x"})", CONFIDANT_CODE_INVALID_ARGUMENT, "cmp:"},
      {R"({"tc_string":")" + tc.substr(0, 27) + R"("})", CONFIDANT_CODE_INVALID_ARGUMENT,
       "IABTCF_TCString.purposesConsent:"},
      {R"({"tc_string":"BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA"})", CONFIDANT_CODE_UNSUPPORTED, "IABTCF_TCString.version:"},
      {R"({"iabtcf":{"IABTCF_gdprApplies":1}})", CONFIDANT_CODE_INVALID_ARGUMENT, "IABTCF_PolicyVersion:"},
      {R"({"iabtcf":{"gdprApplies":1}})", CONFIDANT_CODE_INVALID_ARGUMENT, "iabtcf:"},
      {R"({"consent_mode":{"ad_storage":"yes"}})", CONFIDANT_CODE_INVALID_ARGUMENT, "consent_mode.ad_storage:"},
      {R"({"tc_string":")" + tc + R"(","vendor_id":70000})", CONFIDANT_CODE_INVALID_ARGUMENT, "vendor_id:"},
  };
  for (const auto& [json, code, field] : bad) {
    std::string result;
    const Outcome o = s.apply(json, result);
    INFO(json << " | " << o.message);
    REQUIRE_FALSE(o.ok);
    CHECK(o.code == code);
    CHECK(o.message.rfind(field, 0) == 0);
    CHECK(result.empty());
  }
  CHECK(s.receipt().find(R"("records":[])") != std::string::npos);

  confidant_buffer out{};
  const Outcome null_json = outcome(confidant_sdk_apply_cmp_json(s.sdk.get(), absent<const char>(), 3, &out));
  CHECK(null_json.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(null_json, "json"));
  const Outcome null_out = outcome(confidant_sdk_apply_cmp_json(s.sdk.get(), "{}", 2, absent<confidant_buffer>()));
  CHECK(mentions(null_out, "out"));
  const Outcome null_sdk = outcome(confidant_sdk_apply_cmp_json(absent<confidant_sdk>(), "{}", 2, &out));
  CHECK(mentions(null_sdk, "sdk"));
}

// The privacy center through the C ABI only: the model as one JSON object,
// an action taken from it and sent back whole changing the next model, and
// malformed actions refused with the field named, `out` left {NULL, 0} and
// nothing changed.
#include <array>
#include <string>
#include <utility>

#include "capi_harness.hpp"
#include "common/json.hpp"
#include "support/files.hpp"

using namespace capi_test;
using confidant::json::Value;

namespace {

struct CenterStore {
  confidant::testing::TempDir dir{"confidant-capi-center"};
  Provider provider;
  Sdk sdk;

  CenterStore() {
    confidant_key_provider* raw = nullptr;
    CAPI_REQUIRE_OK(confidant_key_provider_new_in_memory(&raw));
    provider.reset(raw);
    sdk = open(options_for((dir / "store").string(), provider.get()).get());
    CAPI_REQUIRE_OK(confidant_sdk_grant(sdk.get(), std::array{CONFIDANT_CATEGORY_PURCHASES}.data(), 1,
                                        std::array{CONFIDANT_USE_PERSONALIZE}.data(), 1, CONFIDANT_SOURCE_USER,
                                        "2026-11", 7, nullptr, 0));
    for (int i = 0; i < 3; ++i) {
      const Outcome o = track(sdk.get(), R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],)"
                                         R"("attrs":{"milk":"oat"}})");
      INFO(o.message);
      REQUIRE(o.ok);
    }
    CAPI_REQUIRE_OK(confidant_sdk_flush(sdk.get()));
  }

  Value center() {
    confidant_buffer out{};
    CAPI_REQUIRE_OK(confidant_sdk_privacy_center_json(sdk.get(), &out));
    auto parsed = confidant::json::parse(take(out));
    REQUIRE(parsed);
    return parsed.value();
  }

  Outcome perform(const std::string& json, std::string& result) {
    confidant_buffer out{reinterpret_cast<std::uint8_t*>(&result), 99};  // stale on purpose
    const Outcome o = outcome(confidant_sdk_perform_privacy_action_json(sdk.get(), json.data(), json.size(), &out));
    if (!o.ok) {
      CHECK(out.data == nullptr);
      CHECK(out.len == 0);
      out = confidant_buffer{nullptr, 0};
    }
    result = take(out);
    return o;
  }
};

const Value* find_row(const Value& center, std::string_view id) {
  for (const Value& section : center.find("sections")->as_array()) {
    for (const Value& row : section.find("rows")->as_array()) {
      if (row.find("id")->as_string() == id) return &row;
    }
  }
  return nullptr;
}

const Value* find_action(const Value& row, std::string_view id) {
  for (const Value& action : row.find("actions")->as_array()) {
    if (action.find("id")->as_string() == id) return &action;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("The privacy center model through the C ABI, and an action sent back whole changes the next model") {
  CenterStore s;
  const Value before = s.center();
  CHECK(before.find("format")->as_string() == "confidant.privacy-center.v1");
  const Value* usual = find_row(before, "usual:milk=oat");
  REQUIRE(usual != nullptr);
  const Value* forget = find_action(*usual, "forget");
  REQUIRE(forget != nullptr);

  std::string result;
  const Outcome o = s.perform(confidant::json::serialize(*forget), result);
  INFO(o.message);
  REQUIRE(o.ok);
  CHECK(result == R"({"id":"forget"})");
  CHECK(find_row(s.center(), "usual:milk=oat") == nullptr);

  const Outcome exported = s.perform(R"({"id":"export"})", result);
  REQUIRE(exported.ok);
  CHECK(result.rfind(R"({"id":"export","export":{"format":"confidant.export.v1")", 0) == 0);
}

TEST_CASE("Malformed privacy actions through the C ABI name the field and change nothing") {
  CenterStore s;
  const std::string before = confidant::json::serialize(s.center());
  std::string result;
  for (const auto& [json, field] : {std::pair{R"({"id":"forget"})", "target.target: required"},
                                    std::pair{R"({"id":"grant","target":{"category":"purchases","use":"sell"}})",
                                              "target.use: unknown value 'sell'"},
                                    std::pair{R"({"id":"frob"})", "id: unknown action 'frob'"},
                                    std::pair{R"(not json)", "json: offset 0"}}) {
    INFO(json);
    const Outcome o = s.perform(json, result);
    CHECK(o.code == CONFIDANT_CODE_INVALID_ARGUMENT);
    CHECK(mentions(o, field));
  }
  CHECK(mentions(outcome(confidant_sdk_perform_privacy_action_json(s.sdk.get(), R"({"id":"pause"})", 14,
                                                                   absent<confidant_buffer>())),
                 "out: must not be NULL"));
  confidant_buffer out{};
  CHECK(mentions(outcome(confidant_sdk_perform_privacy_action_json(s.sdk.get(), absent<const char>(), 3, &out)),
                 "json"));
  CHECK(mentions(outcome(confidant_sdk_privacy_center_json(s.sdk.get(), absent<confidant_buffer>())),
                 "out: must not be NULL"));
  CHECK(confidant::json::serialize(s.center()) == before);
}

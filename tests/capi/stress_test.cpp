// The concurrency stress of tests/support/stress.hpp through the C ABI: eight
// host threads on one confidant_sdk handle, every entry point that a host
// calls in normal use, then the same invariants; erase and close at the end.
#include <catch2/catch.hpp>

#include <atomic>
#include <iostream>

#include "capi/capi_harness.hpp"
#include "support/brand_fixture.hpp"
#include "support/files.hpp"
#include "support/stress.hpp"

using namespace capi_test;

namespace {

// Every request answered 200 with an empty body (no rejections).
confidant_error* accept_all(void*, const confidant_http_request*, confidant_http_response* response) {
  confidant_http_response_set_status(response, 200);
  return nullptr;
}

bool ok(confidant_error* error) { return outcome(error).ok; }

std::string json_text(const confidant::Candidate& candidate) { return confidant::to_json(candidate); }

class CDriver final : public stress::Driver {
 public:
  explicit CDriver(confidant_sdk* sdk) : sdk_(sdk) {}
  bool track(const confidant::Signal& signal) override {
    const std::string json = confidant::to_json(signal);
    return ok(confidant_sdk_track_json(sdk_, json.data(), json.size()));
  }
  bool rank(const std::vector<confidant::Candidate>& candidates, const confidant::RankRequest& request) override {
    std::string lines;
    for (const confidant::Candidate& c : candidates) lines += json_text(c) + "\n";
    std::string req = "{\"seed\":" + std::to_string(request.seed % 1000000);
    if (request.slot.kind == confidant::Slot::Kind::kRelated) req += ",\"slot\":\"related:" + request.slot.item + "\"";
    req += "}";
    confidant_buffer out{};
    const bool done = ok(confidant_sdk_rank_json(sdk_, lines.data(), lines.size(), req.data(), req.size(), &out));
    (void)take(out);
    return done;
  }
  bool why(const std::string& item) override {
    confidant_buffer out{};
    const bool done = ok(confidant_sdk_why_json(sdk_, item.data(), item.size(), &out));
    (void)take(out);
    return done;
  }
  bool grant(confidant::DataCategory category, confidant::Use use) override { return decide(category, use, true); }
  bool deny(confidant::DataCategory category, confidant::Use use) override { return decide(category, use, false); }
  bool prefer(confidant::PreferenceKind kind, const std::string& target) override {
    return ok(confidant_sdk_prefer(sdk_, static_cast<confidant_preference_kind>(kind), target.data(), target.size(),
                                   nullptr, 0));
  }
  bool forget(const std::string& target) override { return ok(confidant_sdk_forget(sdk_, target.data(), target.size())); }
  bool set_paused(bool paused) override { return ok(confidant_sdk_set_paused(sdk_, paused)); }
  bool sync(bool dry_run) override {
    confidant_buffer out{};
    const bool done = ok(confidant_sdk_sync_json(sdk_, 2000, dry_run, &out));
    (void)take(out);
    return done;
  }
  bool flush() override { return ok(confidant_sdk_flush(sdk_)); }
  std::string export_json() override {
    confidant_buffer out{};
    if (!ok(confidant_sdk_export_json(sdk_, &out))) return {};
    return take(out);
  }
  std::string shared_reports() override {
    confidant_buffer out{};
    if (!ok(confidant_sdk_shared_reports_json(sdk_, &out))) return {};
    return take(out);
  }

 private:
  bool decide(confidant::DataCategory category, confidant::Use use, bool grant) {
    const confidant_category categories[] = {static_cast<confidant_category>(category)};
    const confidant_use uses[] = {static_cast<confidant_use>(use)};
    return ok((grant ? confidant_sdk_grant : confidant_sdk_deny)(sdk_, categories, 1, uses, 1, CONFIDANT_SOURCE_USER,
                                                                 nullptr, 0, nullptr, 0));
  }
  confidant_sdk* sdk_;
};

}  // namespace

TEST_CASE("capi: eight host threads on one handle: nothing acknowledged is lost, withdrawals purge") {
  confidant::testing::TempDir tmp{"confidant-capi-stress"};
  confidant::testing::TestBrand brand;
  confidant_key_provider* raw_provider = nullptr;
  CAPI_REQUIRE_OK(confidant_key_provider_new_in_memory(&raw_provider));
  Provider provider(raw_provider);
  Options options = options_for((tmp.path() / "app").string(), provider.get());
  CAPI_REQUIRE_OK(confidant_options_set_brand_signing_key(options.get(), brand.keys.signing_public.c_str()));
  CAPI_REQUIRE_OK(confidant_options_set_sync_url(options.get(), "https://collector.test/v1/reports"));
  const confidant_transport transport{sizeof(confidant_transport), nullptr, accept_all, nullptr};
  CAPI_REQUIRE_OK(confidant_options_set_transport(options.get(), &transport));
  Sdk sdk = open(options.get());
  const std::string config = brand.sign(confidant::testing::cafe_config_json());
  CAPI_REQUIRE_OK(confidant_sdk_install_config(sdk.get(), reinterpret_cast<const uint8_t*>(config.data()), config.size()));

  CDriver driver(sdk.get());
  for (const auto category : {confidant::DataCategory::kBrowsing, confidant::DataCategory::kPurchases}) {
    for (const auto use : {confidant::Use::kPersonalize, confidant::Use::kShare}) REQUIRE(driver.grant(category, use));
  }
  stress::Run run(driver);
  const stress::Figures figures = run.run(7, 8, 100);
  std::cout << "stress (C ABI) : " << figures.operations << " operations in " << figures.seconds << " s, "
            << figures.acknowledged << " signals acknowledged, " << figures.checked << " checked\n";
  CHECK(figures.checked > 0);
  run.check_nothing_acknowledged_is_lost();
  run.check_withdrawal_purges();

  confidant_buffer receipt{};
  CAPI_REQUIRE_OK(confidant_sdk_consent_receipt_json(sdk.get(), &receipt));
  auto parsed = confidant::json::parse(take(receipt));
  REQUIRE(parsed);
  const confidant::json::Value* chain = parsed->find("chain");
  REQUIRE(chain != nullptr);
  CHECK(chain->find("intact")->as_bool());
  CHECK(chain->find("records")->as_int64() > 4);

  CAPI_REQUIRE_OK(confidant_sdk_erase(sdk.get()));
  CAPI_REQUIRE_OK(confidant_sdk_close(sdk.get()));
}

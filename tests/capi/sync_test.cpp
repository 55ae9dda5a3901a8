// Sync through the C ABI: a host transport as a vtable, a host that
// misbehaves (garbage status, an exception, an error), configs refused with
// the right code, and the ledger and budget as JSON.
#include <atomic>
#include <stdexcept>
#include <vector>

#include "capi/capi_harness.hpp"
#include "support/brand_fixture.hpp"
#include "support/files.hpp"

using namespace capi_test;

namespace {

struct HostTransport {
  std::vector<int> script;  // statuses to answer, in order; 0: return an error; -1: throw; then 200
  std::vector<std::string> urls;
  std::vector<std::size_t> body_sizes;
  std::atomic<bool> destroyed{false};
};

confidant_error* host_send(void* ctx, const confidant_http_request* request, confidant_http_response* response) {
  auto* host = static_cast<HostTransport*>(ctx);
  host->urls.push_back(request->url);
  host->body_sizes.push_back(request->body_len);
  int status = 200;
  if (!host->script.empty()) {
    status = host->script.front();
    host->script.erase(host->script.begin());
  }
  if (status == 0) return confidant_error_new(CONFIDANT_CODE_IO, "connection reset", 16);
  if (status == -1) throw std::runtime_error("the host's HTTP stack threw");
  confidant_http_response_set_status(response, status);
  if (status == 429) {
    const confidant_error* added = confidant_http_response_add_header(response, "Retry-After", 11, "60", 2);
    if (added != nullptr) return confidant_error_new(CONFIDANT_CODE_INTERNAL, "add_header", 10);
  }
  return nullptr;
}

struct HostClock {
  std::atomic<std::int64_t> now{kNow};
};
std::int64_t host_now(void* ctx) { return static_cast<HostClock*>(ctx)->now.load(); }

struct Device {
  confidant::testing::TempDir tmp{"confidant-capi-sync"};
  confidant::testing::TestBrand brand;
  HostTransport transport;
  HostClock clock;
  Sdk sdk;

  Device() {
    confidant_key_provider* raw_provider = nullptr;
    CAPI_REQUIRE_OK(confidant_key_provider_new_in_memory(&raw_provider));
    Provider provider(raw_provider);
    Options options = options_for((tmp.path() / "app").string(), provider.get());
    const confidant_clock host_clock{sizeof(confidant_clock), &clock, host_now, nullptr};
    CAPI_REQUIRE_OK(confidant_options_set_clock(options.get(), &host_clock));
    CAPI_REQUIRE_OK(confidant_options_set_brand_signing_key(options.get(), brand.keys.signing_public.c_str()));
    CAPI_REQUIRE_OK(confidant_options_set_sync_url(options.get(), "https://collector.test/v1/reports"));
    const confidant_transport host_transport{sizeof(confidant_transport), &transport, host_send,
                                             [](void* ctx) { static_cast<HostTransport*>(ctx)->destroyed = true; }};
    CAPI_REQUIRE_OK(confidant_options_set_transport(options.get(), &host_transport));
    sdk = open(options.get());
    const std::string config = brand.sign(confidant::testing::cafe_config_json());
    CAPI_REQUIRE_OK(confidant_sdk_install_config(sdk.get(), reinterpret_cast<const uint8_t*>(config.data()), config.size()));
    const confidant_category purchases[] = {CONFIDANT_CATEGORY_PURCHASES};
    const confidant_use both[] = {CONFIDANT_USE_PERSONALIZE, CONFIDANT_USE_SHARE};
    CAPI_REQUIRE_OK(confidant_sdk_grant(sdk.get(), purchases, 1, both, 2, CONFIDANT_SOURCE_USER, nullptr, 0, nullptr, 0));
    const Outcome tracked = track(sdk.get(), R"({"type":"order","item":"latte","categories":["drinks/coffee"],"attrs":{"milk":"oat"}})");
    REQUIRE(tracked.ok);
    CAPI_REQUIRE_OK(confidant_sdk_flush(sdk.get()));
  }

  std::string sync(bool dry_run = false) {
    confidant_buffer out{};
    CAPI_REQUIRE_OK(confidant_sdk_sync_json(sdk.get(), 10000, dry_run, &out));
    return take(out);
  }
  std::string ledger() {
    confidant_buffer out{};
    CAPI_REQUIRE_OK(confidant_sdk_shared_reports_json(sdk.get(), &out));
    return take(out);
  }
};

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("capi: a host transport sends the reports, the ledger and budget read back as JSON") {
  Device d;
  const std::string result = d.sync();
  CHECK(has(result, "\"prepared\":2"));
  CHECK(has(result, "\"sent\":2"));
  REQUIRE(d.transport.urls.size() == 1);
  CHECK(d.transport.urls[0] == "https://collector.test/v1/reports");
  CHECK(d.transport.body_sizes[0] > 0);
  const std::string ledger = d.ledger();
  CHECK(has(ledger, "\"status\":\"sent\""));
  CHECK(has(ledger, "\"epsilon\":2.0"));
  confidant_buffer budget{};
  CAPI_REQUIRE_OK(confidant_sdk_budget_json(d.sdk.get(), &budget));
  CHECK(has(take(budget), "\"spent\":4.0"));
  d.sdk.reset();
  CHECK(d.transport.destroyed);  // the SDK released the host's context
}

TEST_CASE("capi: a host that errs, throws or answers garbage leaves the reports queued, then they go", "[host-throws]") {
  Device d;
  d.transport.script = {0, -1, 42, 500, 429};
  for (int attempt = 0; attempt < 5; ++attempt) {
    const std::string result = d.sync();
    INFO(result);
    CHECK(has(result, "\"sent\":0"));
    CHECK(has(result, "\"pending\":2"));
    d.clock.now += 7'200'000;  // past any backoff
  }
  const std::string ledger = d.ledger();
  CHECK(has(ledger, "\"last_error\":\"http 429\""));
  const std::string last = d.sync();
  CHECK(has(last, "\"sent\":2"));
  CHECK(d.transport.urls.size() == 6);
}

TEST_CASE("capi: configs are refused with the right code, naming why") {
  Device d;
  confidant::testing::TestBrand impostor;
  const std::string forged = impostor.sign(confidant::testing::cafe_config_json(2));
  Outcome o = outcome(confidant_sdk_install_config(d.sdk.get(), reinterpret_cast<const uint8_t*>(forged.data()), forged.size()));
  CHECK(o.code == CONFIDANT_CODE_TAMPERED);
  CHECK(mentions(o, "signature"));
  const std::string older = d.brand.sign(confidant::testing::cafe_config_json(1, 1.0));
  o = outcome(confidant_sdk_install_config(d.sdk.get(), reinterpret_cast<const uint8_t*>(older.data()), older.size()));
  CHECK(o.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(o, "rollback"));
  o = outcome(confidant_sdk_install_config(d.sdk.get(), absent<const uint8_t>(), 3));
  CHECK(o.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  const std::string dry = d.sync(true);
  CHECK(has(dry, "\"dry_run_reports\":\"{"));
}

TEST_CASE("capi: leaving the brand's experiment is recorded in the consent ledger; an unknown one is refused") {
  Device d;
  std::string config = confidant::testing::cafe_config_json(2);
  config.pop_back();
  config += R"(,"experiments":[{"id":"plain","holdout_share":0.5,"outcomes":[{"source":"orders","buckets":[0,1,3],"epsilon":1}]}]})";
  const std::string signed_config = d.brand.sign(config);
  CAPI_REQUIRE_OK(confidant_sdk_install_config(d.sdk.get(), reinterpret_cast<const uint8_t*>(signed_config.data()),
                                               signed_config.size()));
  Outcome o = outcome(confidant_sdk_leave_experiment(d.sdk.get(), "nope", 4));
  CHECK(o.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(o, "experiment"));
  o = outcome(confidant_sdk_leave_experiment(d.sdk.get(), absent<const char>(), 3));
  CHECK(o.code == CONFIDANT_CODE_INVALID_ARGUMENT);
  CHECK(mentions(o, "experiment_id"));
  CAPI_REQUIRE_OK(confidant_sdk_leave_experiment(d.sdk.get(), "plain", 5));
  confidant_buffer receipt{};
  CAPI_REQUIRE_OK(confidant_sdk_consent_receipt_json(d.sdk.get(), &receipt));
  CHECK(has(take(receipt), "\"experiment\":\"plain\""));
}

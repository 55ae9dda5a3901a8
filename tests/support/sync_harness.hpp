// An Sdk wired for sync: a test brand's pinned key and installed config, a
// FakeTransport, and the collector's view of what was sent (every upload
// opened with the brand's keys), for tests/sync.
//
// Header-only. Thread-safety: one test thread.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "support/brand_fixture.hpp"
#include "support/fake_transport.hpp"
#include "support/sdk_harness.hpp"

namespace sdk_test {

using confidant::testing::FakeTransport;
using confidant::testing::TestBrand;

inline constexpr std::int64_t kWeekMs = 7 * kDayMs;

struct SyncHarness : Harness {
  TestBrand brand;
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::string signed_config;

  explicit SyncHarness(const std::string& config_json = confidant::testing::cafe_config_json(),
                       SyncPolicy policy = default_policy())
      : Harness(false), signed_config(brand.sign(config_json)) {
    Options o = options();
    o.brand_signing_key = brand.keys.signing_public;
    o.transport = transport;
    o.sync = policy;
    open(std::move(o));
    const Status st = sdk->install_config(signed_config);
    INFO(st.to_string());
    REQUIRE(st);
  }

  static SyncPolicy default_policy() {
    SyncPolicy p;
    p.url = "https://collector.test/v1/reports";
    return p;
  }

  SyncResult sync(bool dry_run = false) {
    flush();
    auto r = sdk->sync({std::chrono::milliseconds(30000), dry_run});
    INFO(r.status().to_string());
    REQUIRE(r);
    return r.value();
  }

  // Every report the collector received so far, opened and validated.
  std::vector<brand::OpenedReport> received() const {
    auto opener = brand::ReportOpener::create(brand.keys, brand.info(signed_config));
    REQUIRE(opener);
    std::vector<brand::OpenedReport> out;
    for (const HttpRequest& request : transport->requests()) {
      auto sealed = brand::split_upload(request.body);
      REQUIRE(sealed);
      for (const std::string& one : sealed.value()) {
        auto opened = opener.value()->open(one);
        INFO(opened.status().to_string());
        REQUIRE(opened);
        out.push_back(opened.value());
      }
    }
    return out;
  }

  // The sync ledger, one parsed JSON object per report.
  std::vector<json::Value> ledger() {
    auto text = sdk->shared_reports();
    REQUIRE(text);
    std::vector<json::Value> out;
    std::size_t start = 0;
    while (start < text->size()) {
      const std::size_t end = text->find('\n', start);
      REQUIRE(end != std::string::npos);
      auto line = json::parse(std::string_view(text.value()).substr(start, end - start));
      INFO(line.status().to_string());
      REQUIRE(line);
      out.push_back(line.value());
      start = end + 1;
    }
    return out;
  }

  Budget budget() {
    auto b = sdk->budget();
    REQUIRE(b);
    return b.value();
  }
};

inline std::string status_of(const json::Value& entry) { return entry.find("status")->as_string(); }
inline std::vector<std::string> categories_of(const json::Value& entry) {
  std::vector<std::string> out;
  for (const json::Value& v : entry.find("data_categories")->as_array()) out.push_back(v.as_string());
  return out;
}

}  // namespace sdk_test

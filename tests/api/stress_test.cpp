// Eight threads call every public Sdk member in random interleavings
// (tests/support/stress.hpp); afterwards nothing acknowledged is lost, a
// withdrawal leaves nothing of its category, and the consent ledger verifies.
// Erase and close run at the end. Under the tsan preset ThreadSanitizer
// checks every interleaving it sees for data races.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>

#include "api/manifest.hpp"
#include "consent/ledger.hpp"
#include "store/store.hpp"
#include "support/stress.hpp"
#include "support/sync_harness.hpp"

using namespace sdk_test;

namespace {

class SdkDriver final : public stress::Driver {
 public:
  explicit SdkDriver(Sdk& sdk) : sdk_(sdk) {}
  bool track(const Signal& signal) override { return sdk_.track(signal).is_ok(); }
  bool rank(const std::vector<Candidate>& candidates, const RankRequest& request) override {
    return sdk_.rank(candidates, request).is_ok();
  }
  bool why(const std::string& item) override { return sdk_.why(item).is_ok(); }
  bool grant(DataCategory category, Use use) override { return sdk_.grant({category}, {use}, context()).is_ok(); }
  bool deny(DataCategory category, Use use) override { return sdk_.deny({category}, {use}, context()).is_ok(); }
  bool prefer(PreferenceKind kind, const std::string& target) override { return sdk_.prefer(kind, target).is_ok(); }
  bool forget(const std::string& target) override { return sdk_.forget(target).is_ok(); }
  bool set_paused(bool paused) override { return sdk_.set_paused(paused).is_ok(); }
  bool sync(bool dry_run) override { return sdk_.sync({std::chrono::milliseconds(2000), dry_run}).is_ok(); }
  bool flush() override { return sdk_.flush().is_ok(); }
  std::string export_json() override {
    auto exported = sdk_.export_json();
    return exported ? exported.value() : std::string();
  }
  std::string shared_reports() override {
    auto reports = sdk_.shared_reports();
    return reports ? reports.value() : std::string();
  }

 private:
  static ConsentContext context() { return {Source::kUser, "2026-11", "stress"}; }
  Sdk& sdk_;
};

// STRESS_OPS overrides the operations per thread (a longer local run).
int operations_per_thread() {
  const char* text = std::getenv("STRESS_OPS");
  return text != nullptr ? std::atoi(text) : 300;
}

}  // namespace

TEST_CASE("eight threads on every Sdk member: nothing acknowledged is lost, withdrawals purge, the ledger verifies") {
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    INFO("seed " << seed);
    SyncHarness h;
    h.grant({DataCategory::kBrowsing}, {Use::kPersonalize, Use::kShare});
    h.grant({DataCategory::kPurchases, DataCategory::kPreferences}, {Use::kPersonalize, Use::kShare});
    SdkDriver driver(*h.sdk);
    stress::Run run(driver);
    const stress::Figures figures = run.run(seed, 8, operations_per_thread());
    std::cout << "stress (C++ Sdk) seed " << seed << ": " << figures.operations << " operations in " << figures.seconds
              << " s, " << figures.acknowledged << " signals acknowledged, " << figures.checked << " checked\n";
    CHECK(figures.checked > 0);
    run.check_nothing_acknowledged_is_lost();
    run.check_withdrawal_purges();

    // The ledger, read straight from the closed store, verifies.
    REQUIRE(h.sdk->close());
    h.sdk.reset();
    {
      store::StoreOptions options;
      options.dir = h.dir();
      auto provider = make_key_file_provider(h.key_file());
      REQUIRE(provider);
      options.key_provider = provider.value().get();
      options.migrations = api::sdk_migrations();
      auto store = store::Store::open(options);
      INFO(store.status().to_string());
      REQUIRE(store);
      consent::Ledger ledger(*store.value());
      auto verified = ledger.verify();
      REQUIRE(verified);
      INFO(verified->problem);
      CHECK(verified->ok());
      CHECK(verified->records > 2);
    }
    h.open();
    REQUIRE(h.sdk->erase());
    CHECK(h.sdk->close().is_ok());
    h.sdk.reset();
  }
}

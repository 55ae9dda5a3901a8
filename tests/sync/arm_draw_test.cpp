// The arm's draw: uniform from the OS's random source, P(holdout) = the
// configured share, once per period.
#include <catch2/catch.hpp>

#include <cmath>

#include "confidant/brand.hpp"
#include "crypto/signature.hpp"
#include "common/hex.hpp"
#include "signals/schema.hpp"
#include "support/test_store.hpp"
#include "sync/schema.hpp"
#include "sync/syncer.hpp"

using namespace confidant;

TEST_CASE("the holdout share is respected: 10,000 draws within a binomial bound") {
  constexpr double kShare = 0.1;
  const brand::KeySet keys = brand::generate_keys();
  // One-minute epochs and periods: each period is a fresh draw.
  const std::string config =
      R"({"version":1,"epoch_seconds":60,"budget_total_cap":8,"experiments":[{"id":"plain","holdout_share":0.1,)"
      R"("period_seconds":60,"outcomes":[{"source":"orders","buckets":[0,1,2],"epsilon":1}]}]})";
  auto signed_config = brand::sign_config(config, keys);
  REQUIRE(signed_config);
  auto signer_bytes = hex::from_hex(keys.signing_public);
  REQUIRE(signer_bytes);
  std::array<std::uint8_t, 32> signer{};
  std::copy(signer_bytes->begin(), signer_bytes->end(), signer.begin());

  std::vector<store::Migration> migrations = signals::migrations();
  for (store::Migration m : sync::migrations()) {
    m.version = static_cast<int>(migrations.size()) + 1;  // one numbering for the test store
    migrations.push_back(m);
  }
  testing::TestStore t{migrations, "confidant-arm-draw"};
  auto syncer = sync::Syncer::load(*t.store, signer);  // the SDK's own random source
  REQUIRE(syncer);
  const std::int64_t start = 1'800'000'000'000;
  REQUIRE(syncer.value()->install(signed_config.value(), start));

  ConsentStates states;
  for (const Use use : kAllUses)
    states.states[static_cast<std::size_t>(DataCategory::kPurchases) * kAllUses.size() + static_cast<std::size_t>(use)] =
        ConsentState::kGranted;
  const sync::ShareGrants grants{states};

  constexpr int kDraws = 10'000;
  int holdouts = 0;
  const Status st = t.store->transaction([&]() -> Status {
    for (int i = 0; i < kDraws; ++i) {
      const std::int64_t now = start + std::int64_t{i} * 60'000;
      auto first = syncer.value()->holdout_period(grants, now);
      if (!first) return first.status();
      // Asked again within the period: the kept arm, not a new draw.
      auto again = syncer.value()->holdout_period(grants, now + 59'000);
      if (!again) return again.status();
      REQUIRE(first.value().has_value() == again.value().has_value());
      holdouts += first.value() ? 1 : 0;
    }
    return Status::ok();
  });
  INFO(st.to_string());
  REQUIRE(st);
  // Binomial(10,000, 0.1): mean 1,000, sd 30. Within 5 sd fails by chance
  // with probability under 1e-6; a draw biased by 0.02 fails nearly always.
  const double sd = std::sqrt(kDraws * kShare * (1 - kShare));
  INFO("holdouts: " << holdouts);
  CHECK(std::abs(holdouts - kDraws * kShare) < 5 * sd);
}

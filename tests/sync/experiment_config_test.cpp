// Experiments in the brand's config: what the brand tool accepts, and each
// refusal naming its field.
#include <catch2/catch.hpp>

#include <string>

#include "confidant/brand.hpp"
#include "confidant_sync.pb.h"
#include "sync/experiment.hpp"
#include "sync/outcome_value.hpp"

using namespace confidant;

namespace {

std::string with_experiment(const std::string& experiment) {
  return R"({"version":1,"epoch_seconds":604800,"budget_total_cap":8,"metrics":[],"experiments":[)" + experiment + "]}";
}

const std::string kGood =
    R"({"id":"plain","holdout_share":0.1,"period_seconds":604800,)"
    R"("outcomes":[{"source":"orders","buckets":[0,1,2,3,6],"epsilon":2},)"
    R"({"id":"days","source":"active_days","buckets":[0,1,3],"epsilon":1,"budget_cap":4}]})";

std::string refusal(const std::string& experiment) {
  const brand::KeySet keys = brand::generate_keys();
  auto signed_config = brand::sign_config(with_experiment(experiment), keys);
  REQUIRE_FALSE(signed_config);
  CHECK(signed_config.status().code() == ErrorCode::kInvalidArgument);
  return signed_config.status().message();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a config may declare an experiment; the collector reads it with its bucket labels") {
  const brand::KeySet keys = brand::generate_keys();
  auto signed_config = brand::sign_config(with_experiment(kGood), keys);
  INFO(signed_config.status().to_string());
  REQUIRE(signed_config);
  auto info = brand::verify_config(signed_config.value(), keys.signing_public);
  REQUIRE(info);
  REQUIRE(info->experiments.size() == 1);
  const brand::ExperimentInfo& e = info->experiments[0];
  CHECK(e.id == "plain");
  CHECK(e.holdout_share == 0.1);
  CHECK(e.period_seconds == 604800);
  REQUIRE(e.outcomes.size() == 2);
  CHECK(e.outcomes[0].id == "orders");  // defaults to the source
  CHECK(e.outcomes[0].source == "orders");
  CHECK(e.outcomes[0].buckets == std::vector<std::string>{"0", "1", "2", "3-5", "6+"});
  CHECK(e.outcomes[1].buckets == std::vector<std::string>{"0", "1-2", "3+"});
  CHECK(e.outcomes[1].epsilon == 1.0);
}

TEST_CASE("config validation names the experiment's bad field") {
  CHECK_THAT(refusal(replaced(kGood, "0.1", "0")),
             Catch::StartsWith("config.experiments[0].holdout_share: must be in (0, 1)"));
  CHECK_THAT(refusal(replaced(kGood, "0.1", "1.5")), Catch::StartsWith("config.experiments[0].holdout_share:"));
  CHECK_THAT(refusal(replaced(kGood, "\"orders\"", "\"steps\"")),
             Catch::StartsWith("experiments[0].outcomes[0].source: unknown outcome"));
  CHECK_THAT(refusal(replaced(kGood, "[0,1,2,3,6]", "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]")),
             Catch::StartsWith("config.experiments[0].outcomes[0].buckets: at most 16 buckets"));
  CHECK_THAT(refusal(replaced(kGood, "[0,1,2,3,6]", "[0,2,2]")),
             Catch::StartsWith("config.experiments[0].outcomes[0].buckets[2]: must be larger"));
  CHECK_THAT(refusal(replaced(kGood, "[0,1,2,3,6]", "[1,2]")),
             Catch::StartsWith("config.experiments[0].outcomes[0].buckets[0]: must be 0"));
  CHECK_THAT(refusal(replaced(kGood, "[0,1,2,3,6]", "[0,-1]")),
             Catch::StartsWith("experiments[0].outcomes[0].buckets[1]:"));
  CHECK_THAT(refusal(replaced(kGood, "\"period_seconds\":604800", "\"period_seconds\":1000")),
             Catch::StartsWith("config.experiments[0].period_seconds: must be a positive multiple of epoch_seconds"));
  CHECK_THAT(refusal(replaced(kGood, "\"epsilon\":2", "\"epsilon\":9")),
             Catch::StartsWith("config.experiments[0].outcomes[0].epsilon:"));
  CHECK_THAT(refusal(replaced(kGood, "\"id\":\"plain\"", "\"id\":\"a/b\"")),
             Catch::StartsWith("config.experiments[0].id: must not contain '/'"));
  CHECK_THAT(refusal(replaced(kGood, "\"id\":\"plain\"", "\"colour\":\"red\"")),
             Catch::StartsWith("experiments[0].colour: unknown key"));
  CHECK_THAT(refusal(R"({"id":"plain","holdout_share":0.1,"outcomes":[]})"),
             Catch::StartsWith("config.experiments[0].outcomes: at least one outcome"));
  CHECK_THAT(refusal(kGood + "," + kGood), Catch::StartsWith("config.experiments[1].id: duplicate experiment id"));
  CHECK_THAT(refusal(replaced(kGood, "\"id\":\"days\",", "\"id\":\"orders\",")),
             Catch::StartsWith("config.experiments[0].outcomes[1].id: duplicate outcome id"));
}

TEST_CASE("an outcome counts the epoch's share-granted signals and falls in its bucket") {
  proto::Outcome orders;
  orders.set_source(proto::ORDERS);
  for (const std::uint32_t start : {0U, 1U, 2U, 3U, 6U}) orders.add_bucket_starts(start);
  CHECK(sync::bucket_of(0, orders) == 0);
  CHECK(sync::bucket_of(2, orders) == 2);
  CHECK(sync::bucket_of(3, orders) == 3);
  CHECK(sync::bucket_of(5, orders) == 3);
  CHECK(sync::bucket_of(6, orders) == 4);
  CHECK(sync::bucket_of(600, orders) == 4);

  constexpr std::int64_t kDay = 24LL * 3600 * 1000;
  std::vector<Signal> week;
  const auto add = [&](SignalType type, std::int64_t at) {
    Signal s;
    s.type = type;
    s.item = "x";
    s.at = at;
    week.push_back(s);
  };
  add(SignalType::kOrder, 1 * kDay);
  add(SignalType::kOrder, 1 * kDay + 5);
  add(SignalType::kView, 2 * kDay);
  add(SignalType::kVisit, 3 * kDay);
  add(SignalType::kOrder, 4 * kDay);

  ConsentStates states;
  states.states[static_cast<std::size_t>(DataCategory::kPurchases) * kAllUses.size() + static_cast<std::size_t>(Use::kShare)] =
      ConsentState::kGranted;
  const sync::ShareGrants purchases{states};
  CHECK(sync::outcome_count(orders, week, purchases).count == 3);
  CHECK(sync::outcome_count(orders, week, purchases).from == sync::mask_of(DataCategory::kPurchases));
  CHECK(sync::outcome_count(orders, week, sync::ShareGrants{}).count == 0);  // not shared: nothing counted

  proto::Outcome days = orders;
  days.set_source(proto::ACTIVE_DAYS);
  CHECK(sync::outcome_count(days, week, purchases).count == 2);  // days 1 and 4: views and visits are not shared
}

// Property: whatever the interleaving of consent changes and signals, no
// stored signal and no profile entry of a category that is not granted
// survives a call, and the ledger always verifies.
//
// Each data category writes its own category paths and attribute keys, so a
// leak is visible by name in the export and the profile.
#include <random>

#include "common/json.hpp"
#include "support/sdk_harness.hpp"
#include "support/numbered.hpp"

using namespace sdk_test;
using confidant::testing::numbered;

namespace {

struct Kind {
  DataCategory category;
  SignalType type;
  std::string prefix;  // category path root and attribute key of this kind
};

const std::vector<Kind> kKinds = {
    {DataCategory::kBrowsing, SignalType::kView, "browsed"},
    {DataCategory::kSearch, SignalType::kSearch, "searched"},
    {DataCategory::kPurchases, SignalType::kOrder, "ordered"},
    {DataCategory::kPurchases, SignalType::kPurchase, "bought"},
    {DataCategory::kLocation, SignalType::kVisit, "visited"},
};

Signal make(const Kind& kind, int n, bool sensitive) {
  Signal s;
  s.type = kind.type;
  if (kind.type == SignalType::kSearch) s.query = numbered("q", n);
  else s.item = kind.prefix + "-item-" + std::to_string(n);
  s.categories = {(sensitive ? "health/" : "") + kind.prefix + "/c" + std::to_string(n % 3)};
  s.attrs = {{kind.prefix + "_attr", numbered("v", n % 2)}};
  return s;
}

// The kinds whose data may be kept right now.
bool allowed(const ConsentStates& states, const Kind& kind) {
  return states.granted(kind.category, Use::kPersonalize);
}

bool mentions(const std::string& text, const std::string& prefix) {
  return text.find(prefix + "/") != std::string::npos || text.find(prefix + "_attr") != std::string::npos ||
         text.find(prefix + "-item") != std::string::npos;
}

void check_invariants(Harness& h) {
  auto states = h.sdk->consent();
  REQUIRE(states);
  const std::string exported = h.exported();
  auto doc = json::parse(exported);
  REQUIRE(doc);
  const json::Value* signals = doc->find("signals");
  REQUIRE(signals != nullptr);
  Profile profile = h.profile();
  std::vector<std::string> profile_targets;
  for (const auto& i : profile.interests) profile_targets.push_back(i.target);
  for (const auto& u : profile.usual) profile_targets.push_back(u.attribute + "=" + u.value);
  for (const auto& s : profile.suppressions) profile_targets.push_back(s.target);

  for (const Kind& kind : kKinds) {
    if (allowed(states.value(), kind)) continue;
    // No other kind shares this prefix, except the two purchase kinds, which share the category.
    for (const json::Value& signal : signals->as_array()) {
      INFO(json::serialize(signal));
      CHECK_FALSE(mentions(json::serialize(signal), kind.prefix));
    }
    for (const std::string& target : profile_targets) {
      INFO(target);
      CHECK_FALSE(mentions(target, kind.prefix));
    }
    // What the ranking learned (hours of day per category, impressions per
    // item) is derived data too.
    const std::string learned = json::serialize(*doc->find("ranking"));
    INFO(learned);
    CHECK_FALSE(mentions(learned, kind.prefix));
  }
  if (!states->granted(DataCategory::kSensitive, Use::kPersonalize)) {
    CHECK(exported.find("health/") == std::string::npos);
  }
  const json::Value* chain = doc->find("consent")->find("chain");
  REQUIRE(chain != nullptr);
  CHECK(chain->find("intact")->as_bool());
}

}  // namespace

TEST_CASE("Random interleavings of consent changes and signals never keep data of a category that is not granted") {
  const std::vector<DataCategory> categories = {DataCategory::kBrowsing, DataCategory::kSearch,
                                                DataCategory::kPurchases, DataCategory::kLocation,
                                                DataCategory::kSensitive};
  for (const unsigned seed : {1u, 2u, 3u, 4u}) {
    INFO("seed " << seed);
    Harness h;
    std::mt19937 rng(seed);
    for (int step = 0; step < 120; ++step) {
      const unsigned roll = rng() % 10;
      h.clock->advance(static_cast<std::int64_t>(rng() % 3600000));
      if (roll < 2) {
        const DataCategory c = categories[rng() % categories.size()];
        if (rng() % 2 == 0) h.grant({c});
        else h.deny({c});
        check_invariants(h);
      } else if (roll < 9) {
        const Kind& kind = kKinds[rng() % kKinds.size()];
        const Status st = h.sdk->track(make(kind, static_cast<int>(rng() % 50), rng() % 5 == 0));
        CHECK((st.is_ok() || st.code() == ErrorCode::kNotPermitted));
      } else {
        h.flush();
        check_invariants(h);
      }
    }
    h.reopen();
    check_invariants(h);
  }
}

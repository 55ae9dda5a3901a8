// Property: whatever the profile, the candidates and the consent, no result
// ever comes from a blocked category, attribute value or item, nor is
// sensitive without the `sensitive` grant; results are unique, within the
// limit, a non-personal list carries no personal reason, and the Ranker's
// cached index gives the list a fresh one gives.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "profile/target.hpp"
#include "ranking_test_util.hpp"

namespace {

using namespace ranking_test;

const std::vector<std::string> kPaths = {
    "drinks/coffee/latte", "drinks/tea",      "food/pasta",          "food/bakery/croissant", "fashion/tops",
    "fashion/lingerie",    "health",          "health/vitamins",     "baby",                  "baby/pregnancy",
    "footwear/boots",      "electronics/phones", "finance/hardship", "rooms/suite",           "amenities/spa",
    "garden/tools"};
const std::vector<std::string> kBlockable = {"fashion", "drinks/tea", "footwear/boots", "garden", "electronics/phones"};
const std::set<std::string> kNonPersonalCodes = {"popular", "general", "related_to_item"};

bool blocked(const ProfileState& profile, const Candidate& c) {
  const auto& preferences = profile.preferences();
  if (preferences.blocks_item(c.id)) return true;
  for (const auto& [key, value] : c.attrs) {
    if (preferences.blocks_attribute(key, value)) return true;
  }
  for (const std::string& path : c.categories) {
    if (preferences.blocks_path(path)) return true;
  }
  return false;
}

bool sensitive(const ProfileState& profile, const Candidate& c) {
  return c.sensitive || profile.taxonomy().any_sensitive(c.categories);
}

TEST_CASE("property: nothing blocked, nothing sensitive without consent, no personal reason without consent") {
  std::mt19937_64 random(20261120);
  const auto pick = [&random](const auto& from) { return from[random() % from.size()]; };
  const auto chance = [&random](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };

  for (int round = 0; round < 40; ++round) {
    Person p;
    const bool sensitive_granted = chance(0.5);
    std::vector<Signal> history;
    for (int i = 0; i < 60; ++i) {
      const std::string path = pick(kPaths);
      if (p.profile->taxonomy().is_sensitive(path) && !sensitive_granted) continue;  // dropped at ingestion
      const SignalType type = pick(std::vector<SignalType>{SignalType::kView, SignalType::kOrder, SignalType::kClick,
                                                           SignalType::kImpression, SignalType::kDismiss,
                                                           SignalType::kPurchase});
      std::map<std::string, std::string> attrs;
      if (chance(0.4)) attrs["colour"] = pick(std::vector<std::string>{"red", "blue", "green"});
      history.push_back(signal(type, kT0 - static_cast<std::int64_t>(random() % (30 * kDay)),
                               "item-" + std::to_string(random() % 40), {path}, attrs));
    }
    p.ingest(history);
    for (int i = 0; i < 3; ++i) {
      if (chance(0.5)) p.prefer(PreferenceKind::kBlock, pick(kBlockable));
    }
    if (chance(0.5)) p.prefer(PreferenceKind::kBlock, "colour=red");
    if (chance(0.5)) p.prefer(PreferenceKind::kBlock, "item:item-" + std::to_string(random() % 40));
    if (chance(0.5)) p.prefer(PreferenceKind::kLike, pick(kPaths));
    if (chance(0.3)) p.prefer(PreferenceKind::kLike, "colour=red");  // may lift the block on it

    std::vector<Candidate> candidates;
    const int count = 5 + static_cast<int>(random() % 60);
    for (int i = 0; i < count; ++i) {
      Candidate c = candidate("item-" + std::to_string(i), {pick(kPaths)}, static_cast<double>(random() % 101) / 100);
      if (chance(0.3)) c.categories.push_back(pick(kPaths));
      if (c.categories.size() == 2 && c.categories[0] == c.categories[1]) c.categories.pop_back();
      if (chance(0.4)) c.attrs["colour"] = pick(std::vector<std::string>{"red", "blue", "green"});
      c.sensitive = chance(0.05);
      if (chance(0.3)) c.related["item-" + std::to_string(random() % 40)] = static_cast<double>(random() % 101) / 100;
      candidates.push_back(std::move(c));
    }

    for (const ConsentFacts consent : {ConsentFacts{true, false, sensitive_granted}, ConsentFacts{true, true, false},
                                       ConsentFacts{false, false, sensitive_granted}}) {
      p.consent = consent;
      RankRequest request;
      request.limit = 1 + random() % 25;
      request.seed = random();
      request.variety = chance(0.7);
      request.max_per_category = 1 + random() % 5;
      request.exploration_share = chance(0.5) ? 0.1 : 0.3;
      if (chance(0.3)) request.slot = Slot::related_to("item-" + std::to_string(random() % count));
      if (chance(0.3)) request.moment = pick(std::vector<std::string>{"morning_commute", "check_in", "lunch", "x"});
      const std::int64_t now = kT0 + static_cast<std::int64_t>(random() % kDay);
      const auto items = p.rank(candidates, request, now);

      INFO("round " << round << ", personal " << consent.personal() << ", sensitive " << consent.sensitive);
      CHECK(items.size() <= request.limit);
      // The Ranker's cached index answers as a fresh one would.
      auto fresh = confidant::ranking::rank({p.profile.get(), consent, now, &p.ranker->learned(), nullptr, nullptr},
                                            candidates, request);
      REQUIRE(fresh);
      CHECK(ids(fresh.value()) == ids(items));
      std::set<std::string> seen;
      for (const RankedItem& item : items) {
        CHECK(seen.insert(item.id).second);
        const auto it = std::find_if(candidates.begin(), candidates.end(),
                                     [&item](const Candidate& c) { return c.id == item.id; });
        REQUIRE(it != candidates.end());
        CHECK_FALSE(blocked(*p.profile, *it));
        if (!consent.sensitive) CHECK_FALSE(sensitive(*p.profile, *it));
        if (request.slot.kind == Slot::Kind::kRelated) CHECK(item.id != request.slot.item);
        REQUIRE_FALSE(item.reasons.empty());
        if (!consent.personal()) {
          CHECK_FALSE(item.exploration);
          for (const confidant::Reason& r : item.reasons) CHECK(kNonPersonalCodes.count(r.code) == 1);
        }
      }
      // Everything allowed is listed, up to the limit: filters remove, never lose.
      std::size_t allowed = 0;
      for (const Candidate& c : candidates) {
        const bool same = request.slot.kind == Slot::Kind::kRelated && c.id == request.slot.item;
        if (!blocked(*p.profile, c) && (consent.sensitive || !sensitive(*p.profile, c)) && !same) ++allowed;
      }
      if (!consent.personal() && request.slot.kind == Slot::Kind::kHome) {
        CHECK(items.size() == std::min<std::size_t>(request.limit, allowed));
      }
    }
  }
}

}  // namespace

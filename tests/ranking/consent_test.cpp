// Without personalization consent, or while paused, the ranking is
// non-personal: popularity order (ties in the app's order), no
// profile-derived filter, no learner, and no reason that mentions the person.
#include <catch2/catch.hpp>

#include <set>

#include "ranking_test_util.hpp"

namespace {

using namespace ranking_test;

const std::set<std::string> kNonPersonalCodes = {"popular", "general", "related_to_item"};

std::vector<Candidate> menu() {
  return {candidate("latte-1", {"drinks/coffee/latte"}, 0.3, {{"milk", "oat"}}),
          candidate("juice-1", {"drinks/juice"}, 0.9), candidate("tea-1", {"drinks/tea"}, 0.3),
          candidate("croissant-1", {"food/bakery/croissant"}, 0.6), candidate("muffin-1", {"food/bakery"}, 0.1)};
}

void make_a_regular(Person& p) {
  std::vector<Signal> orders;
  for (int day = 0; day < 10; ++day) {
    orders.push_back(signal(SignalType::kOrder, kT0 + day * kDay, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
  }
  orders.push_back(signal(SignalType::kDismiss, kT0, "muffin-1", {"food/bakery"}));
  p.ingest(orders);
  p.prefer(PreferenceKind::kLike, "drinks/tea", "I love tea");
}

TEST_CASE("not granted, or paused: popularity order, no personal reason, profile unused") {
  Person p;
  make_a_regular(p);
  const std::int64_t now = kT0 + 10 * kDay;
  const auto personal_list = p.rank(menu(), plain(), now);
  CHECK(personal_list.front().id == "tea-1");  // stated
  CHECK(position(personal_list, "latte-1") == 1);
  CHECK_FALSE(contains(personal_list, "muffin-1"));  // dismissed

  for (const ConsentFacts consent : {nothing_granted(), ConsentFacts{true, true, true}}) {
    INFO("paused: " << consent.paused);
    p.consent = consent;
    const auto items = p.rank(menu(), RankRequest{}, now);
    // Popularity; latte-1 and tea-1 tie at 0.3 and keep the app's order.
    CHECK(ids(items) == std::vector<std::string>{"juice-1", "croissant-1", "latte-1", "tea-1", "muffin-1"});
    for (const RankedItem& item : items) {
      CHECK_FALSE(item.exploration);
      REQUIRE_FALSE(item.reasons.empty());
      for (const confidant::Reason& r : item.reasons) CHECK(kNonPersonalCodes.count(r.code) == 1);
    }
    CHECK(items[0].reasons.front().code == "popular");
    CHECK(items[0].reasons.front().text == "Popular right now");
    CHECK(items[4].reasons.front().code == "general");
    CHECK(items[0].score == Approx(0.45));  // weight 0.5 x popularity 0.9: no learner, no profile
  }
}

TEST_CASE("a non-personal ranking teaches the learner nothing") {
  Person p;
  p.consent = nothing_granted();
  const auto items = p.rank(menu(), RankRequest{}, kT0);
  p.ingest(signal(SignalType::kClick, kT0 + 60'000, items.front().id, {"drinks/juice"}));
  CHECK(p.ranker->learned().learner.updates == 0);
}

TEST_CASE("consent facts from the consent states") {
  confidant::ConsentStates states;
  CHECK_FALSE(ConsentFacts::from(states, false).personal());
  const auto set = [&states](confidant::DataCategory category, confidant::Use use) {
    states.states[static_cast<std::size_t>(category) * confidant::kAllUses.size() + static_cast<std::size_t>(use)] =
        confidant::ConsentState::kGranted;
  };
  set(confidant::DataCategory::kPurchases, confidant::Use::kShare);
  CHECK_FALSE(ConsentFacts::from(states, false).personal());  // share is not personalize
  set(confidant::DataCategory::kSensitive, confidant::Use::kPersonalize);
  CHECK_FALSE(ConsentFacts::from(states, false).personal());  // sensitive alone allows nothing
  CHECK(ConsentFacts::from(states, false).sensitive);
  set(confidant::DataCategory::kPurchases, confidant::Use::kPersonalize);
  CHECK(ConsentFacts::from(states, false).personal());
  CHECK_FALSE(ConsentFacts::from(states, true).personal());
}

}  // namespace

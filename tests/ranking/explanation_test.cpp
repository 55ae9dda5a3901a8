// Explanations: built from the terms that produced the score, strongest
// first, with stable codes, parameters and English text; and why() for the
// last list.
#include <catch2/catch.hpp>

#include <set>

#include "ranking_test_util.hpp"

namespace {

using namespace ranking_test;

const std::set<std::string> kCodes = {"stated_like",       "stated_dislike",  "usual_attribute", "category_interest",
                                      "attribute_interest", "item_history",   "related_to_recent", "related_to_item",
                                      "popular",           "time_of_day",     "moment",          "new_for_you",
                                      "general",           "no_personal_evidence"};

TEST_CASE("a personal list says of an item that owes nothing to the person that it is not personalized") {
  Person p;
  p.ingest(signal(SignalType::kOrder, kT0 - kDay, "burger-1", {"food/burgers"}));
  const std::vector<Candidate> candidates = {candidate("kite-1", {"toys/kites"}, 0.9),
                                            candidate("burger-2", {"food/burgers"}, 0.2),
                                            candidate("yoyo-1", {"toys/yoyos"}, 0.1)};
  const auto items = p.rank(candidates, plain(), kT0);
  const RankedItem& kite = find(items, "kite-1");
  REQUIRE(kite.reasons.size() == 2);
  CHECK(kite.reasons[0].code == "popular");
  CHECK(kite.reasons[1].code == "no_personal_evidence");
  CHECK(kite.reasons[1].text == "Not personalized: nothing you've shared points to this yet");
  CHECK(find(items, "yoyo-1").reasons.at(0).code == "general");
  CHECK(find(items, "yoyo-1").reasons.at(1).code == "no_personal_evidence");
  CHECK_FALSE(has_reason(find(items, "burger-2"), "no_personal_evidence"));

  // A list that is not personal at all (no consent) claims nothing either way.
  p.consent = ConsentFacts{false, false, false};
  for (const RankedItem& item : p.rank(candidates, plain(), kT0)) {
    INFO(item.id);
    CHECK_FALSE(has_reason(item, "no_personal_evidence"));
  }
}

TEST_CASE("each term that produced a score is named, strongest first, with its parameters") {
  Person p;
  std::vector<Signal> history;
  for (int i = 0; i < 5; ++i) {
    history.push_back(signal(SignalType::kOrder, kT0 - 2 * kDay + i * 60'000, "burger-1", {"food/burgers"}));
    history.push_back(signal(SignalType::kView, kT0 - 3 * kDay + i * 60'000, "lamp-1", {"home/lighting"}, {{"colour", "brass"}}));
  }
  p.ingest(history);

  Candidate fries = candidate("fries-1", {"food/sides"}, 0.1);
  fries.related = {{"burger-1", 0.9}, {"unknown-7", 1.0}};
  const std::vector<Candidate> candidates = {fries, candidate("burger-1", {"food/burgers"}, 0.2),
                                            candidate("lamp-2", {"home/lighting/desk"}, 0.1, {{"colour", "brass"}}),
                                            candidate("vase-1", {"home/decor"}, 0.8)};
  const auto items = p.rank(candidates, plain(), kT0);

  const RankedItem& burger = find(items, "burger-1");
  CHECK(reason(burger, "item_history").text == "You've ordered this before");
  CHECK(reason(burger, "item_history").params.at("verb") == "order");
  CHECK(reason(burger, "category_interest").text == "Based on your interest in burgers");
  CHECK(reason(burger, "category_interest").params.at("category") == "food/burgers");

  const RankedItem& side = find(items, "fries-1");
  CHECK(reason(side, "related_to_recent").text == "Related to something you ordered recently");
  CHECK(reason(side, "related_to_recent").params.at("item") == "burger-1");

  const RankedItem& lamp = find(items, "lamp-2");
  // Interest in the parent path, named as such.
  CHECK(reason(lamp, "category_interest").text == "Based on your interest in lighting");
  CHECK(reason(lamp, "attribute_interest").text == "Based on your interest in brass colour");
  CHECK(reason(lamp, "attribute_interest").params.at("attribute") == "colour=brass");

  CHECK(reason(find(items, "vase-1"), "popular").text == "Popular right now");

  for (const RankedItem& item : items) {
    REQUIRE_FALSE(item.reasons.empty());
    CHECK(item.reasons.size() <= 4);
    for (const confidant::Reason& r : item.reasons) {
      CHECK(kCodes.count(r.code) == 1);
      CHECK_FALSE(r.text.empty());
      CHECK(r.text.back() != '.');
    }
  }
}

TEST_CASE("reasons come strongest first") {
  Person p;
  for (int i = 0; i < 3; ++i) {
    p.ingest(signal(SignalType::kOrder, kT0 - i * kDay, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
  }
  RankRequest request = plain();
  request.moment = "morning_commute";
  const auto items = p.rank({candidate("latte-1", {"drinks/coffee/latte"}, 0.3, {{"milk", "oat"}})}, request, kT0 + kHour);
  std::vector<std::string> codes;
  for (const confidant::Reason& r : items.front().reasons) codes.push_back(r.code);
  // moment 2.0, usual 1.2, then interest (~0.74 x 1.0) before item history (~0.74 x 0.8);
  // time of day (~0.35) and the attribute (~0.3) do not make the four.
  CHECK(codes == std::vector<std::string>{"moment", "usual_attribute", "category_interest", "item_history"});
}

TEST_CASE("why() answers from the last list, explain() also for what it left out") {
  Person p;
  const std::vector<Candidate> candidates = {candidate("a", {"drinks/tea"}, 0.9), candidate("b", {"drinks/juice"}, 0.5),
                                            candidate("c", {"drinks/juice"}, 0.1)};
  CHECK_FALSE(p.ranker->why("a"));  // nothing ranked yet
  const auto items = p.rank(candidates, plain(2), kT0);
  auto why = p.ranker->why("b");
  REQUIRE(why);
  CHECK(why->score == items[1].score);
  CHECK(why->reasons.at(0).code == items[1].reasons.at(0).code);
  auto missing = p.ranker->why("c");
  REQUIRE_FALSE(missing);
  CHECK(missing.status().message() == "item: 'c' was not in the last ranking");

  auto below = p.ranker->explain(*p.profile, p.consent, kT0, candidates, plain(2), "c");
  REQUIRE(below);
  CHECK(below->score > 0);
  CHECK(below->reasons.at(0).code == "general");
  auto unknown = p.ranker->explain(*p.profile, p.consent, kT0, candidates, plain(2), "zzz");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.status().message() == "item: 'zzz' is not among the candidates");
}

}  // namespace

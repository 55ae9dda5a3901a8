// The hard rules at ranking level: scenario 1 (the battery bought
// elsewhere), scenario 3 (a related slot never shows the item or its
// near-duplicates), scenario 7 (a blocked category is never used), sensitive
// items without consent, dismissals and the per-day frequency cap.
#include <catch2/catch.hpp>

#include "ranking_test_util.hpp"

namespace {

using namespace ranking_test;

const std::vector<std::string> kBatteryPath = {"electronics/camera/batteries"};

std::vector<Candidate> camera_shop() {
  return {candidate("battery-1", kBatteryPath, 0.4), candidate("battery-2", kBatteryPath, 0.4),
          candidate("lens-1", {"electronics/camera/lenses"}, 0.4),
          candidate("headphones-1", {"electronics/audio/headphones"}, 0.4),
          candidate("boots-1", {"footwear/boots"}, 0.4)};
}

TEST_CASE("scenario 1: 'I already have this' removes the battery and its near-duplicates at once, for 180 days") {
  Person p;
  for (int i = 0; i < 4; ++i) p.ingest(signal(SignalType::kView, kT0 + i * kHour, "battery-1", kBatteryPath));
  const auto before = p.rank(camera_shop(), plain(), kT0 + 5 * kHour);
  CHECK(before.front().id == "battery-1");  // browsed four times: the strongest interest

  const std::int64_t said = kT0 + 6 * kHour;
  p.ingest(signal(SignalType::kAlreadyHave, said, "battery-1", kBatteryPath));
  for (const std::int64_t at : {said, said + kHour, said + 90 * kDay, said + 179 * kDay}) {
    const auto after = p.rank(camera_shop(), plain(), at);
    INFO("at +" << (at - said) / kHour << " h");
    CHECK_FALSE(contains(after, "battery-1"));
    CHECK_FALSE(contains(after, "battery-2"));  // the same leaf category: a near-duplicate
    CHECK(contains(after, "lens-1"));           // a sibling category is not suppressed
  }
  // After the durable period it may return.
  CHECK(contains(p.rank(camera_shop(), plain(), said + 181 * kDay), "battery-1"));

  SECTION("why() says so") {
    auto why = p.ranker->explain(*p.profile, p.consent, said + kHour, camera_shop(), plain(), "battery-1");
    REQUIRE(why);
    CHECK(why->score == 0);
    REQUIRE(why->reasons.size() == 1);
    CHECK(why->reasons[0].code == "already_have");
    CHECK(why->reasons[0].text == "You told us you already have this");
  }
}

TEST_CASE("scenario 1: buying a durable removes it too, a consumable bought is ordered again") {
  Person p;
  p.ingest(signal(SignalType::kPurchase, kT0, "battery-1", kBatteryPath));
  const auto after = p.rank(camera_shop(), plain(), kT0 + kHour);
  CHECK_FALSE(contains(after, "battery-1"));
  auto why = p.ranker->explain(*p.profile, p.consent, kT0 + kHour, camera_shop(), plain(), "battery-2");
  REQUIRE(why);
  CHECK(why->reasons.at(0).code == "bought");

  p.ingest(signal(SignalType::kPurchase, kT0, "latte-1", {"drinks/coffee/latte"}));
  const auto menu = p.rank({candidate("latte-1", {"drinks/coffee/latte"}), candidate("tea-1", {"drinks/tea"})},
                           plain(), kT0 + kHour);
  CHECK(menu.front().id == "latte-1");
  CHECK(has_reason(menu.front(), "item_history"));
}

TEST_CASE("scenario 1: a durable bought long ago gets no boost for having been bought") {
  Person p;
  p.ingest(signal(SignalType::kPurchase, kT0, "battery-1", kBatteryPath));
  const std::int64_t later = kT0 + 200 * kDay;  // past the suppression
  const auto items = p.rank(camera_shop(), plain(), later);
  REQUIRE(contains(items, "battery-1"));
  CHECK_FALSE(has_reason(find(items, "battery-1"), "item_history"));
}

TEST_CASE("dismissed items stay away for 30 days, and say why") {
  Person p;
  p.ingest(signal(SignalType::kDismiss, kT0, "lens-1", {"electronics/camera/lenses"}));
  CHECK_FALSE(contains(p.rank(camera_shop(), plain(), kT0 + kHour), "lens-1"));
  auto why = p.ranker->explain(*p.profile, p.consent, kT0 + kHour, camera_shop(), plain(), "lens-1");
  REQUIRE(why);
  CHECK(why->reasons.at(0).code == "dismissed");
  CHECK(contains(p.rank(camera_shop(), plain(), kT0 + 31 * kDay), "lens-1"));
}

TEST_CASE("scenario 3: a related slot never shows its item nor near-duplicates of it") {
  Person p;
  p.ingest(signal(SignalType::kView, kT0, "camera-1", {"electronics/camera"}, {{"model", "x100"}}));
  Candidate anchor = candidate("camera-1", {"electronics/camera"}, 0.9, {{"model", "x100"}});
  anchor.related = {{"lens-1", 0.6}, {"camera-3", 0.95}};
  Candidate same_thing = candidate("camera-1-black", {"electronics/camera"}, 0.9, {{"model", "x100"}});
  Candidate strongly_related = candidate("camera-2", {"electronics/camera"}, 0.8, {{"model", "x200"}});
  strongly_related.related = {{"camera-1", 0.92}};
  Candidate named_by_anchor = candidate("camera-3", {"electronics/camera"}, 0.8, {{"model", "x300"}});
  Candidate lens = candidate("lens-1", {"electronics/camera/lenses"}, 0.2);
  Candidate strap = candidate("strap-1", {"electronics/camera"}, 0.5, {{"model", "strap"}});
  const std::vector<Candidate> candidates = {anchor, same_thing, strongly_related, named_by_anchor, lens, strap};

  RankRequest request = plain();
  request.slot = Slot::related_to("camera-1");
  for (const ConsentFacts consent : {all_granted(), nothing_granted()}) {
    p.consent = consent;
    const auto items = p.rank(candidates, request, kT0 + kHour);
    INFO("personal: " << consent.personal());
    CHECK(ids(items) == std::vector<std::string>{"lens-1", "strap-1"});
    CHECK(reason(items.front(), "related_to_item").text == "Goes with the item you are looking at");
  }

  p.consent = all_granted();
  for (const auto& [id, code] : std::vector<std::pair<std::string, std::string>>{
           {"camera-1", "same_item"}, {"camera-1-black", "near_duplicate"}, {"camera-2", "near_duplicate"},
           {"camera-3", "near_duplicate"}}) {
    auto why = p.ranker->explain(*p.profile, p.consent, kT0 + kHour, candidates, request, id);
    REQUIRE(why);
    INFO(id);
    CHECK(why->reasons.at(0).code == code);
  }
}

TEST_CASE("scenario 3: without the slot's item among the candidates, its relations still rule") {
  Person p;
  Candidate twin = candidate("camera-2", {"electronics/camera"}, 0.9);
  twin.related = {{"camera-1", 0.9}};
  Candidate lens = candidate("lens-1", {"electronics/camera/lenses"}, 0.1);
  lens.related = {{"camera-1", 0.5}};
  RankRequest request = plain();
  request.slot = Slot::related_to("camera-1");
  const auto items = p.rank({twin, lens}, request, kT0);
  CHECK(ids(items) == std::vector<std::string>{"lens-1"});
}

TEST_CASE("scenario 7: a blocked category is never recommended nor used, even after browsing it") {
  Person p;  // sensitive granted: the person could browse lingerie
  for (int i = 0; i < 6; ++i) {
    p.ingest(signal(SignalType::kView, kT0 + i * kHour, "bra-" + std::to_string(i), {"fashion/lingerie"}));
  }
  p.prefer(PreferenceKind::kBlock, "fashion/lingerie", "", kT0 + 7 * kHour);
  // Signals after the block are dropped by the engine (ProfileState::blocks).
  CHECK(p.profile->blocks(signal(SignalType::kView, kT0 + 8 * kHour, "bra-9", {"fashion/lingerie"})));

  const std::vector<Candidate> candidates = {
      candidate("bra-1", {"fashion/lingerie"}, 0.9), candidate("bra-9", {"fashion/lingerie/new_in"}, 0.9),
      candidate("top-1", {"fashion/tops"}, 0.3), candidate("coat-1", {"fashion/outerwear"}, 0.3),
      candidate("both-1", {"fashion/tops", "fashion/lingerie"}, 0.9)};
  for (const ConsentFacts consent : {all_granted(), nothing_granted()}) {
    p.consent = consent;
    const auto items = p.rank(candidates, plain(), kT0 + 9 * kHour);
    CHECK(ids(items) == std::vector<std::string>{"top-1", "coat-1"});
    // The lingerie browsing no longer lifts "fashion": nothing personal here.
    for (const RankedItem& item : items) CHECK_FALSE(has_reason(item, "category_interest"));
  }
  p.consent = all_granted();
  auto why = p.ranker->explain(*p.profile, p.consent, kT0 + 9 * kHour, candidates, plain(), "bra-9");
  REQUIRE(why);
  CHECK(why->reasons.at(0).code == "blocked");
}

TEST_CASE("blocked items and attribute values are never shown") {
  Person p;
  p.prefer(PreferenceKind::kBlock, "item:latte-2");
  p.prefer(PreferenceKind::kBlock, "milk=whole");
  const auto items = p.rank({candidate("latte-1", {"drinks/coffee/latte"}, 0.5, {{"milk", "oat"}}),
                             candidate("latte-2", {"drinks/coffee/latte"}, 0.9),
                             candidate("latte-3", {"drinks/coffee/latte"}, 0.9, {{"milk", "whole"}})},
                            plain(), kT0);
  CHECK(ids(items) == std::vector<std::string>{"latte-1"});

  SECTION("also when the texts are not ASCII (the candidate takes the full check)") {
    p.prefer(PreferenceKind::kBlock, "item:thé-2");
    p.prefer(PreferenceKind::kBlock, "lait=crème");
    const auto accented = p.rank({candidate("thé-1", {"drinks/tea"}, 0.5, {{"lait", "avoine"}}),
                                  candidate("thé-2", {"drinks/tea"}, 0.9),
                                  candidate("thé-3", {"drinks/tea"}, 0.9, {{"lait", "crème"}})},
                                 plain(), kT0);
    CHECK(ids(accented) == std::vector<std::string>{"thé-1"});
  }
}

TEST_CASE("sensitive candidates need the `sensitive` grant, whether flagged or in a sensitive path") {
  Person p;
  Candidate flagged = candidate("vitamins-1", {"food/bakery"}, 0.9);
  flagged.sensitive = true;
  const std::vector<Candidate> candidates = {flagged, candidate("test-kit-1", {"baby/pregnancy"}, 0.9),
                                            candidate("croissant-1", {"food/bakery/croissant"}, 0.1),
                                            candidate("stroller-1", {"baby"}, 0.5)};
  for (const ConsentFacts consent : {personal(), nothing_granted(), ConsentFacts{true, true, false}}) {
    p.consent = consent;
    CHECK(ids(p.rank(candidates, plain(), kT0)) == std::vector<std::string>{"stroller-1", "croissant-1"});
  }
  p.consent = all_granted();
  CHECK(ids(p.rank(candidates, plain(), kT0)) ==
        std::vector<std::string>{"vitamins-1", "test-kit-1", "stroller-1", "croissant-1"});
  p.consent = personal();
  auto why = p.ranker->explain(*p.profile, p.consent, kT0, candidates, plain(), "test-kit-1");
  REQUIRE(why);
  CHECK(why->reasons.at(0).code == "sensitive");
}

TEST_CASE("frequency cap: three unchosen impressions today, then not again until tomorrow or a click") {
  Person p;
  const std::vector<Candidate> candidates = {candidate("muffin-1", {"food/bakery"}, 0.9),
                                            candidate("croissant-1", {"food/bakery/croissant"}, 0.5)};
  const std::int64_t morning = kT0;  // 08:00 UTC
  for (int i = 0; i < 2; ++i) p.ingest(signal(SignalType::kImpression, morning + i * kHour, "muffin-1"));
  CHECK(contains(p.rank(candidates, plain(), morning + 3 * kHour), "muffin-1"));
  p.ingest(signal(SignalType::kImpression, morning + 3 * kHour, "muffin-1"));
  CHECK_FALSE(contains(p.rank(candidates, plain(), morning + 4 * kHour), "muffin-1"));
  auto why = p.ranker->explain(*p.profile, p.consent, morning + 4 * kHour, candidates, plain(), "muffin-1");
  REQUIRE(why);
  CHECK(why->reasons.at(0).code == "shown_often");
  CHECK(why->reasons.at(0).text == "Already shown to you 3 times today");

  SECTION("the count survives a restart") {
    p.restart();
    CHECK_FALSE(contains(p.rank(candidates, plain(), morning + 5 * kHour), "muffin-1"));
  }
  SECTION("tomorrow it may be shown again") {
    CHECK(contains(p.rank(candidates, plain(), morning + kDay), "muffin-1"));
  }
  SECTION("choosing it clears the count: the daily favourite is never capped") {
    p.ingest(signal(SignalType::kClick, morning + 5 * kHour, "muffin-1", {"food/bakery"}));
    CHECK(contains(p.rank(candidates, plain(), morning + 6 * kHour), "muffin-1"));
  }
  SECTION("a non-personal list does not read the count") {
    p.consent = nothing_granted();
    CHECK(contains(p.rank(candidates, plain(), morning + 4 * kHour), "muffin-1"));
  }
}

}  // namespace

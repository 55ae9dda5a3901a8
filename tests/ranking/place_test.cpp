// Place: what the person orders where. Learned from location-consented
// visits followed by orders, used only when the app says where the person
// is and location is granted.
#include "ranking_test_util.hpp"

using namespace ranking_test;

namespace {

// Mornings at the airport kiosk (tea) and afternoons at the corner cafe
// (latte), for two weeks; a little general interest in both.
void two_weeks_of_places(Person& p) {
  std::vector<Signal> batch;
  for (int day = 0; day < 14; ++day) {
    const std::int64_t morning = kT0 + day * kDay;
    batch.push_back(signal(SignalType::kVisit, morning, "place:airport-kiosk"));
    batch.push_back(signal(SignalType::kOrder, morning + 20 * 60'000, "tea-1", {"drinks/tea"}));
    const std::int64_t afternoon = morning + 7 * kHour;
    batch.push_back(signal(SignalType::kVisit, afternoon, "place:corner-cafe"));
    batch.push_back(signal(SignalType::kOrder, afternoon + 10 * 60'000, "latte-1", {"drinks/coffee"}));
  }
  // An order long after any visit is no habit of a place.
  batch.push_back(signal(SignalType::kOrder, kT0 + 13 * kDay + 12 * kHour, "cake-1", {"food/cake"}));
  p.ingest(batch);
}

std::vector<Candidate> menu() {
  return {candidate("tea-1", {"drinks/tea"}, 0.5), candidate("latte-1", {"drinks/coffee"}, 0.5),
          candidate("cake-1", {"food/cake"}, 0.5)};
}

RankRequest at(const std::string& place) {
  RankRequest request = plain();
  request.place = place;
  return request;
}

ConsentFacts with_location() {
  ConsentFacts facts = all_granted();
  facts.location = true;
  return facts;
}

}  // namespace

TEST_CASE("at a place, what the person orders there comes first, and the reason says so") {
  Person p;
  p.consent = with_location();
  two_weeks_of_places(p);
  const std::int64_t noon = kT0 + 14 * kDay + 4 * kHour;  // neither morning nor afternoon habit hour

  const auto kiosk = p.rank(menu(), at("place:airport-kiosk"), noon);
  CHECK(kiosk.front().id == "tea-1");
  REQUIRE(has_reason(kiosk.front(), "at_this_place"));
  CHECK(reason(kiosk.front(), "at_this_place").text == "You often order this here");
  CHECK(reason(kiosk.front(), "at_this_place").params.at("place") == "place:airport-kiosk");
  CHECK(reason(kiosk.front(), "at_this_place").params.at("category") == "drinks/tea");
  CHECK_FALSE(has_reason(find(kiosk, "latte-1"), "at_this_place"));

  const auto cafe = p.rank(menu(), at("place:corner-cafe"), noon);
  CHECK(cafe.front().id == "latte-1");
  CHECK(has_reason(cafe.front(), "at_this_place"));
  CHECK(find(cafe, "tea-1").score < find(kiosk, "tea-1").score);

  SECTION("an unknown place, or none, changes nothing") {
    const auto nowhere = p.rank(menu(), plain(), noon);
    const auto elsewhere = p.rank(menu(), at("place:somewhere-else"), noon);
    REQUIRE(ids(nowhere) == ids(elsewhere));
    for (const RankedItem& item : nowhere) {
      CHECK_FALSE(has_reason(item, "at_this_place"));
      CHECK(find(elsewhere, item.id).score == item.score);
    }
  }
  SECTION("without location consent the place is ignored") {
    p.consent = all_granted();
    const auto ignored = p.rank(menu(), at("place:airport-kiosk"), noon);
    const auto nowhere = p.rank(menu(), plain(), noon);
    for (const RankedItem& item : ignored) {
      CHECK_FALSE(has_reason(item, "at_this_place"));
      CHECK(find(nowhere, item.id).score == item.score);
    }
  }
  SECTION("the habits survive a restart") {
    p.restart();
    const auto again = p.rank(menu(), at("place:airport-kiosk"), noon);
    REQUIRE(ids(again) == ids(kiosk));
    for (std::size_t i = 0; i < again.size(); ++i) CHECK(again[i].score == kiosk[i].score);
  }
  SECTION("forgetting the place, or the category, forgets the habit, durably") {
    auto place = confidant::profile::parse_target("item:place:airport-kiosk");
    REQUIRE(place);
    p.t.exec("BEGIN");
    require_ok(p.ranker->forget(*p.t.store, place.value()));
    p.t.exec("COMMIT");
    auto coffee = confidant::profile::parse_target("drinks/coffee");
    REQUIRE(coffee);
    p.t.exec("BEGIN");
    require_ok(p.ranker->forget(*p.t.store, coffee.value()));
    p.t.exec("COMMIT");
    p.restart();
    for (const RankedItem& item : p.rank(menu(), at("place:airport-kiosk"), noon)) CHECK_FALSE(has_reason(item, "at_this_place"));
    for (const RankedItem& item : p.rank(menu(), at("place:corner-cafe"), noon)) CHECK_FALSE(has_reason(item, "at_this_place"));
    // The cafe held coffee alone: nothing of it is left. The kiosk is gone too.
    CHECK(p.ranker->learned().places.size() == 0);
    CHECK(p.ranker->export_json().find("drinks/coffee") == std::string::npos);
  }
  SECTION("a reset (a withdrawal) forgets every place") {
    p.t.exec("BEGIN");
    require_ok(p.ranker->reset(*p.t.store));
    p.t.exec("COMMIT");
    p.restart();
    CHECK(p.ranker->learned().places.size() == 0);
  }
}

TEST_CASE("only orders soon after a visit count towards the place") {
  Person p;
  p.consent = with_location();
  p.ingest({signal(SignalType::kVisit, kT0, "place:kiosk"),
            signal(SignalType::kOrder, kT0 + 3 * kHour, "tea-1", {"drinks/tea"}),       // too late
            signal(SignalType::kView, kT0 + 10 * 60'000, "cake-1", {"food/cake"})});   // not an order
  CHECK(p.ranker->learned().places.size() == 0);
  p.ingest(signal(SignalType::kOrder, kT0 + 3 * kHour + 30 * 60'000, "tea-1", {"drinks/tea"}));
  CHECK(p.ranker->learned().places.size() == 0);
  p.ingest({signal(SignalType::kVisit, kT0 + 4 * kHour, "place:kiosk"),
            signal(SignalType::kOrder, kT0 + 5 * kHour, "tea-1", {"drinks/tea/green"})});
  const auto* habit = p.ranker->learned().places.find("place:kiosk");
  REQUIRE(habit != nullptr);
  CHECK(habit->orders == Approx(1.0));
  CHECK(habit->paths.at("drinks/tea") == Approx(1.0));
  CHECK(habit->paths.at("drinks/tea/green") == Approx(1.0));
  CHECK(p.ranker->export_json().find("\"place\":\"place:kiosk\"") != std::string::npos);
}

TEST_CASE("a malformed place is refused, naming the field") {
  Person p;
  RankRequest request = plain();
  request.place = std::string("bad\x01id");
  auto ranked = p.ranker->rank(*p.profile, p.consent, kT0, menu(), request);
  REQUIRE_FALSE(ranked);
  CHECK_THAT(ranked.status().message(), Catch::StartsWith("place"));
}

// Scoring at ranking level: scenario 2 (a one-off search does not take
// over), scenario 4 (the barista knows my order), scenario 5 (stated
// preferences win, proven against the strongest inference the model can
// produce) and scenario 9 (the moment of truth).
#include <catch2/catch.hpp>

#include "ranking/ranking_params.hpp"
#include "ranking_test_util.hpp"

namespace {

using namespace ranking_test;
using confidant::ranking::Component;
using confidant::ranking::index_of;
using confidant::ranking::RankingParams;

std::vector<Candidate> food_menu() {
  return {candidate("pasta-1", {"food/pasta"}, 0.2),       candidate("pasta-2", {"food/pasta"}, 0.2),
          candidate("pasta-3", {"food/pasta"}, 0.2),       candidate("salad-1", {"food/salads"}, 0.6),
          candidate("sandwich-1", {"food/sandwiches"}, 0.6), candidate("croissant-1", {"food/bakery/croissant"}, 0.5),
          candidate("juice-1", {"drinks/juice"}, 0.5),     candidate("tea-1", {"drinks/tea"}, 0.4)};
}

std::size_t pasta_in_top(const std::vector<RankedItem>& items, std::size_t top) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < std::min(top, items.size()); ++i) count += items[i].id.rfind("pasta", 0) == 0 ? 1 : 0;
  return count;
}

TEST_CASE("scenario 2: one pasta search does not dominate, fades within a week, repeated interest grows") {
  Person p;
  p.ingest(signal(SignalType::kSearch, kT0, std::nullopt, {"food/pasta"}));

  const auto next_hour = p.rank(food_menu(), plain(), kT0 + kHour);
  CHECK(pasta_in_top(next_hour, 3) == 0);
  const auto week_later = p.rank(food_menu(), plain(), kT0 + 7 * kDay);
  CHECK(pasta_in_top(week_later, 3) == 0);
  CHECK_FALSE(has_reason(find(week_later, "pasta-1"), "category_interest"));
  CHECK(find(week_later, "pasta-1").score < find(next_hour, "pasta-1").score);

  // Coming back to pasta day after day is real interest.
  for (int day = 1; day <= 5; ++day) {
    p.ingest(signal(SignalType::kSearch, kT0 + day * kDay, std::nullopt, {"food/pasta"}));
    p.ingest(signal(SignalType::kView, kT0 + day * kDay + kHour, "pasta-1", {"food/pasta"}));
  }
  const auto engaged = p.rank(food_menu(), plain(), kT0 + 6 * kDay);
  CHECK(engaged.front().id == "pasta-1");
  CHECK(pasta_in_top(engaged, 3) == 3);
  CHECK(has_reason(engaged.front(), "category_interest"));
}

// Ten 08:00 oat grande lattes and one 15:00 tea (SCENARIOS.md 4).
void order_like_a_regular(Person& p) {
  std::vector<Signal> orders;
  for (int day = 0; day < 10; ++day) {
    orders.push_back(signal(SignalType::kOrder, kT0 + day * kDay, "latte-1", {"drinks/coffee/latte"},
                            {{"milk", "oat"}, {"size", "grande"}}));
  }
  orders.push_back(signal(SignalType::kOrder, kT0 + 9 * kDay + 7 * kHour, "tea-1", {"drinks/tea"}, {{"milk", "none"}}));
  p.ingest(orders);
}

std::vector<Candidate> coffee_menu() {
  return {candidate("latte-1", {"drinks/coffee/latte"}, 0.5, {{"milk", "oat"}, {"size", "grande"}}),
          candidate("latte-2", {"drinks/coffee/latte"}, 0.6, {{"milk", "whole"}, {"size", "grande"}}),
          candidate("cappuccino-1", {"drinks/coffee/cappuccino"}, 0.6, {{"milk", "whole"}, {"size", "tall"}}),
          candidate("tea-1", {"drinks/tea"}, 0.5),
          candidate("croissant-1", {"food/bakery/croissant"}, 0.7),
          candidate("juice-1", {"drinks/juice"}, 0.9)};
}

TEST_CASE("scenario 4: the usual ranks first in the morning, and the explanation says so") {
  Person p;
  order_like_a_regular(p);
  const std::int64_t morning = kT0 + 10 * kDay - 5 * 60'000;  // 07:55
  const auto items = p.rank(coffee_menu(), plain(), morning);
  REQUIRE(items.front().id == "latte-1");
  const RankedItem& usual = items.front();
  CHECK(usual.reasons.front().code == "usual_attribute");
  CHECK(usual.reasons.front().text == "Your usual: oat milk, grande size");
  CHECK(usual.reasons.front().params.at("attributes") == "milk=oat,size=grande");
  CHECK(reason(usual, "time_of_day").text == "You often order this in the morning");
  CHECK(reason(usual, "time_of_day").params.at("part_of_day") == "morning");
  CHECK(position(items, "latte-2") < position(items, "juice-1"));  // half the usual still beats popularity
  CHECK(reason(find(items, "latte-2"), "usual_attribute").text == "Your usual: grande size");

  SECTION("one afternoon tea does not replace it") {
    const std::int64_t afternoon = kT0 + 10 * kDay + 7 * kHour;  // 15:00
    const auto later = p.rank(coffee_menu(), plain(), afternoon);
    CHECK(later.front().id == "latte-1");
    CHECK(has_reason(later.front(), "usual_attribute"));
    CHECK_FALSE(has_reason(later.front(), "time_of_day"));
    CHECK(find(later, "tea-1").score > find(p.rank(coffee_menu(), plain(), morning), "tea-1").score);
  }
  SECTION("the wording follows the person's time zone") {
    RankRequest request = plain();
    request.utc_offset_minutes = 9 * 60;  // 07:55 UTC is 16:55 in Tokyo
    const auto items_tokyo = p.rank(coffee_menu(), request, morning);
    CHECK(reason(items_tokyo.front(), "time_of_day").text == "You often order this in the afternoon");
  }
  SECTION("the same after a restart") {
    const auto before = p.rank(coffee_menu(), plain(), morning);
    p.restart();
    const auto after = p.rank(coffee_menu(), plain(), morning);
    REQUIRE(ids(after) == ids(before));
    for (std::size_t i = 0; i < after.size(); ++i) CHECK(after[i].score == before[i].score);
  }
}

TEST_CASE("scenario 9: order-ahead before the morning commute surfaces the usual") {
  Person p;
  order_like_a_regular(p);
  RankRequest request = plain();
  request.moment = "morning_commute";
  const auto items = p.rank(coffee_menu(), request, kT0 + 10 * kDay - 30 * 60'000);
  CHECK(items.front().id == "latte-1");
  CHECK(has_reason(items.front(), "usual_attribute"));
  CHECK(reason(items.front(), "moment").text == "Good for your morning commute");
  CHECK(position(items, "juice-1") > position(items, "croissant-1"));  // the commute wants coffee and a pastry
}

TEST_CASE("scenario 9: on arrival (check_in), amenities beat the room types browsed while booking") {
  Person p;
  const std::int64_t booking = kT0 - 7 * kDay;
  std::vector<Signal> browsing;
  for (int i = 0; i < 10; ++i) browsing.push_back(signal(SignalType::kView, booking + i * 60'000, "suite-101", {"rooms/suite"}));
  for (int i = 0; i < 4; ++i) {
    browsing.push_back(signal(SignalType::kView, booking + i * 60'000, "deluxe-201", {"rooms/deluxe"}, {{"floor", "high"}}));
  }
  p.ingest(browsing);
  p.prefer(PreferenceKind::kLike, "floor=high", "a high floor, please", booking);

  const std::vector<Candidate> hotel = {
      candidate("suite-101", {"rooms/suite"}, 0.5), candidate("deluxe-201", {"rooms/deluxe"}, 0.5, {{"floor", "high"}}),
      candidate("spa", {"amenities/spa"}, 0.5), candidate("breakfast", {"amenities/breakfast"}, 0.5),
      candidate("parking", {"amenities/parking"}, 0.5)};
  const std::int64_t arrival = kT0 + 7 * kHour;

  const auto browsing_order = p.rank(hotel, plain(), arrival);
  CHECK(browsing_order.front().id == "deluxe-201");  // the stated room preference, always
  CHECK(position(browsing_order, "suite-101") < position(browsing_order, "spa"));

  RankRequest request = plain();
  request.moment = "check_in";
  const auto at_check_in = p.rank(hotel, request, arrival);
  CHECK(at_check_in.front().id == "deluxe-201");
  for (const char* amenity : {"spa", "breakfast", "parking"}) {
    CHECK(position(at_check_in, amenity) < position(at_check_in, "suite-101"));
  }
  CHECK(reason(find(at_check_in, "spa"), "moment").text == "Useful now that you are checking in");
  CHECK(reason(at_check_in.front(), "stated_like").text == "You told us you prefer high floor");

  SECTION("an unknown moment changes nothing") {
    request.moment = "pool_party";
    const auto unknown = p.rank(hotel, request, arrival);
    CHECK(ids(unknown) == ids(browsing_order));
  }
}

TEST_CASE("scenario 5: what the person says outranks anything inferred, and never decays") {
  Person p;
  std::vector<Signal> burgers;
  for (int day = 0; day < 20; ++day) {
    burgers.push_back(signal(SignalType::kOrder, kT0 + day * kDay, "beef-burger-1", {"food/burgers"}, {{"diet", "meat"}}));
  }
  p.ingest(burgers);
  p.prefer(PreferenceKind::kLike, "diet=vegetarian", "I'm vegetarian", kT0 + 20 * kDay);
  const std::vector<Candidate> menu = {
      candidate("beef-burger-1", {"food/burgers"}, 1.0, {{"diet", "meat"}}),
      candidate("veggie-burger-1", {"food/burgers"}, 0.0, {{"diet", "vegetarian"}}),
      candidate("salad-1", {"food/salads"}, 0.1, {{"diet", "vegetarian"}}), candidate("fries-1", {"food/sides"}, 0.9)};

  CHECK(ids(p.rank(menu, plain(), kT0 + 20 * kDay + kHour)) ==
        std::vector<std::string>{"veggie-burger-1", "salad-1", "beef-burger-1", "fries-1"});
  for (const std::int64_t at : {kT0 + 20 * kDay + kHour, kT0 + 2 * 365 * kDay}) {
    const auto items = p.rank(menu, plain(), at);
    INFO("at +" << (at - kT0) / kDay << " days");
    const std::vector<std::string> liked = {items.at(0).id, items.at(1).id};
    CHECK_THAT(liked, Catch::Matchers::UnorderedEquals(std::vector<std::string>{"veggie-burger-1", "salad-1"}));
    const confidant::Reason& stated = items.front().reasons.front();
    CHECK(stated.code == "stated_like");
    CHECK(stated.text == "You told us you prefer vegetarian diet");
    CHECK(stated.params.at("words") == "I'm vegetarian");
    CHECK(stated.params.at("target") == "diet=vegetarian");
  }

  SECTION("a dislike sinks below anything not disliked") {
    p.prefer(PreferenceKind::kDislike, "item:beef-burger-1", "", kT0 + 20 * kDay);
    const auto items = p.rank(menu, plain(), kT0 + 21 * kDay);
    CHECK(items.back().id == "beef-burger-1");
    CHECK(reason(items.back(), "stated_dislike").text == "You told us you don't like this");
  }
  SECTION("quiet room, high floor: two stated wishes beat one") {
    p.prefer(PreferenceKind::kLike, "noise=quiet");
    p.prefer(PreferenceKind::kLike, "floor=high");
    for (int i = 0; i < 10; ++i) p.ingest(signal(SignalType::kView, kT0 + i * kHour, "room-c", {"rooms/standard"}));
    const auto rooms = p.rank({candidate("room-b", {"rooms/standard"}, 0.9, {{"floor", "high"}, {"noise", "street"}}),
                               candidate("room-c", {"rooms/standard"}, 0.9, {{"floor", "low"}, {"noise", "quiet"}}),
                               candidate("room-a", {"rooms/standard"}, 0.1, {{"floor", "high"}, {"noise", "quiet"}})},
                              plain(), kT0 + kDay);
    CHECK(ids(rooms) == std::vector<std::string>{"room-a", "room-c", "room-b"});
  }
}

TEST_CASE("the usual counts by how much more the person chooses it than the list offers it") {
  Person p;
  // Three oat lattes and a whole-milk one: the usual is oat, share 3/4 (decay aside).
  for (int i = 0; i < 4; ++i) {
    p.ingest(signal(SignalType::kOrder, kT0 - i * kHour, "latte-1", {"drinks/coffee/latte"},
                    {{"milk", i == 3 ? "whole" : "oat"}}));
  }
  const auto usual_of = [&](const std::vector<Candidate>& list) {
    std::vector<confidant::ranking::ServedItem> served;
    auto ranked = confidant::ranking::rank({p.profile.get(), all_granted(), kT0, &p.ranker->learned(), nullptr},
                                           list, plain(list.size()), &served);
    REQUIRE(ranked);
    for (std::size_t i = 0; i < ranked->size(); ++i) {
      if (ranked.value()[i].id == "tea-0") return served.at(i).values[index_of(Component::kUsual)];
    }
    FAIL("tea-0 not listed");
    return -1.0;
  };
  const auto menu = [](int oat, int whole) {
    std::vector<Candidate> list;
    for (int i = 0; i < oat; ++i) list.push_back(candidate("tea-" + std::to_string(i), {"drinks/tea"}, 0.5, {{"milk", "oat"}}));
    for (int i = 0; i < whole; ++i) list.push_back(candidate("cocoa-" + std::to_string(i), {"drinks/cocoa"}, 0.5, {{"milk", "whole"}}));
    return list;
  };
  const auto usuals = p.profile->usual(kT0);
  REQUIRE(usuals.size() == 1);
  const double share = usuals[0].share;
  REQUIRE(share > 0.7);
  REQUIRE(share < 0.8);
  // A third of the list has oat milk (3 of 9, and one item more that has not):
  // matching it counts (share - 0.3) / 0.7.
  CHECK(usual_of(menu(3, 6)) == Approx((share - 0.3) / 0.7));
  // Nine in ten have it: it separates nothing, and counts nothing.
  CHECK(usual_of(menu(9, 0)) == 0);
  // A single item's list: 1 of 2, so the usual counts fully above half.
  CHECK(usual_of(menu(1, 0)) == Approx(std::min(1.0, (share - 0.5) / 0.5)));
}

TEST_CASE("scenario 5, proven: one stated like beats the strongest inference the model can make") {
  Person p;
  const std::int64_t now = kT0 + 30 * kDay;
  // Every inferred component as high as a profile can push it for one
  // candidate: daily orders of the very item at this hour (interest, usual,
  // attribute, item history, time of day), and of ten items related to it;
  // and a glance at novels every evening before, so that this hour stands out
  // against the person's other hours (time of day is read against them).
  std::vector<Signal> history;
  for (int day = 0; day < 30; ++day) {
    const std::int64_t at = kT0 + day * kDay;
    history.push_back(signal(SignalType::kView, at - 12 * kHour, "novel-1", {"books/novels"}));
    history.push_back(signal(SignalType::kOrder, at, "inferred-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
    for (int k = 0; k < 10; ++k) {
      history.push_back(signal(SignalType::kOrder, at, "partner-" + std::to_string(k), {"drinks/coffee/latte"}, {{"milk", "oat"}}));
    }
  }
  // The liked item's category is one the person dismissed things in.
  for (int i = 0; i < 10; ++i) history.push_back(signal(SignalType::kDismiss, kT0 + i * kHour, "salad-" + std::to_string(i), {"food/salads"}));
  p.ingest(history);
  p.prefer(PreferenceKind::kLike, "item:liked-1", "", kT0);

  Candidate inferred = candidate("inferred-1", {"drinks/coffee/latte"}, 1.0, {{"milk", "oat"}});
  for (int k = 0; k < 10; ++k) inferred.related["partner-" + std::to_string(k)] = 1.0;
  Candidate liked = candidate("liked-1", {"food/salads"}, 0.0);
  const std::vector<Candidate> candidates = {inferred, liked};
  RankRequest request = plain();
  request.moment = "morning_commute";  // favours the inferred item's category

  // The learner at its bound in every component's favour.
  confidant::ranking::LearnedState learned = p.ranker->learned();
  learned.learner.multipliers = confidant::ranking::Learner::filled(RankingParams::defaults().learned_max);
  std::vector<confidant::ranking::ServedItem> served;
  auto ranked = confidant::ranking::rank({p.profile.get(), all_granted(), now, &learned, nullptr}, candidates, request,
                                         &served);
  REQUIRE(ranked);
  REQUIRE(ids(ranked.value()) == std::vector<std::string>{"liked-1", "inferred-1"});
  const auto& inferred_values = served.at(1).values;
  CHECK(inferred_values[index_of(Component::kCategoryInterest)] > 0.9);
  CHECK(inferred_values[index_of(Component::kUsual)] == 1.0);
  CHECK(inferred_values[index_of(Component::kTimeOfDay)] > 0.8);
  CHECK(inferred_values[index_of(Component::kMoment)] == 1.0);
  CHECK(inferred_values[index_of(Component::kRelatedToRecent)] > 0.9);
  CHECK(served.at(0).values[index_of(Component::kCategoryInterest)] < 0);

  // And by construction, for any values: the stated weight exceeds the
  // widest spread the components can make at the learner's bound.
  const RankingParams& params = RankingParams::defaults();
  CHECK(params.stated_weight > confidant::ranking::max_inferred_spread(params));
  CHECK(ranked.value()[0].score - ranked.value()[1].score >=
        params.stated_weight - confidant::ranking::max_inferred_spread(params));
  RankingParams weak = params;
  weak.stated_weight = confidant::ranking::max_inferred_spread(params);
  CHECK_FALSE(confidant::ranking::check(weak));
}

TEST_CASE("related_to_recent: related recent items add up, the newest weigh most") {
  Person p;
  // Four moments, newest last: old-1 is 3 moments back (weight 0.5^(3/3)),
  // bagel-1 and muffin-1 share the newest (weight 1 each).
  p.ingest({signal(SignalType::kOrder, kT0, "old-1", {"food/bakery"}),
            signal(SignalType::kOrder, kT0 + kHour, "roll-1", {"food/bakery"}),
            signal(SignalType::kOrder, kT0 + 2 * kHour, "scone-1", {"food/bakery"}),
            signal(SignalType::kOrder, kT0 + 3 * kHour, "bagel-1", {"food/bakery"}),
            signal(SignalType::kOrder, kT0 + 3 * kHour, "muffin-1", {"food/bakery"})});
  // Same category and popularity: only their relations tell them apart.
  Candidate one = candidate("spread-1", {"food/spreads"}, 0.5);
  one.related = {{"bagel-1", 0.5}};
  Candidate two = candidate("spread-2", {"food/spreads"}, 0.5);
  two.related = {{"bagel-1", 0.5}, {"muffin-1", 0.5}};
  Candidate older = candidate("spread-4", {"food/spreads"}, 0.5);
  older.related = {{"old-1", 1.0}};
  Candidate none = candidate("spread-3", {"food/spreads"}, 0.5);
  none.related = {{"toast-1", 1.0}};  // never engaged with: no evidence

  const std::vector<Candidate> candidates = {none, one, older, two};
  std::vector<confidant::ranking::ServedItem> served;
  auto ranked = confidant::ranking::rank({p.profile.get(), all_granted(), kT0 + 4 * kHour, nullptr, nullptr},
                                         candidates, plain(), &served);
  REQUIRE(ranked);
  CHECK(ids(ranked.value()).front() == "spread-2");
  CHECK(ids(ranked.value()).back() == "spread-3");
  const auto related_value = [&](const std::string& id) {
    for (const auto& item : served)
      if (item.id == id) return item.values[index_of(Component::kRelatedToRecent)];
    FAIL("not served: " << id);
    return -1.0;
  };
  // Evidence s = Σ relatedness × recency weight, read as s / (s + 1).
  CHECK(related_value("spread-1") == Approx(0.5 / 1.5));
  CHECK(related_value("spread-2") == Approx(1.0 / 2.0));
  // Fully related to an item three moments back counts as half related to the newest.
  CHECK(related_value("spread-4") == Approx(related_value("spread-1")));
  CHECK(related_value("spread-3") == 0);
  // The reason names one item, the strongest.
  CHECK(has_reason(find(ranked.value(), "spread-2"), "related_to_recent"));
}

}  // namespace

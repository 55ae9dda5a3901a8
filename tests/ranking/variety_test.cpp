// Scenario 8, the narrowing bubble: top-10 lists keep variety (at most N of
// one category, default 4) and a share of exploration labelled "new for
// you"; the same seed gives the same list.
#include <catch2/catch.hpp>

#include <set>

#include "ranking_test_util.hpp"

namespace {

using namespace ranking_test;

// Someone who only ever looks at running shoes, and a shop with plenty of them.
void browse_running_shoes(Person& p) {
  std::vector<Signal> views;
  for (int i = 0; i < 20; ++i) {
    views.push_back(signal(SignalType::kView, kT0 + i * kHour, "run-" + std::to_string(i % 6), {"footwear/running_shoes"}));
  }
  p.ingest(views);
}

std::vector<Candidate> shoe_shop() {
  std::vector<Candidate> out;
  for (int i = 0; i < 12; ++i) out.push_back(candidate("run-" + std::to_string(i), {"footwear/running_shoes"}, 0.6));
  out.push_back(candidate("boots-1", {"footwear/boots"}, 0.3));
  out.push_back(candidate("boots-2", {"footwear/boots"}, 0.2));
  out.push_back(candidate("top-1", {"fashion/tops"}, 0.3));
  out.push_back(candidate("coat-1", {"fashion/outerwear"}, 0.4));
  out.push_back(candidate("headphones-1", {"electronics/audio/headphones"}, 0.5));
  out.push_back(candidate("phone-1", {"electronics/phones"}, 0.2));
  out.push_back(candidate("tea-1", {"drinks/tea"}, 0.1));
  out.push_back(candidate("spa", {"amenities/spa"}, 0.1));
  return out;
}

std::size_t count_in(const std::vector<RankedItem>& items, const std::string& prefix, std::size_t from, std::size_t to) {
  std::size_t n = 0;
  for (std::size_t i = from; i < std::min(to, items.size()); ++i) n += items[i].id.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

TEST_CASE("scenario 8: at most 4 of one category in the top 10, and one slot new for you") {
  Person p;
  browse_running_shoes(p);
  const RankRequest request;  // the defaults: limit 10, variety on, 4 per category, 1 in 10 explores
  const auto items = p.rank(shoe_shop(), request, kT0 + kDay);
  REQUIRE(items.size() == 10);
  CHECK(count_in(items, "run-", 0, 10) == 4);
  CHECK(items.front().id.rfind("run-", 0) == 0);  // the best is still what they love

  std::size_t explored = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].exploration) continue;
    ++explored;
    CHECK(i >= 2);  // never displaces the top
    CHECK(items[i].reasons.front().code == "new_for_you");
    CHECK(items[i].reasons.front().text == "New for you");
    // From a category the person has not engaged with.
    CHECK(items[i].reasons.front().params.at("category").rfind("footwear/running_shoes", 0) != 0);
  }
  CHECK(explored == 1);
  for (const RankedItem& item : items) CHECK(has_reason(item, "new_for_you") == item.exploration);
}

TEST_CASE("scenario 8: without variety the bubble narrows, the cap holds per window of 10") {
  Person p;
  browse_running_shoes(p);
  const auto narrow = p.rank(shoe_shop(), plain(10, false), kT0 + kDay);
  CHECK(count_in(narrow, "run-", 0, 10) == 10);

  RankRequest request = plain(20, true);
  request.max_per_category = 3;
  const auto wide = p.rank(shoe_shop(), request, kT0 + kDay);
  REQUIRE(wide.size() == 20);
  CHECK(count_in(wide, "run-", 0, 10) == 3);
  // The second window has its own cap; past it, the list fills with what is
  // left rather than stopping short.
  CHECK(count_in(wide, "run-", 10, 20) >= 3);
  const std::vector<std::string> listed = ids(wide);
  CHECK(std::set<std::string>(listed.begin(), listed.end()).size() == 20);
}

TEST_CASE("a stated like is never pushed below an unliked item by the re-rank within the cap") {
  Person p;
  browse_running_shoes(p);
  p.prefer(PreferenceKind::kLike, "footwear/boots");
  const auto items = p.rank(shoe_shop(), RankRequest{}, kT0 + kDay);
  CHECK(position(items, "boots-1") == 0);
  CHECK(position(items, "boots-2") == 1);
}

TEST_CASE("exploration is deterministic for a seed, and varies with it") {
  Person p;
  browse_running_shoes(p);
  RankRequest request;
  request.limit = 20;
  std::set<std::vector<std::string>> lists;
  for (std::uint64_t seed = 0; seed < 12; ++seed) {
    request.seed = seed;
    const auto first = p.rank(shoe_shop(), request, kT0 + kDay);
    const auto again = p.rank(shoe_shop(), request, kT0 + kDay);
    REQUIRE(ids(first) == ids(again));
    for (std::size_t i = 0; i < first.size(); ++i) {
      CHECK(first[i].score == again[i].score);
      CHECK(first[i].exploration == again[i].exploration);
      CHECK(first[i].reasons.size() == again[i].reasons.size());
    }
    std::size_t explored = 0;
    for (const RankedItem& item : first) explored += item.exploration ? 1 : 0;
    CHECK(explored == 2);  // 1 in 10 of 20
    lists.insert(ids(first));
  }
  CHECK(lists.size() > 1);

  SECTION("and the same after a restart") {
    request.seed = 7;
    const auto before = p.rank(shoe_shop(), request, kT0 + kDay);
    p.restart();
    CHECK(ids(p.rank(shoe_shop(), request, kT0 + kDay)) == ids(before));
  }
}

TEST_CASE("exploration never takes a candidate that places on its own merit down the list") {
  // Socks are a category the person never engaged with, but the brand
  // relates them to the two running shoes viewed, and they are the shop's
  // favourite: on merit they come first. An exploration slot (position 2 or
  // later) would only move them down, so they are never drawn for one.
  Person p;
  p.ingest({signal(SignalType::kView, kT0, "run-0", {"footwear/running_shoes"}),
            signal(SignalType::kView, kT0 + kHour, "run-1", {"footwear/running_shoes"})});
  std::vector<Candidate> shop = shoe_shop();
  Candidate socks = candidate("socks-1", {"footwear/socks"}, 1.0);
  socks.related = {{"run-0", 1.0}, {"run-1", 1.0}};
  shop.push_back(socks);

  RankRequest on_merit;
  on_merit.exploration_share = 0;
  REQUIRE(position(p.rank(shop, on_merit, kT0 + kDay), "socks-1") == 0);

  RankRequest request;  // 1 in 10 explores
  std::size_t explored = 0;
  for (std::uint64_t seed = 0; seed < 24; ++seed) {
    request.seed = seed;
    const auto items = p.rank(shop, request, kT0 + kDay);
    INFO("seed " << seed);
    CHECK(position(items, "socks-1") == 0);
    CHECK_FALSE(items.front().exploration);
    for (const RankedItem& item : items) explored += item.exploration ? 1 : 0;
  }
  CHECK(explored == 24);  // the slot still goes to another new category
}

TEST_CASE("an exploration slot never moves a candidate down from the place it has on merit") {
  // Socks related to the shoes viewed place anywhere in the list on merit,
  // as their relatedness varies; with variety off, merit is the score order.
  Person p;
  browse_running_shoes(p);
  std::size_t explored = 0;
  for (const double relatedness : {1.0, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05}) {
    std::vector<Candidate> shop = shoe_shop();
    Candidate socks = candidate("socks-1", {"footwear/socks"}, 0.9);
    socks.related = {{"run-0", relatedness}};
    shop.push_back(socks);
    RankRequest on_merit;
    on_merit.variety = false;
    on_merit.exploration_share = 0;
    const auto merit_order = p.rank(shop, on_merit, kT0 + kDay);
    RankRequest request = on_merit;
    request.exploration_share = 0.1;
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
      request.seed = seed;
      const auto items = p.rank(shop, request, kT0 + kDay);
      for (std::size_t at = 0; at < items.size(); ++at) {
        if (!items[at].exploration) continue;
        ++explored;
        INFO("relatedness " << relatedness << ", seed " << seed << ": " << items[at].id << " explored at " << at);
        CHECK(position(merit_order, items[at].id) >= at);
      }
    }
  }
  CHECK(explored > 0);
}

TEST_CASE("no exploration in a non-personal list, nor of sensitive or disliked items") {
  Person p;
  browse_running_shoes(p);
  p.consent = nothing_granted();
  for (const RankedItem& item : p.rank(shoe_shop(), RankRequest{}, kT0 + kDay)) CHECK_FALSE(item.exploration);

  p.consent = all_granted();
  p.prefer(PreferenceKind::kDislike, "fashion");
  std::vector<Candidate> shop = shoe_shop();
  shop.push_back(candidate("bra-1", {"fashion/lingerie"}, 0.9));
  RankRequest request;
  request.exploration_share = 0.5;  // many slots: every allowed category gets drawn
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    request.seed = seed;
    for (const RankedItem& item : p.rank(shop, request, kT0 + kDay)) {
      if (!item.exploration) continue;
      CHECK(item.id != "bra-1");
      CHECK(item.id != "top-1");
      CHECK(item.id != "coat-1");
    }
  }
}

}  // namespace

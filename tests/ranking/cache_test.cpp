// The profile index kept between calls (index_cache.hpp) never changes an
// answer: after every kind of change the engine makes — a batch of signals,
// a stated preference, a block, a forget, a purge, a consent change, time
// passing — the Ranker's (cached) list equals a list computed from scratch.
#include <catch2/catch.hpp>

#include "confidant/consent.hpp"
#include "ranking/index/index_cache.hpp"
#include "ranking_test_util.hpp"

namespace {

using namespace ranking_test;

std::vector<Candidate> shop() {
  std::vector<Candidate> out;
  const std::vector<std::string> paths = {"drinks/coffee/latte", "drinks/tea", "food/bakery", "food/pasta",
                                          "fashion/tops", "baby/pregnancy", "rooms/suite", "amenities/spa"};
  for (int i = 0; i < 40; ++i) {
    Candidate c = candidate("item-" + std::to_string(i), {paths[static_cast<std::size_t>(i) % paths.size()]},
                            static_cast<double>((i * 37) % 100) / 100.0);
    if (i % 3 == 0) c.attrs = {{"milk", i % 2 ? "oat" : "whole"}};
    if (i % 4 == 0) c.related = {{"item-" + std::to_string((i + 5) % 40), 0.7}};
    out.push_back(std::move(c));
  }
  return out;
}

void same_as_fresh(Person& p, std::int64_t now, const RankRequest& request = RankRequest{}) {
  const auto cached = p.rank(shop(), request, now);
  auto fresh = confidant::ranking::rank({p.profile.get(), p.consent, now, &p.ranker->learned(), nullptr, nullptr},
                                        shop(), request);
  REQUIRE(fresh);
  REQUIRE(ids(cached) == ids(fresh.value()));
  for (std::size_t i = 0; i < cached.size(); ++i) {
    INFO(cached[i].id);
    CHECK(cached[i].score == fresh.value()[i].score);
    CHECK(cached[i].exploration == fresh.value()[i].exploration);
    REQUIRE(cached[i].reasons.size() == fresh.value()[i].reasons.size());
    for (std::size_t r = 0; r < cached[i].reasons.size(); ++r) {
      CHECK(cached[i].reasons[r].code == fresh.value()[i].reasons[r].code);
      CHECK(cached[i].reasons[r].text == fresh.value()[i].reasons[r].text);
    }
  }
}

TEST_CASE("the cached index answers exactly as a fresh one, whatever changed in between") {
  Person p;
  std::int64_t now = kT0;
  same_as_fresh(p, now);

  for (int i = 0; i < 6; ++i) {
    p.ingest(signal(SignalType::kOrder, now + i * 60'000, "item-" + std::to_string(i * 8), {"drinks/coffee/latte"},
                    {{"milk", "oat"}}));
  }
  same_as_fresh(p, now + kHour);

  p.prefer(PreferenceKind::kLike, "food/pasta", "pasta, always");
  same_as_fresh(p, now + kHour);
  p.prefer(PreferenceKind::kDislike, "food/pasta");  // same target: replaces, same count
  same_as_fresh(p, now + kHour);
  p.prefer(PreferenceKind::kBlock, "fashion");
  same_as_fresh(p, now + kHour);

  p.ingest(signal(SignalType::kAlreadyHave, now + 2 * kHour, "item-6", {"rooms/suite"}));
  same_as_fresh(p, now + 2 * kHour);
  p.ingest(signal(SignalType::kImpression, now + 2 * kHour, "item-1"));
  p.ingest(signal(SignalType::kImpression, now + 2 * kHour, "item-1"));
  p.ingest(signal(SignalType::kImpression, now + 2 * kHour, "item-1"));
  same_as_fresh(p, now + 2 * kHour + 1);

  auto target = confidant::profile::parse_target("drinks/coffee");
  REQUIRE(target);
  p.t.exec("BEGIN");
  require_ok(p.profile->forget(*p.t.store, target.value()));
  require_ok(p.ranker->forget(*p.t.store, target.value()));
  p.t.exec("COMMIT");
  same_as_fresh(p, now + 2 * kHour + 2);

  p.consent = personal();  // sensitive withdrawn
  same_as_fresh(p, now + 2 * kHour + 2);
  p.consent = ConsentFacts{true, true, false};  // paused
  same_as_fresh(p, now + 2 * kHour + 2);
  p.consent = all_granted();

  p.t.exec("BEGIN");
  require_ok(p.profile->purge(*p.t.store, confidant::DataCategory::kPurchases));
  require_ok(p.ranker->reset(*p.t.store));
  p.t.exec("COMMIT");
  same_as_fresh(p, now + 3 * kHour);
  same_as_fresh(p, now + 40 * kDay);  // time passing
}

TEST_CASE("warmed after a change, the index serves the next call, which builds nothing and answers as a fresh one") {
  Person p;
  const std::int64_t now = kT0 + kHour;
  // Before the first list, nothing is warmed: an app that never ranks never pays.
  p.ranker->warm(*p.profile, p.consent, now);
  CHECK(p.ranker->index_builds() == 0);
  same_as_fresh(p, now);
  REQUIRE(p.ranker->index_builds() == 1);

  p.ingest(signal(SignalType::kOrder, now - 60'000, "item-8", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
  p.ranker->warm(*p.profile, p.consent, now);
  CHECK(p.ranker->index_builds() == 2);
  p.ranker->warm(*p.profile, p.consent, now);  // nothing changed since
  CHECK(p.ranker->index_builds() == 2);
  same_as_fresh(p, now);
  CHECK(p.ranker->index_builds() == 2);

  p.prefer(PreferenceKind::kLike, "food/pasta");
  p.consent = personal();  // sensitive withdrawn: the warm must use the facts the call will
  p.ranker->warm(*p.profile, p.consent, now);
  same_as_fresh(p, now);
  CHECK(p.ranker->index_builds() == 3);
}

TEST_CASE("the index is rebuilt only when something it depends on changed") {
  Person p;
  confidant::ranking::IndexCache cache;
  const confidant::ranking::RankingInputs inputs{p.profile.get(), all_granted(), kT0, &p.ranker->learned(), nullptr,
                                                 &cache};
  const auto& params = confidant::ranking::RankingParams::defaults();
  cache.prepare(inputs, params);
  cache.prepare(inputs, params);
  CHECK(cache.builds() == 1);
  auto later = inputs;
  later.now_ms = kT0 + 59'999;  // the same minute
  cache.prepare(later, params);
  CHECK(cache.builds() == 1);
  later.now_ms = kT0 + 60'000;
  cache.prepare(later, params);
  CHECK(cache.builds() == 2);
  p.ingest(signal(SignalType::kView, kT0, "item-1", {"drinks/tea"}));
  cache.prepare(later, params);
  CHECK(cache.builds() == 3);
  CHECK(confidant::ranking::valued_at(kT0 + 61'234) == kT0 + 60'000);
  CHECK(confidant::ranking::valued_at(-1) == -60'000);
}

}  // namespace

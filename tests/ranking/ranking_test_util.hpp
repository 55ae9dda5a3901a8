// Helpers for the ranking tests: a real encrypted store holding the profile
// and ranking tables, a ProfileState over the built-in taxonomy and a
// Ranker, fed as the engine feeds them (apply + observe, then save in one
// transaction), explicit times, and short candidate builders.
//
// Header-only and private to tests/ranking. Failures REQUIRE inside Catch2.
//
// Thread-safety: one test thread.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "confidant/ranking.hpp"
#include "profile/profile_state.hpp"
#include "ranking/pipeline/rank.hpp"
#include "ranking/ranker.hpp"
#include "ranking/learned/schema.hpp"
#include "support/signal_builder.hpp"
#include "support/test_store.hpp"

namespace ranking_test {

using confidant::Candidate;
using confidant::CandidateKind;
using confidant::PreferenceKind;
using confidant::RankedItem;
using confidant::RankRequest;
using confidant::Signal;
using confidant::SignalType;
using confidant::Slot;
using confidant::profile::ProfileState;
using confidant::ranking::ConsentFacts;
using confidant::ranking::Ranker;

inline constexpr std::int64_t kT0 = 1795161600000;  // 2026-11-20T08:00:00.000Z, a Friday
inline constexpr std::int64_t kHour = 3'600'000;
inline constexpr std::int64_t kDay = 24 * kHour;

inline void require_ok(const confidant::Status& status) {
  INFO(status.to_string());
  REQUIRE(status);
}

// The profile's and the ranking's steps in one list, renumbered as the SDK's
// manifest does.
inline std::vector<confidant::store::Migration> profile_and_ranking_migrations() {
  std::vector<confidant::store::Migration> all;
  for (auto steps : {confidant::profile::migrations(), confidant::ranking::migrations()}) {
    for (auto& step : steps) all.push_back({static_cast<int>(all.size()) + 1, std::move(step.sql)});
  }
  return all;
}

// Every grant: a personal ranking that may show sensitive items.
inline ConsentFacts all_granted() { return {true, false, true}; }
// Personalization granted, `sensitive` not.
inline ConsentFacts personal() { return {true, false, false}; }
inline ConsentFacts nothing_granted() { return {false, false, false}; }

// A person: the store, their profile and what the ranking learned.
struct Person {
  confidant::testing::TestStore t{profile_and_ranking_migrations(), "confidant-ranking",
                                  confidant::store::Durability::kNormal};
  std::unique_ptr<ProfileState> profile;
  std::unique_ptr<Ranker> ranker;
  ConsentFacts consent = all_granted();

  Person() { load(); }

  void load() {
    auto state = ProfileState::load(*t.store, confidant::profile::Taxonomy::builtin(),
                                    confidant::profile::ModelParams::defaults());
    INFO(state.status().to_string());
    REQUIRE(state);
    profile = std::move(state.value());
    auto loaded = Ranker::load(*t.store);
    INFO(loaded.status().to_string());
    REQUIRE(loaded);
    ranker = std::move(loaded.value());
  }
  // Closes and opens the store, then reads everything back (an app restart).
  void restart() {
    profile.reset();
    ranker.reset();
    t.reopen();
    load();
  }

  // What the engine does with a batch of kept signals, in one transaction.
  void ingest(const std::vector<Signal>& batch) {
    t.exec("BEGIN");
    for (const Signal& s : batch) {
      if (profile->blocks(s)) continue;
      profile->apply(s, profile->taxonomy().any_sensitive(s.categories));
      ranker->observe(s);
    }
    require_ok(profile->save(*t.store));
    require_ok(ranker->save(*t.store));
    t.exec("COMMIT");
  }
  void ingest(const Signal& s) { ingest(std::vector<Signal>{s}); }

  void prefer(PreferenceKind kind, const std::string& target_text, const std::string& words = "",
              std::int64_t at = kT0) {
    auto target = confidant::profile::parse_target(target_text);
    INFO(target.status().to_string());
    REQUIRE(target);
    t.exec("BEGIN");
    require_ok(profile->add_preference(*t.store, kind, target.value(), words, at));
    t.exec("COMMIT");
  }

  std::vector<RankedItem> rank(const std::vector<Candidate>& candidates, const RankRequest& request,
                               std::int64_t now) {
    auto ranked = ranker->rank(*profile, consent, now, candidates, request);
    INFO(ranked.status().to_string());
    REQUIRE(ranked);
    return std::move(ranked.value());
  }
};

// A signal of `type` at `at`, with the fields the profile reads.
using confidant::testing::signal;

inline Candidate candidate(std::string id, std::vector<std::string> categories, double popularity = 0.5,
                           std::map<std::string, std::string> attrs = {}) {
  Candidate c;
  c.id = std::move(id);
  c.categories = std::move(categories);
  c.popularity = popularity;
  c.attrs = std::move(attrs);
  return c;
}

inline std::vector<std::string> ids(const std::vector<RankedItem>& items) {
  std::vector<std::string> out;
  for (const RankedItem& item : items) out.push_back(item.id);
  return out;
}

inline bool contains(const std::vector<RankedItem>& items, const std::string& id) {
  return std::any_of(items.begin(), items.end(), [&id](const RankedItem& item) { return item.id == id; });
}

// Position of `id` in the list; items.size() when absent.
inline std::size_t position(const std::vector<RankedItem>& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return i;
  }
  return items.size();
}

inline const RankedItem& find(const std::vector<RankedItem>& items, const std::string& id) {
  const std::size_t at = position(items, id);
  INFO("looking for " << id);
  REQUIRE(at < items.size());
  return items[at];
}

inline bool has_reason(const RankedItem& item, const std::string& code) {
  return std::any_of(item.reasons.begin(), item.reasons.end(),
                     [&code](const confidant::Reason& reason) { return reason.code == code; });
}

inline const confidant::Reason& reason(const RankedItem& item, const std::string& code) {
  const auto it = std::find_if(item.reasons.begin(), item.reasons.end(),
                               [&code](const confidant::Reason& r) { return r.code == code; });
  INFO(item.id << " has no reason " << code);
  REQUIRE(it != item.reasons.end());
  return *it;
}

// A request with exploration off and variety as asked: what most scoring
// tests want, so the list is exactly score order.
inline RankRequest plain(std::size_t limit = 10, bool variety = false) {
  RankRequest request;
  request.limit = limit;
  request.variety = variety;
  request.exploration_share = 0;
  return request;
}

}  // namespace ranking_test

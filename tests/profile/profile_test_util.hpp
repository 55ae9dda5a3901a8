// Helpers for the profile tests: a real encrypted store holding the profile
// tables, a loaded ProfileState over the built-in taxonomy, explicit times,
// and signal builders. Header-only and private to tests/profile.
//
// Failures REQUIRE inside Catch2, so a broken setup names its cause.
//
// Thread-safety: everything here is used by one test thread.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "confidant/key_provider.hpp"
#include "confidant/profile.hpp"
#include "profile/profile_state.hpp"
#include "store/store.hpp"
#include "support/files.hpp"
#include "support/signal_builder.hpp"
#include "support/test_store.hpp"

namespace profile_test {

using confidant::Profile;
using confidant::Signal;
using confidant::SignalType;
using confidant::profile::ModelParams;
using confidant::profile::ProfileState;
using confidant::profile::TargetKind;
using confidant::profile::Taxonomy;
using confidant::profile::Term;

inline constexpr std::int64_t kT0 = 1795161600000;  // 2026-11-20T08:00:00.000Z
inline constexpr std::int64_t kHour = 3'600'000;
inline constexpr std::int64_t kDay = 24 * kHour;

struct TestStore : confidant::testing::TestStore {
  TestStore() : confidant::testing::TestStore(confidant::profile::migrations(), "confidant-profile",
                                     confidant::store::Durability::kNormal) {}
};

inline std::unique_ptr<ProfileState> load(confidant::store::Store& store,
                                          const Taxonomy& taxonomy = Taxonomy::builtin(),
                                          const ModelParams& params = ModelParams::defaults()) {
  auto state = ProfileState::load(store, taxonomy, params);
  INFO(state.status().to_string());
  REQUIRE(state);
  return std::move(state.value());
}

inline void require_ok(const confidant::Status& status) {
  INFO(status.to_string());
  REQUIRE(status);
}

// A signal of `type` at `at`, with the fields the profile reads.
using confidant::testing::signal;

// apply() then save(), in one transaction, as the engine does per batch.
inline void ingest(TestStore& t, ProfileState& state, const std::vector<Signal>& batch, bool sensitive = false) {
  t.exec("BEGIN");
  for (const Signal& s : batch) {
    if (!state.blocks(s)) state.apply(s, sensitive);
  }
  require_ok(state.save(*t.store));
  t.exec("COMMIT");
}

inline const confidant::Interest* find_interest(const Profile& profile, const std::string& target) {
  for (const auto& interest : profile.interests) {
    if (interest.target == target) return &interest;
  }
  return nullptr;
}

inline const confidant::Suppression* find_suppression(const Profile& profile, const std::string& target) {
  for (const auto& suppression : profile.suppressions) {
    if (suppression.target == target) return &suppression;
  }
  return nullptr;
}

inline const confidant::Usual* find_usual(const Profile& profile, const std::string& attribute) {
  for (const auto& usual : profile.usual) {
    if (usual.attribute == attribute) return &usual;
  }
  return nullptr;
}

// The finders return pointers into the profile: refuse temporaries.
const confidant::Interest* find_interest(Profile&&, const std::string&) = delete;
const confidant::Suppression* find_suppression(Profile&&, const std::string&) = delete;
const confidant::Usual* find_usual(Profile&&, const std::string&) = delete;

inline confidant::profile::Target target(const std::string& text) {
  auto parsed = confidant::profile::parse_target(text);
  INFO(parsed.status().to_string());
  REQUIRE(parsed);
  return parsed.value();
}

}  // namespace profile_test

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

struct TestStore {
  confidant::testing::TempDir dir{"confidant-profile"};
  std::unique_ptr<confidant::KeyProvider> provider = confidant::make_in_memory_key_provider();
  std::unique_ptr<confidant::store::Store> store;

  TestStore() { open(); }
  ~TestStore() {
    if (store) (void)store->close();
  }

  void open() {
    confidant::store::StoreOptions options;
    options.dir = dir.path() / "store";
    options.key_provider = provider.get();
    options.migrations = confidant::profile::migrations();
    options.durability = confidant::store::Durability::kNormal;
    auto opened = confidant::store::Store::open(options);
    INFO(opened.status().to_string());
    REQUIRE(opened);
    store = std::move(opened.value());
  }
  // Closes and opens the same files again (what an app restart does).
  void reopen() {
    REQUIRE(store->close());
    store.reset();
    open();
  }

  void exec(const std::string& sql) {
    const confidant::Status st = store->exec(sql);
    INFO(sql << ": " << st.to_string());
    REQUIRE(st);
  }
  std::int64_t count(const std::string& sql) {
    auto stmt = store->prepare(sql);
    INFO(sql << ": " << stmt.status().to_string());
    REQUIRE(stmt);
    auto row = stmt->step();
    REQUIRE(row);
    REQUIRE(row.value());
    return stmt->column_int64(0);
  }
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
inline Signal signal(SignalType type, std::int64_t at, std::optional<std::string> item,
                     std::vector<std::string> categories = {}, std::map<std::string, std::string> attrs = {}) {
  Signal s;
  s.type = type;
  s.at = at;
  s.item = std::move(item);
  s.categories = std::move(categories);
  s.attrs = std::move(attrs);
  if (type == SignalType::kSearch) s.query = "query";
  return s;
}

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

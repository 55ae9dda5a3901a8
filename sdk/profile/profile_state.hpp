// ProfileState: the person's profile as the SDK's worker keeps it: inferred
// interest terms, suppressions and stated preferences, in memory and in the
// store's profile_* tables (docs/profile.md).
//
// The SDK's engine (sdk/api) drives it, always inside a store transaction it
// opened:
//   ingest:    blocks(signal) ? drop : apply(signal, sensitive); ... save(store)
//   withdraw:  purge(store, category)          (Engine::purge, in the consent change)
//   controls:  add_preference / forget / view
// If the engine's transaction rolls back, it calls load() again, so memory
// never runs ahead of the store.
//
// Every stored row carries the consent DataCategory of the signals it came
// from (and whether they were sensitive), so purge() deletes exactly what a
// withdrawal no longer allows, and nothing else.
//
// apply() is the hot path: hash lookups by string_view, no SQL, no
// allocation unless a row is new. save() writes only the rows apply()
// changed, with one prepared upsert per table.
//
// The ranking layer reads the state through the const accessors at the end.
//
// Thread-safety: the worker's; one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "confidant/consent.hpp"
#include "confidant/profile.hpp"
#include "confidant/signal.hpp"
#include "confidant/status.hpp"
#include "profile/interest_tally.hpp"
#include "profile/model_params.hpp"
#include "profile/preferences.hpp"
#include "profile/schema.hpp"
#include "profile/suppressions.hpp"
#include "profile/target.hpp"
#include "profile/taxonomy.hpp"
#include "profile/terms.hpp"
#include "profile/usual.hpp"
#include "store/store.hpp"

namespace confidant::profile {

class ProfileState {
 public:
  // Reads the profile tables. `taxonomy` and `params` must outlive the state.
  // kInvalidArgument when check(params) fails; kUnsupported for a row this
  // build cannot read.
  static Result<std::unique_ptr<ProfileState>> load(store::Store& store, const Taxonomy& taxonomy,
                                                   const ModelParams& params);

  ProfileState(const ProfileState&) = delete;
  ProfileState& operator=(const ProfileState&) = delete;

  // true when the signal must not be kept at all: its item is blocked, or
  // every one of its category paths lies under a blocked path.
  bool blocks(const Signal& signal) const;

  // Adds one consented, validated, non-preference signal (at > 0) to the
  // interest terms, usual and suppressions in memory, as of its own time;
  // blocked paths and attributes contribute nothing. `sensitive`: the
  // taxonomy marked one of its paths sensitive (rows are flagged so).
  void apply(const Signal& signal, bool sensitive);

  // Writes what apply() changed since the last save/load.
  Status save(store::Store& store);

  // Deletes every term and suppression derived from signals of `category`
  // (kSensitive: every row flagged sensitive, and likes and dislikes of
  // sensitive category paths; kPreferences: the stated likes and dislikes,
  // not blocks, see Sdk::prefer), in memory and in the store.
  Status purge(store::Store& store, DataCategory category);

  // Records a stated preference (replacing an earlier one on the same
  // target). A block also deletes the inferred terms under its target.
  Status add_preference(store::Store& store, PreferenceKind kind, const Target& target, std::string_view text,
                        std::int64_t at_ms);

  // A brand's config newly marks paths sensitive; `taxonomy` is the new
  // effective one. What was learned under those paths before, in rows not
  // flagged sensitive, moves to rows flagged sensitive (`keep`: sensitive is
  // granted for personalize) or is deleted, in memory and in the store:
  //   - category terms and suppressions on a path it marks, and item terms
  //     and suppressions of the `moved` signals' items: whole rows;
  //   - attribute terms: exactly the `moved` signals' contributions;
  //   - likes and dislikes stated on a marked path (a block is only flagged:
  //     it narrows what is used, so it stays).
  // `moved`: the raw signals the SignalStore reclassified for the same
  // taxonomy. Returns the data categories of the rows that moved (empty:
  // nothing did). Call set_taxonomy(taxonomy) once the transaction commits.
  Result<std::vector<DataCategory>> mark_sensitive(store::Store& store, const Taxonomy& taxonomy,
                                                   std::span<const Signal> moved, bool keep);
  // The taxonomy the state reads from now on; must outlive the state.
  void set_taxonomy(const Taxonomy& taxonomy) noexcept { taxonomy_ = &taxonomy; }

  // Deletes the target's terms (for a category path: and its descendants),
  // preferences and suppressions. Under a category, likes and dislikes go
  // too; blocks under it stay (forgetting never widens what may be used),
  // while a block on exactly this target is forgotten like anything else.
  Status forget(store::Store& store, const Target& target);

  // The readable profile at `now_ms`.
  Profile view(std::int64_t now_ms, bool paused) const;

  // ---- read access (ranking) ----

  const TermTable& terms() const noexcept { return terms_; }
  const Suppressions& suppressions() const noexcept { return suppressions_; }
  const Preferences& preferences() const noexcept { return preferences_; }
  const Taxonomy& taxonomy() const noexcept { return *taxonomy_; }
  const ModelParams& params() const noexcept { return *params_; }
  // Decayed, rolled-up interest per target at `now_ms` (one pass over the terms).
  InterestScores interest_scores(std::int64_t now_ms) const { return profile::interest_scores(terms_, *params_, now_ms); }
  // The usual per attribute at `now_ms`.
  std::vector<UsualChoice> usual(std::int64_t now_ms) const {
    return usual_choices(terms_, *params_, preferences_, now_ms);
  }
  // Whether apply() left rows that save() has not written yet.
  bool has_unsaved_changes() const noexcept {
    return terms_.changed_count() > 0 || suppressions_.rows().changed_count() > 0;
  }

 private:
  ProfileState(const Taxonomy& taxonomy, const ModelParams& params) : taxonomy_(&taxonomy), params_(&params) {}

  // How a signal feeds the profile: the type it counts as (a purchase of a
  // consumable counts as an order), whether it suppresses as owned, which
  // terms it feeds, and with what weight and half-life.
  struct Contribution {
    SignalType type = SignalType::kView;
    bool owned = false;
    bool feeds_interest = false;  // its item term (and the rest when feeds_paths)
    bool feeds_paths = false;     // its category and attribute terms
    double weight = 0;
    double half_life_ms = 0;
  };
  Contribution contribution(const Signal& signal) const;
  void suppress_owned(const Signal& signal, bool sensitive);

  const Taxonomy* taxonomy_;
  const ModelParams* params_;
  TermTable terms_;
  Suppressions suppressions_;
  Preferences preferences_;
};

}  // namespace confidant::profile

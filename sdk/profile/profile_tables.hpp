// Reading and writing the profile tables (schema.hpp): the only SQL of the
// profile layer. Every function runs inside the caller's transaction; none
// begins or commits one.
//
// Rows name their enums by their stable names ("category", "view",
// "purchases", "like"), so the tables read well in an export or a debugger
// and survive a reordering of the enums.
//
// Thread-safety: the store's (one thread at a time).
#pragma once

#include <string_view>

#include "confidant/consent.hpp"
#include "confidant/status.hpp"
#include "profile/preferences.hpp"
#include "profile/suppressions.hpp"
#include "profile/target.hpp"
#include "profile/terms.hpp"
#include "store/store.hpp"

namespace confidant::profile::tables {

Status load_terms(store::Store& store, TermTable& terms);
Status load_suppressions(store::Store& store, Suppressions& suppressions);
Status load_preferences(store::Store& store, Preferences& preferences);

// Upserts the rows changed since the last save, with one prepared statement,
// then marks them saved.
Status save_terms(store::Store& store, TermTable& terms);
Status save_suppressions(store::Store& store, Suppressions::Table& suppressions);
// Inserts or replaces the preference on its target.
Status write_preference(store::Store& store, const StoredPreference& preference);

// Terms and suppressions learned from signals of `category`; for kSensitive,
// every row flagged sensitive.
Status delete_inferred(store::Store& store, DataCategory category);
// Stated likes and dislikes (never blocks); only those on sensitive targets
// when `sensitive_only`.
Status delete_likes_and_dislikes(store::Store& store, bool sensitive_only);
// Terms and suppressions about `target` (a category with its descendants).
Status delete_terms_about(store::Store& store, const Target& target);
Status delete_suppressions_about(store::Store& store, const Target& target);
// The one row with exactly this key.
Status delete_term(store::Store& store, const RowKey& key);
Status delete_suppression(store::Store& store, const RowKey& key);
// The preference stated on exactly this target text.
Status delete_preference(store::Store& store, std::string_view target_text);

}  // namespace confidant::profile::tables

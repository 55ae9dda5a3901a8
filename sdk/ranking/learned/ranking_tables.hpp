// Reading and writing the ranking tables (schema.hpp): the only SQL of the
// ranking layer. Every function runs inside the caller's transaction; none
// begins or commits one.
//
// Thread-safety: the store's (one thread at a time).
#pragma once

#include "confidant/status.hpp"
#include "profile/target.hpp"
#include "ranking/learned/learned_state.hpp"
#include "store/store.hpp"

namespace confidant::ranking::tables {

// Fills `state` (which must be empty) from the tables. kUnsupported for a
// row this build cannot read.
Status load(store::Store& store, LearnedState& state);

// Writes what changed since the last save or load, then marks it saved.
Status save(store::Store& store, LearnedState& state);

// Deletes every row of every ranking table.
Status clear(store::Store& store);

// Deletes the rows about `target`: an item's impression count, a category's
// histograms (with its descendants'). Attribute targets have none.
Status forget(store::Store& store, const profile::Target& target);

}  // namespace confidant::ranking::tables

// The consent layer's tables, as a fragment of the store's migration list.
//
// Store::open takes one list of migrations numbered 1, 2, 3 ... for the whole
// database. Each layer owns an ordered list of steps for its own tables
// (prefixed with the layer's name, here `consent_`); the SDK builds the
// store's list from a manifest of (layer, step) pairs that only ever grows at
// its end, numbering the steps by their position. A released step is never
// edited or reordered: a schema change is a new step, appended to this list
// and to the end of the SDK's manifest. docs/consent.md shows the recipe.
//
// Thread-safety: returns a fresh value.
#pragma once

#include <vector>

#include "store/store.hpp"

namespace confidant::consent {

// The consent layer's steps, numbered 1..n on their own: valid as a store's
// whole migration list (the consent tests use it so), renumbered by the SDK
// when it concatenates layers.
std::vector<store::Migration> migrations();

}  // namespace confidant::consent

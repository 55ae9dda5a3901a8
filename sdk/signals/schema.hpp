// The signals layer's tables, as a fragment of the store's migration list
// (the same recipe as consent/schema.hpp: steps numbered 1..n here, renumbered
// by the SDK's manifest, never edited once released).
//
// Thread-safety: returns a fresh value.
#pragma once

#include <vector>

#include "store/store.hpp"

namespace confidant::signals {

std::vector<store::Migration> migrations();

}  // namespace confidant::signals

// The profile layer's tables, as a fragment of the store's migration list
// (the pattern of consent/schema.hpp; docs/profile.md shows the columns).
//
//   profile_terms         interest terms, one row per (target, type, sensitive)
//   profile_suppressions  what not to recommend until when
//   profile_preferences   what the person stated, one row per target
//
// Every inferred row carries the consent DataCategory of the signals it came
// from and a sensitive flag, so a withdrawal purges with one DELETE.
//
// Thread-safety: returns a fresh value.
#pragma once

#include <vector>

#include "store/store.hpp"

namespace confidant::profile {

// The profile layer's migration steps (tables profile_*), numbered 1..n on
// their own; the SDK renumbers them in its manifest (consent/schema.hpp).
// A released step is never edited: a change is a new step at the end.
std::vector<store::Migration> migrations();

}  // namespace confidant::profile

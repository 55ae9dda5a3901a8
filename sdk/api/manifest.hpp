// The store's schema for the whole SDK: every layer's migration steps, in
// the order they were released.
//
// Each layer numbers its own steps 1..n (consent/schema.hpp). The manifest is
// a list of (layer, step) pairs that only ever grows at its end; a pair's
// position is its store-wide version. Releasing a schema change = appending
// the layer's new step to that layer's list *and* its pair here.
//
// Thread-safety: returns a fresh value.
#pragma once

#include <vector>

#include "store/store.hpp"

namespace confidant::api {

std::vector<store::Migration> sdk_migrations();

}  // namespace confidant::api

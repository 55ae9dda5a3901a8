// The sync layer's tables (docs/sync.md, "What the device keeps").
#pragma once

#include <vector>

#include "store/store.hpp"

namespace confidant::sync {

std::vector<store::Migration> migrations();

}  // namespace confidant::sync

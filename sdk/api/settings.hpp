// The person's SDK-wide settings kept in the store (table sdk_settings):
// for now, whether personalization is paused.
//
// Thread-safety: uses the Store; the worker's thread only.
#pragma once

#include <vector>

#include "confidant/status.hpp"
#include "store/store.hpp"

namespace confidant::api {

std::vector<store::Migration> settings_migrations();

Result<bool> load_paused(store::Store& store);
Status save_paused(store::Store& store, bool paused);

}  // namespace confidant::api

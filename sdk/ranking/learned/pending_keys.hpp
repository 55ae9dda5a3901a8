// PendingKeys: which keys of an in-memory ranking table changed, and which
// went, since its last save, so that save() writes and deletes only those.
// A key is in at most one of the two sets: the latest of changed()/removed()
// wins.
//
// Thread-safety: the owner's; one thread at a time.
#pragma once

#include <string>
#include <string_view>

#include "common/string_map.hpp"

namespace confidant::ranking {

class PendingKeys {
 public:
  void changed(std::string_view key) {
    if (const auto it = removed_.find(key); it != removed_.end()) removed_.erase(it);
    if (changed_.find(key) == changed_.end()) changed_.emplace(key);
  }
  void removed(std::string_view key) {
    if (const auto it = changed_.find(key); it != changed_.end()) changed_.erase(it);
    removed_.emplace(key);
  }
  // After a save: nothing is pending.
  void clear() noexcept {
    changed_.clear();
    removed_.clear();
  }
  bool any() const noexcept { return !changed_.empty() || !removed_.empty(); }

  // changed(key, value) for each changed key still in `table`, then
  // removed(key) for each removed one.
  template <typename Table, typename Changed, typename Removed>
  void for_each(const Table& table, Changed&& on_changed, Removed&& on_removed) const {
    for (const std::string& key : changed_) {
      if (const auto it = table.find(key); it != table.end()) on_changed(key, it->second);
    }
    for (const std::string& key : removed_) on_removed(key);
  }

 private:
  text::StringSet changed_;
  text::StringSet removed_;
};

}  // namespace confidant::ranking

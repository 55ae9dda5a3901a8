// Preferences: what the person stated — like, dislike, block — one per
// target, in their own words, never decaying; and the block indexes the hot
// path asks ("is this path, attribute or item blocked?") without allocating.
//
// Thread-safety: the owner's; one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/profile.hpp"
#include "confidant/status.hpp"
#include "common/string_map.hpp"
#include "profile/target.hpp"

namespace confidant::profile {

// The kind named by preference_kind_name() ("like", "dislike", "block").
Result<PreferenceKind> parse_preference_kind(std::string_view text);

struct StoredPreference {
  PreferenceKind kind = PreferenceKind::kLike;
  Target target;
  std::string text;          // verbatim; empty when none was given
  std::int64_t at_ms = 0;
  std::int64_t seq = 0;      // stating order (a restated target moves to the end)
  bool sensitive = false;    // the target lies in a sensitive category path
};

class Preferences {
 public:
  // Adds `preference`, replacing one on the same target.
  const StoredPreference& put(StoredPreference preference);
  // Removes the rows pred(const StoredPreference&) accepts; returns how many.
  template <typename Pred>
  std::size_t erase_if(Pred&& pred) {
    std::size_t erased = 0;
    for (auto it = by_target_.begin(); it != by_target_.end();) {
      if (pred(it->second)) {
        it = by_target_.erase(it);
        ++erased;
      } else {
        ++it;
      }
    }
    if (erased > 0) reindex_blocks();
    return erased;
  }

  const StoredPreference* find(std::string_view target_text) const;
  // In the order they were stated.
  std::vector<const StoredPreference*> in_stated_order() const;
  std::size_t size() const noexcept { return by_target_.size(); }
  // The next stating order number.
  std::int64_t next_seq() const noexcept { return last_seq_ + 1; }

  bool has_blocks() const noexcept { return !blocked_paths_.empty() || !blocked_items_.empty() || !blocked_attrs_.empty(); }
  // The path or one of its ancestors is blocked.
  bool blocks_path(std::string_view path) const;
  bool blocks_attribute(std::string_view key, std::string_view value) const;
  bool blocks_item(std::string_view item) const;

  // The like or dislike on the path or its nearest ancestor that has one;
  // nullptr when none.
  const StoredPreference* stated_about_path(std::string_view path) const;

 private:
  void index_block(const Target& target);
  void reindex_blocks();

  text::StringMap<StoredPreference> by_target_;  // by canonical target text
  std::int64_t last_seq_ = 0;
  text::StringSet blocked_paths_;
  text::StringSet blocked_items_;
  text::StringMap<text::StringSet> blocked_attrs_;  // key -> values
};

}  // namespace confidant::profile

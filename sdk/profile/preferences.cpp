#include "profile/preferences.hpp"

#include <algorithm>
#include <utility>

#include "common/quote.hpp"

namespace confidant::profile {

Result<PreferenceKind> parse_preference_kind(std::string_view text) {
  for (const PreferenceKind kind : {PreferenceKind::kLike, PreferenceKind::kDislike, PreferenceKind::kBlock}) {
    if (text == preference_kind_name(kind)) return kind;
  }
  return Status{ErrorCode::kInvalidArgument, "preference kind: unknown value " + text::quoted(text)};
}

const StoredPreference& Preferences::put(StoredPreference preference) {
  last_seq_ = std::max(last_seq_, preference.seq);
  const bool was_block = [&] {
    const auto it = by_target_.find(preference.target.text);
    return it != by_target_.end() && it->second.kind == PreferenceKind::kBlock;
  }();
  std::string key = preference.target.text;
  const StoredPreference& stored = by_target_.insert_or_assign(std::move(key), std::move(preference)).first->second;
  if (was_block) {
    reindex_blocks();  // a like replacing a block lifts it
  } else if (stored.kind == PreferenceKind::kBlock) {
    index_block(stored.target);
  }
  return stored;
}

const StoredPreference* Preferences::find(std::string_view target_text) const {
  const auto it = by_target_.find(target_text);
  return it == by_target_.end() ? nullptr : &it->second;
}

std::vector<const StoredPreference*> Preferences::in_stated_order() const {
  std::vector<const StoredPreference*> ordered;
  ordered.reserve(by_target_.size());
  for (const auto& entry : by_target_) ordered.push_back(&entry.second);
  std::sort(ordered.begin(), ordered.end(),
            [](const StoredPreference* a, const StoredPreference* b) { return a->seq < b->seq; });
  return ordered;
}

bool Preferences::blocks_path(std::string_view path) const {
  if (blocked_paths_.empty()) return false;
  return any_prefix(path, [this](std::string_view prefix) { return blocked_paths_.find(prefix) != blocked_paths_.end(); });
}

bool Preferences::blocks_attribute(std::string_view key, std::string_view value) const {
  if (blocked_attrs_.empty()) return false;
  const auto it = blocked_attrs_.find(key);
  return it != blocked_attrs_.end() && it->second.find(value) != it->second.end();
}

bool Preferences::blocks_item(std::string_view item) const {
  return !blocked_items_.empty() && blocked_items_.find(item) != blocked_items_.end();
}

const StoredPreference* Preferences::stated_about_path(std::string_view path) const {
  const StoredPreference* nearest = nullptr;
  any_prefix(path, [&](std::string_view prefix) {
    const StoredPreference* found = find(prefix);
    if (found != nullptr && found->kind != PreferenceKind::kBlock) nearest = found;  // deeper ones come later
    return false;
  });
  return nearest;
}

void Preferences::index_block(const Target& target) {
  switch (target.kind) {
    case TargetKind::kCategory: blocked_paths_.insert(target.key); break;
    case TargetKind::kItem: blocked_items_.insert(target.key); break;
    case TargetKind::kAttribute: blocked_attrs_[target.key].insert(target.value); break;
  }
}

void Preferences::reindex_blocks() {
  blocked_paths_.clear();
  blocked_items_.clear();
  blocked_attrs_.clear();
  for (const auto& entry : by_target_) {
    if (entry.second.kind == PreferenceKind::kBlock) index_block(entry.second.target);
  }
}

}  // namespace confidant::profile

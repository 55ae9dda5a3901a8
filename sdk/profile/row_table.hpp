// RowTable: the in-memory copy of one profile table (terms or suppressions),
// keyed like its SQL primary key, remembering which rows changed since the
// last save so save() writes only those.
//
// A row is about one target (category path, attribute value or item), learned
// from one signal type (for a suppression: its reason), and flagged when the
// signal lay in a sensitive category. Keeping the flag in the key keeps
// sensitive contributions in rows of their own, which a withdrawal of
// `sensitive` deletes without touching the rest.
//
// Lookups take a RowKeyView (string_views), so finding an existing row
// allocates nothing; only a new row copies its strings.
//
// Thread-safety: the owner's; one thread at a time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "confidant/signal.hpp"
#include "common/string_map.hpp"
#include "profile/target.hpp"

namespace confidant::profile {

struct RowKeyView {
  TargetKind kind = TargetKind::kCategory;
  SignalType type = SignalType::kView;
  bool sensitive = false;
  std::string_view key;    // path, attribute key or item id
  std::string_view value;  // attribute value; empty otherwise
};

struct RowKey {
  TargetKind kind = TargetKind::kCategory;
  SignalType type = SignalType::kView;
  bool sensitive = false;
  std::string key;
  std::string value;

  RowKeyView view() const noexcept { return {kind, type, sensitive, key, value}; }
  static RowKey from(const RowKeyView& v) { return {v.kind, v.type, v.sensitive, std::string(v.key), std::string(v.value)}; }
};

struct RowKeyHash {
  using is_transparent = void;
  std::size_t operator()(const RowKeyView& k) const noexcept {
    std::size_t h = (static_cast<std::size_t>(k.kind) << 16) | (static_cast<std::size_t>(k.type) << 1) |
                    static_cast<std::size_t>(k.sensitive);
    h = text::hash_mix(h, text::StringHash{}(k.key));
    return text::hash_mix(h, text::StringHash{}(k.value));
  }
  std::size_t operator()(const RowKey& k) const noexcept { return (*this)(k.view()); }
};

struct RowKeyEqual {
  using is_transparent = void;
  static bool same(const RowKeyView& a, const RowKeyView& b) noexcept {
    return a.kind == b.kind && a.type == b.type && a.sensitive == b.sensitive && a.key == b.key && a.value == b.value;
  }
  bool operator()(const RowKey& a, const RowKey& b) const noexcept { return same(a.view(), b.view()); }
  bool operator()(const RowKey& a, const RowKeyView& b) const noexcept { return same(a.view(), b); }
  bool operator()(const RowKeyView& a, const RowKey& b) const noexcept { return same(a, b.view()); }
};

template <typename Row>
class RowTable {
  struct Slot {
    Row row;
    bool changed = false;  // since the last save
  };
  using Map = std::unordered_map<RowKey, Slot, RowKeyHash, RowKeyEqual>;

 public:
  // The row for `key`, created empty when missing, marked changed.
  Row& touch(const RowKeyView& key) {
    auto it = rows_.find(key);
    if (it == rows_.end()) it = rows_.emplace(RowKey::from(key), Slot{}).first;
    if (!it->second.changed) {
      it->second.changed = true;
      changed_.push_back(&*it);
    }
    return it->second.row;
  }

  // A row as read from the store: not marked changed.
  void insert_saved(RowKey key, Row row) { rows_.insert_or_assign(std::move(key), Slot{std::move(row), false}); }

  const Row* find(const RowKeyView& key) const {
    const auto it = rows_.find(key);
    return it == rows_.end() ? nullptr : &it->second.row;
  }

  // fn(const RowKey&, const Row&) for every row, in no particular order.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (const auto& [key, slot] : rows_) fn(key, slot.row);
  }

  // fn(const RowKey&, const Row&) for the rows changed since mark_saved().
  template <typename Fn>
  void for_each_changed(Fn&& fn) const {
    for (const auto* entry : changed_) fn(entry->first, entry->second.row);
  }
  std::size_t changed_count() const noexcept { return changed_.size(); }

  void mark_saved() noexcept {
    for (auto* entry : changed_) entry->second.changed = false;
    changed_.clear();
  }

  // Removes the rows pred(key, row) accepts; returns how many.
  template <typename Pred>
  std::size_t erase_if(Pred&& pred) {
    std::size_t erased = 0;
    bool erased_changed = false;
    for (auto it = rows_.begin(); it != rows_.end();) {
      if (pred(it->first, it->second.row)) {
        erased_changed = erased_changed || it->second.changed;
        it = rows_.erase(it);
        ++erased;
      } else {
        ++it;
      }
    }
    // Erased entries leave dangling pointers in changed_; rare (purge, forget,
    // block), so rebuilding it is fine.
    if (erased_changed) {
      changed_.clear();
      for (auto& entry : rows_) {
        if (entry.second.changed) changed_.push_back(&entry);
      }
    }
    return erased;
  }

  std::size_t size() const noexcept { return rows_.size(); }
  void reserve(std::size_t count) { rows_.reserve(count); }

 private:
  Map rows_;
  // Node addresses stay put across rehashing, so these stay valid until
  // their entry is erased.
  std::vector<typename Map::value_type*> changed_;
};

}  // namespace confidant::profile

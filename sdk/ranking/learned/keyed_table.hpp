// KeyedTable<Row>: one of the tables the ranking learns on the device and
// keeps in memory (impressions per item, habits per place, hours per
// category path): rows by string key; which keys changed and which went
// since the last save, so save() writes and deletes only those
// (PendingKeys); and, for the bounded ones, the eviction of the weakest row.
// The tables differ only in their rows and in what a signal does to them.
//
// Thread-safety: the owner's; one thread at a time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "common/string_map.hpp"
#include "ranking/learned/pending_keys.hpp"

namespace confidant::ranking {

template <typename Row>
class KeyedTable {
 public:
  const Row* find(std::string_view key) const {
    const auto it = rows_.find(key);
    return it == rows_.end() ? nullptr : &it->second;
  }
  Row* find(std::string_view key) {
    const auto it = rows_.find(key);
    return it == rows_.end() ? nullptr : &it->second;
  }
  // The row for `key`, added as `fresh` when missing. Not marked changed:
  // the caller does that once it has changed it (mark_changed).
  Row& find_or_add(std::string_view key, Row fresh = {}) {
    auto it = rows_.find(key);
    if (it == rows_.end()) it = rows_.emplace(std::string(key), std::move(fresh)).first;
    return it->second;
  }
  void mark_changed(std::string_view key) { pending_.changed(key); }

  // A row read from the store: not marked changed.
  void insert_saved(std::string key, Row row) { rows_.insert_or_assign(std::move(key), std::move(row)); }

  // Removes `key`'s row (marked removed); false when there was none.
  bool erase(std::string_view key) {
    const auto it = rows_.find(key);
    if (it == rows_.end()) return false;
    pending_.removed(it->first);
    rows_.erase(it);
    return true;
  }
  // Removes the rows pred(key, row) accepts (each marked removed); returns how many.
  template <typename Pred>
  std::size_t erase_if(Pred&& pred) {
    std::size_t erased = 0;
    for (auto it = rows_.begin(); it != rows_.end();) {
      if (pred(std::string_view(it->first), it->second)) {
        pending_.removed(it->first);
        it = rows_.erase(it);
        ++erased;
      } else {
        ++it;
      }
    }
    return erased;
  }
  // Removes the row whose weight(row) is least; ties go by key, so what is
  // evicted does not depend on hash order.
  template <typename Weight>
  void evict_weakest(Weight&& weight) {
    auto weakest = rows_.end();
    double weakest_weight = 0;
    for (auto it = rows_.begin(); it != rows_.end(); ++it) {
      const double w = weight(it->second);
      if (weakest == rows_.end() || w < weakest_weight || (w == weakest_weight && it->first < weakest->first)) {
        weakest = it;
        weakest_weight = w;
      }
    }
    if (weakest == rows_.end()) return;
    pending_.removed(weakest->first);
    rows_.erase(weakest);
  }

  // Drops every row and what is pending: for a table whose stored rows the
  // caller deletes wholesale (a reset).
  void clear() {
    rows_.clear();
    pending_.clear();
  }
  // Drops every row, each marked removed, so save() deletes them.
  void remove_all() {
    for (const auto& [key, row] : rows_) pending_.removed(key);
    rows_.clear();
  }

  std::size_t size() const noexcept { return rows_.size(); }
  bool empty() const noexcept { return rows_.empty(); }

  // fn(key, row) for every row, in no particular order.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (const auto& [key, row] : rows_) fn(key, row);
  }
  // changed(key, row) for every row changed since mark_saved(); then
  // removed(key) for every key removed since.
  template <typename Changed, typename Removed>
  void for_each_pending(Changed&& changed, Removed&& removed) const {
    pending_.for_each(rows_, changed, removed);
  }
  bool has_pending() const noexcept { return pending_.any(); }
  void mark_saved() noexcept { pending_.clear(); }

 private:
  text::StringMap<Row> rows_;
  PendingKeys pending_;
};

}  // namespace confidant::ranking

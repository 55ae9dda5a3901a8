// FlatMap: open-addressing lookup tables keyed by string_views into strings
// the owner keeps alive (an arena, a memo's own copies): the ranking's profile
// index by item, attribute and path, and its path memo.
//
// Why not StringMap (string_map.hpp): std::unordered_map allocates a
// node per entry, hashes with std::hash on every lookup and scatters its
// nodes over the heap. Here a lookup hashes once (the caller may reuse the
// hash across maps), probes a small table of 8-byte slots, and allocates
// only when the map grows. A key is one or two views (an attribute is key
// and value), so "milk=oat" never has to be built as a string to be looked up.
//
// Thread-safety: a plain value; const lookups may run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "common/text_hash.hpp"

namespace confidant::text {

// Two views as one key; `second` is empty for single keys (then the hash
// is hash_text(first)).
struct TextKey {
  std::string_view first;
  std::string_view second;

  std::uint64_t hash() const noexcept { return hash_text_pair(first, second); }
  friend bool operator==(const TextKey& a, const TextKey& b) noexcept {
    return same_text(a.first, b.first) && same_text(a.second, b.second);
  }
};

// Entries live in one dense array, in insertion order; the probed table
// holds 8-byte slots (part of the hash, and the entry's position), so a
// lookup that misses — most candidates are not in the profile — touches
// only the small table, and a large index stays cache-friendly.
template <typename Value>
class FlatMap {
 public:
  FlatMap() = default;

  // Room for `count` entries without growing.
  void reserve(std::size_t count) {
    entries_.reserve(count);
    std::size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;  // at most half full: short probe runs
    if (capacity > slots_.size()) rehash(capacity);
  }

  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }

  // Starts loading the slot a find() with this hash looks at first, so a
  // caller that knows the next key can overlap the memory access with work.
  void prefetch(std::uint64_t hash) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & mask_]);
  }

  const Value* find(const TextKey& key) const noexcept { return find(key, key.hash()); }
  const Value* find(const TextKey& key, std::uint64_t hash) const noexcept {
    if (entries_.empty()) return nullptr;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot slot = slots_[i];
      if (slot.entry_plus_one == 0) return nullptr;
      if (slot.tag == tag) {
        const Entry& entry = entries_[slot.entry_plus_one - 1];
        if (entry.key == key) return &entry.value;
      }
    }
  }
  Value* find(const TextKey& key, std::uint64_t hash) noexcept {
    return const_cast<Value*>(std::as_const(*this).find(key, hash));
  }
  Value* find(const TextKey& key) noexcept { return find(key, key.hash()); }

  // The entry for `key`, value-initialized when new; `inserted` tells which.
  // References stay good until the next insertion.
  Value& get_or_insert(const TextKey& key, std::uint64_t hash, bool* inserted = nullptr) {
    if ((entries_.size() + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.entry_plus_one == 0) {
        entries_.push_back({key, hash, Value{}});
        slot = {tag, static_cast<std::uint32_t>(entries_.size())};
        if (inserted != nullptr) *inserted = true;
        return entries_.back().value;
      }
      if (slot.tag == tag) {
        Entry& entry = entries_[slot.entry_plus_one - 1];
        if (entry.key == key) {
          if (inserted != nullptr) *inserted = false;
          return entry.value;
        }
      }
    }
  }
  Value& get_or_insert(const TextKey& key, bool* inserted = nullptr) { return get_or_insert(key, key.hash(), inserted); }

  // fn(const TextKey&, Value&) for every entry, in insertion order.
  template <typename Fn>
  void for_each(Fn&& fn) {
    for (Entry& entry : entries_) fn(std::as_const(entry.key), entry.value);
  }

 private:
  struct Slot {
    std::uint32_t tag = 0;             // the hash's upper half
    std::uint32_t entry_plus_one = 0;  // 0: empty
  };
  struct Entry {
    TextKey key;
    std::uint64_t hash = 0;
    Value value{};
  };

  void rehash(std::size_t capacity) {
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (std::size_t e = 0; e < entries_.size(); ++e) {
      const std::uint64_t hash = entries_[e].hash;
      std::size_t i = hash & mask_;
      while (slots_[i].entry_plus_one != 0) i = (i + 1) & mask_;
      slots_[i] = {static_cast<std::uint32_t>(hash >> 32), static_cast<std::uint32_t>(e + 1)};
    }
  }

  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::size_t mask_ = 0;
};

}  // namespace confidant::text

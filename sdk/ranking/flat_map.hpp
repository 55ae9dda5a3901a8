// FlatMap: the lookup tables of a ranking (the profile index by item,
// attribute and path; the path memo), keyed by string_views into strings
// the owner keeps alive (an arena, a memo's own copies).
//
// Why not StringMap (profile/hashing.hpp): std::unordered_map allocates a
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
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace confidant::ranking {

// Eight bytes at a time, each word folded in with a multiply (the length
// first, so overlapping tail reads cannot make two texts alike), then a
// final avalanche so the low bits, which pick the slot, depend on every byte. Our own rather than std::hash: a key's hash is
// computed once and reused across the maps of one call, and short keys
// (ids, paths) take three or four steps instead of one per byte. Words are
// read in the machine's byte order: the hashes never leave memory.
inline std::uint64_t hash_text(std::string_view text, std::uint64_t seed = 0x9e3779b97f4a7c15ULL) noexcept {
  constexpr std::uint64_t kMultiplier = 0xbf58476d1ce4e5b9ULL;
  const auto mix = [](std::uint64_t h, std::uint64_t word) {
    h = (h ^ word) * kMultiplier;
    return h ^ (h >> 31);
  };
  const auto load = [](const char* at, std::size_t bytes) {  // bytes <= 8, a fixed-size copy per case
    std::uint64_t word = 0;
    if (bytes == 8) {
      std::memcpy(&word, at, 8);
    } else if (bytes >= 4) {
      std::uint32_t low;
      std::uint32_t high;
      std::memcpy(&low, at, 4);
      std::memcpy(&high, at + bytes - 4, 4);  // overlaps `low` when bytes < 8
      word = low | static_cast<std::uint64_t>(high) << 32;
    } else if (bytes > 0) {
      const auto byte = [at](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(at[i])); };
      word = byte(0) | byte(bytes / 2) << 8 | byte(bytes - 1) << 16;
    }
    return word;
  };
  const std::size_t size = text.size();
  std::uint64_t h = seed ^ (static_cast<std::uint64_t>(size) * kMultiplier);
  const char* bytes = text.data();
  if (size <= 8) {
    h = mix(h, load(bytes, size));
  } else {
    std::size_t offset = 0;
    for (; offset + 8 < size; offset += 8) h = mix(h, load(bytes + offset, 8));
    h = mix(h, load(bytes + size - 8, 8));  // the last word, overlapping the one before
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

// Equality of two short texts without a call into the C library: ids and
// paths are a few dozen bytes, compared on every hit.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t size = a.size();
  if (size != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (size >= 8) {
    // Whole words, then the last word (overlapping what was compared).
    std::uint64_t u;
    std::uint64_t v;
    for (std::size_t i = 0; i + 8 <= size; i += 8) {
      std::memcpy(&u, x + i, 8);
      std::memcpy(&v, y + i, 8);
      if (u != v) return false;
    }
    std::memcpy(&u, x + size - 8, 8);
    std::memcpy(&v, y + size - 8, 8);
    return u == v;
  }
  if (size >= 4) {
    // The first four bytes and the last four (overlapping): attribute names
    // and values ("size", "colour", "oat") are mostly this short.
    std::uint32_t u[2];
    std::uint32_t v[2];
    std::memcpy(&u[0], x, 4);
    std::memcpy(&v[0], y, 4);
    std::memcpy(&u[1], x + size - 4, 4);
    std::memcpy(&v[1], y + size - 4, 4);
    return ((u[0] ^ v[0]) | (u[1] ^ v[1])) == 0;
  }
  for (std::size_t i = 0; i < size; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

// Two views as one key; `second` is empty for single keys. The second is
// hashed with the first's hash as its seed, so ("a=", "b"), ("a", "=b") and
// ("a=b", "") hash apart.
struct TextKey {
  std::string_view first;
  std::string_view second;

  std::uint64_t hash() const noexcept {
    return second.empty() ? hash_text(first) : hash_text(second, hash_text(first) ^ 0x3dULL);
  }
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

}  // namespace confidant::ranking

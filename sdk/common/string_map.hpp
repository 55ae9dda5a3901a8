// Hash maps keyed by strings that can be searched with a string_view, so hot
// paths (ProfileState::apply, blocks, the ranking's learned tables) look keys
// up without allocating.
//
// Thread-safety: stateless function objects.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace confidant::text {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// Boost's mixing step: order-sensitive, cheap, good enough for a hash table.
constexpr std::size_t hash_mix(std::size_t seed, std::size_t value) noexcept {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

}  // namespace confidant::text

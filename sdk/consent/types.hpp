// The vocabulary of consent: data categories, uses, states, and the names
// they carry in the ledger, receipts and the CLI.
//
// The names are part of the ledger's hashed records and of exported receipts:
// never rename one; add new values at the end.
//
// Thread-safety: pure functions over constants.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "confidant/consent.hpp"
#include "confidant/status.hpp"

namespace confidant::consent {

// The enums and their order live in the public header; this layer adds
// names, parsing and the dense pair index.
using confidant::DataCategory;
using confidant::Use;
using confidant::ConsentState;
using confidant::Decision;
using confidant::Source;
using confidant::kAllCategories;
using confidant::kAllUses;

// "preferences", "browsing", "search", "purchases", "location", "sensitive".
std::string_view name(DataCategory category) noexcept;
// "personalize", "share".
std::string_view name(Use use) noexcept;
// "unknown", "granted", "denied".
std::string_view name(ConsentState state) noexcept;
// "granted", "withdrawn".
std::string_view name(Decision decision) noexcept;
// "user", "app_default", "cmp".
std::string_view name(Source source) noexcept;

// Exact, case-sensitive names. Errors are kInvalidArgument and name the field
// and the value, e.g. "category: unknown value 'foo'".
Result<DataCategory> parse_category(std::string_view text);
Result<Use> parse_use(std::string_view text);
Result<ConsentState> parse_state(std::string_view text);
Result<Decision> parse_decision(std::string_view text);
Result<Source> parse_source(std::string_view text);

// Comma-separated lists as the CLI takes them ("purchases,browsing"), or
// "all". Duplicates are kept once, in first-seen order; empty items are errors.
Result<std::vector<DataCategory>> parse_categories(std::string_view list);
Result<std::vector<Use>> parse_uses(std::string_view list);

// The state a decision leaves behind.
constexpr ConsentState state_after(Decision decision) noexcept {
  return decision == Decision::kGranted ? ConsentState::kGranted : ConsentState::kDenied;
}

// Dense index of a pair, 0 .. kPairCount-1 (category-major), for tables.
inline constexpr std::size_t kPairCount = kAllCategories.size() * kAllUses.size();
constexpr std::size_t pair_index(DataCategory category, Use use) noexcept {
  return static_cast<std::size_t>(category) * kAllUses.size() + static_cast<std::size_t>(use);
}

// The state of every pair, indexed by pair_index().
using StateTable = std::array<ConsentState, kPairCount>;

// The whole table in one word, two bits a pair in pair_index() order, so
// any thread reads consent with one atomic load (the gate's states, and what
// the SDK publishes to track() on the host's thread). 0 is all unknown.
using PackedStates = std::uint32_t;
static_assert(kPairCount * 2 <= 32, "the packed state table must fit one word");
constexpr PackedStates pack(const StateTable& states) noexcept {
  PackedStates packed = 0;
  for (std::size_t i = 0; i < states.size(); ++i) packed |= static_cast<PackedStates>(states[i]) << (2 * i);
  return packed;
}
constexpr ConsentState state_in(PackedStates packed, std::size_t pair) noexcept {
  return pair < kPairCount ? static_cast<ConsentState>((packed >> (2 * pair)) & 3u) : ConsentState::kUnknown;
}
constexpr StateTable unpack(PackedStates packed) noexcept {
  StateTable states{};
  for (std::size_t i = 0; i < states.size(); ++i) states[i] = state_in(packed, i);
  return states;
}

}  // namespace confidant::consent

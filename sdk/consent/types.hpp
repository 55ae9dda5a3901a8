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

#include "confidant/status.hpp"

namespace confidant::consent {

// What kind of data a signal is (PRIVACY.md, promise 2).
enum class DataCategory : std::uint8_t { kPreferences, kBrowsing, kSearch, kPurchases, kLocation, kSensitive };
// What the data may be used for.
enum class Use : std::uint8_t { kPersonalize, kShare };
// The state of one (category, use) pair. kUnknown (nothing recorded yet)
// behaves exactly as kDenied.
enum class ConsentState : std::uint8_t { kUnknown, kGranted, kDenied };
// What one ledger record says happened.
enum class Decision : std::uint8_t { kGranted, kWithdrawn };
// Who made the decision: the person, or the app applying a default (e.g. a
// first-run deny-all before any screen was shown).
enum class Source : std::uint8_t { kUser, kAppDefault };

inline constexpr std::array<DataCategory, 6> kAllCategories = {
    DataCategory::kPreferences, DataCategory::kBrowsing, DataCategory::kSearch,
    DataCategory::kPurchases,   DataCategory::kLocation, DataCategory::kSensitive};
inline constexpr std::array<Use, 2> kAllUses = {Use::kPersonalize, Use::kShare};

// "preferences", "browsing", "search", "purchases", "location", "sensitive".
std::string_view name(DataCategory category) noexcept;
// "personalize", "share".
std::string_view name(Use use) noexcept;
// "unknown", "granted", "denied".
std::string_view name(ConsentState state) noexcept;
// "granted", "withdrawn".
std::string_view name(Decision decision) noexcept;
// "user", "app_default".
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

}  // namespace confidant::consent

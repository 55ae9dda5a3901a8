// Consent vocabulary of the public API: the data categories a person can
// grant or deny, the uses they are granted for, and the state of each pair
// (PRIVACY.md, promise 2).
//
// Every pair starts kUnknown, which behaves exactly as kDenied: nothing is
// collected before a grant. Only an explicit call (Sdk::grant) makes a pair
// kGranted.
//
// Thread-safety: plain values.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace confidant {

// What kind of data a signal is. Names ("preferences", "browsing", "search",
// "purchases", "location", "sensitive") are stable: they appear in the ledger,
// receipts, exports and the CLI.
enum class DataCategory : std::uint8_t { kPreferences, kBrowsing, kSearch, kPurchases, kLocation, kSensitive };
// What the data may be used for: "personalize" (the on-device profile and
// ranking) or "share" (aggregated, noised reports to the brand).
enum class Use : std::uint8_t { kPersonalize, kShare };
// The state of one (category, use) pair: "unknown", "granted", "denied".
enum class ConsentState : std::uint8_t { kUnknown, kGranted, kDenied };
// What one ledger record says happened: "granted", "withdrawn".
enum class Decision : std::uint8_t { kGranted, kWithdrawn };
// Who decided: the person ("user"), the app applying a default before any
// screen was shown ("app_default"), or the app's consent-management platform
// ("cmp"), recorded only by Sdk::apply_cmp (cmp.hpp), never by grant or deny.
enum class Source : std::uint8_t { kUser, kAppDefault, kCmp };

inline constexpr std::array<DataCategory, 6> kAllCategories = {
    DataCategory::kPreferences, DataCategory::kBrowsing, DataCategory::kSearch,
    DataCategory::kPurchases,   DataCategory::kLocation, DataCategory::kSensitive};
inline constexpr std::array<Use, 2> kAllUses = {Use::kPersonalize, Use::kShare};

// Where a consent decision came from, recorded in the ledger with it.
struct ConsentContext {
  Source source = Source::kUser;
  // The version of the privacy policy or consent screen shown; 1..256 bytes of UTF-8.
  std::string policy_version = "1";
  // The text the person saw. Only its SHA-256 is recorded (so a receipt can
  // prove which text was shown without storing it). Empty means no text was shown.
  std::string shown_text;
};

// The state of every (category, use) pair at one moment.
struct ConsentStates {
  std::array<ConsentState, kAllCategories.size() * kAllUses.size()> states{};  // all kUnknown
  ConsentState of(DataCategory category, Use use) const {
    return states[static_cast<std::size_t>(category) * kAllUses.size() + static_cast<std::size_t>(use)];
  }
  bool granted(DataCategory category, Use use) const { return of(category, use) == ConsentState::kGranted; }
};

}  // namespace confidant

// Signal: what the app tells Confidant happened, or what the person said.
//
// The app fills a Signal and hands it to Sdk::track() (or, for stated
// preferences, Sdk::prefer()). Field names match the CLI's signal JSON:
//   {"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],
//    "attrs":{"milk":"oat"},"query":"...","rating":4,"at":"2026-11-20T08:00:00Z"}
//
// Which fields each type takes (anything else is rejected, naming the field):
//
//   type                          item      query     rating    text
//   view impression click
//   add_to_cart dismiss
//   purchase order already_have   required  -         -         -
//   visit                         required  -         -         -   (item = the place's id)
//   rate                          required  -         required  -
//   search                        optional  required  -         -
//   like dislike block            optional  -         -         optional
//
// `categories` and `attrs` are optional for every type; like, dislike and
// block need at least one target (item, category or attribute). Each type
// belongs to one consent DataCategory (purchase, order, already_have →
// purchases; search → search; visit → location; like, dislike, block →
// preferences; the rest → browsing); a signal is kept only while its category
// is granted for `personalize`, and a signal in a category path the taxonomy
// marks sensitive only while `sensitive` is granted too.
//
// Thread-safety: plain values.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/export.hpp"
#include "confidant/status.hpp"

namespace confidant {

// The type names ("view", "search", "add_to_cart", "purchase", "order",
// "dismiss", "already_have", "rate", "visit", "impression", "click", "like",
// "dislike", "block") are stable: they appear in stored rows, exports and the CLI.
enum class SignalType : std::uint8_t {
  kView,
  kSearch,
  kAddToCart,
  kPurchase,     // a durable good: suppresses the item for a while (you have one now)
  kOrder,        // a consumable (the morning latte): builds the person's "usual"
  kDismiss,      // "not for me": suppresses the item
  kAlreadyHave,  // bought elsewhere: suppresses the item like a purchase
  kRate,
  kVisit,
  kImpression,   // shown, not chosen
  kClick,
  // Explicit preferences, in the person's own words (`text`); they never decay.
  kLike,
  kDislike,
  kBlock,  // "don't personalize this"
};

inline constexpr std::array<SignalType, 14> kAllSignalTypes = {
    SignalType::kView,    SignalType::kSearch,     SignalType::kAddToCart,   SignalType::kPurchase,
    SignalType::kOrder,   SignalType::kDismiss,    SignalType::kAlreadyHave, SignalType::kRate,
    SignalType::kVisit,   SignalType::kImpression, SignalType::kClick,       SignalType::kLike,
    SignalType::kDislike, SignalType::kBlock};

// The earliest time a signal may carry: 2000-01-01T00:00:00Z in Unix
// milliseconds. Earlier times are refused because they are nearly always a
// mistake (seconds passed as milliseconds, an unset clock); tools replaying
// older logs shift them forward first (as `confidant eval` does).
inline constexpr std::int64_t kEarliestSignalTimeMs = 946'684'800'000;

struct Signal {
  SignalType type = SignalType::kView;
  // The app's id for the item (SKU, article, place): 1..128 bytes of UTF-8, no controls.
  std::optional<std::string> item;
  // Taxonomy paths the item belongs to, e.g. "drinks/coffee/latte": lowercase
  // segments [a-z0-9_-]+ joined by '/', at most 6 segments and 128 bytes; at most 8 paths.
  std::vector<std::string> categories;
  // Attributes as ordered, e.g. {"milk": "oat", "size": "grande"}; at most 16.
  std::map<std::string, std::string> attrs;
  // What the person searched for (search only): 1..256 bytes.
  std::optional<std::string> query;
  // Stars, 1..5 (rate only).
  std::optional<std::int64_t> rating;
  // When it happened, Unix time in milliseconds (UTC): at or after
  // kEarliestSignalTimeMs (2000-01-01) and at most 5 minutes ahead of the
  // SDK's clock. 0 means "now" (the SDK's clock).
  std::int64_t at = 0;
  // The person's own words for a preference ("I'm vegetarian"): 1..512 bytes, kept verbatim.
  std::optional<std::string> text;
};

// Reads one signal from its JSON form (one line of the CLI's JSONL). Strict:
// unknown fields, wrong JSON types and malformed times are kInvalidArgument
// naming the field ("rating: expected an integer"). "at" is an ISO 8601 time
// with a zone ("2026-11-20T08:00:00Z", "...+01:00", fractions allowed) or
// Unix milliseconds as a JSON integer; absent means now. Field limits and
// per-type rules are checked by Sdk::track(), not here.
CONFIDANT_EXPORT Result<Signal> signal_from_json(std::string_view json);
// The JSON form of a signal (absent optional fields omitted; "at" as ISO 8601
// UTC with milliseconds). signal_from_json(to_json(s)) == s.
CONFIDANT_EXPORT std::string to_json(const Signal& signal);

}  // namespace confidant

// The signal model: what the app tells the SDK happened (or what the person
// told it), before consent, the taxonomy or the store have seen it.
//
// A Signal is a plain value. The CLI's JSON reader and the public track() API
// fill one; validate() (signals/validate.hpp) decides whether it may go on to
// the consent gate. Whether a signal is *sensitive* is not decided here: the
// taxonomy marks sensitive category paths, and the ingestion step asks it.
//
// The type names are part of the CLI contract ("type":"add_to_cart"), of
// stored rows and of exports: never rename one; add new types at the end.
//
// Thread-safety: plain values and pure functions over constants.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/signal.hpp"
#include "confidant/status.hpp"
#include "consent/types.hpp"

namespace confidant::signals {

// The enum and the Signal struct live in the public header (confidant/signal.hpp).
using confidant::Signal;
using confidant::SignalType;
using confidant::kAllSignalTypes;

// "view", "search", "add_to_cart", "purchase", "order", "dismiss",
// "already_have", "rate", "visit", "impression", "click", "like", "dislike",
// "block"; "invalid" for a value outside the enum.
std::string_view name(SignalType type) noexcept;

// Exact, case-sensitive. Errors are kInvalidArgument naming the field and the
// value: "type: unknown value 'foo'".
Result<SignalType> parse_signal_type(std::string_view text);

// The consent data category each type belongs to (PRIVACY.md, promise 2). A
// signal is only kept when its category is granted for `personalize`.
//
//   type          category     why
//   view          browsing
//   impression    browsing     shown to the person, not chosen: the weakest browsing signal
//   click         browsing
//   add_to_cart   browsing     intent, not a transaction; a cart can be abandoned
//   dismiss       browsing     feedback on something browsed ("not for me")
//   rate          browsing     feedback on an item, handled like other implicit
//                              signals (it decays); `preferences` is kept for what
//                              is shown back verbatim and never decays, so that
//                              denying it removes exactly the stated preferences
//   search        search
//   purchase      purchases
//   order         purchases    a purchase of a consumable (the usual latte)
//   already_have  purchases    says the person owns it: ownership is purchase data
//                              even when bought elsewhere (scenario 1)
//   visit         location     being at a place (store, hotel) is location data
//   like          preferences
//   dislike       preferences
//   block         preferences
//
// Sensitive (consent::DataCategory::kSensitive) is never returned: it is a
// property of the category path, decided by the taxonomy at ingestion.
consent::DataCategory data_category(SignalType type) noexcept;

// like, dislike, block: what the person says, rather than what they did.
constexpr bool is_preference(SignalType type) noexcept {
  return type == SignalType::kLike || type == SignalType::kDislike || type == SignalType::kBlock;
}

// Whether a field must, may or must not be present for a type.
enum class Presence : std::uint8_t { kForbidden, kOptional, kRequired };

// Which optional fields each type takes (validate() enforces this):
//
//   type                         item      query     rating    text
//   view impression click
//   add_to_cart dismiss
//   purchase order already_have  required  -         -         -
//   visit                        required  -         -         -     (item = the place's id)
//   rate                         required  -         required  -
//   search                       optional  required  -         -
//   like dislike block           optional  -         -         optional
//
//   ("-" = forbidden.) `categories` and `attrs` are optional for every type,
//   but like/dislike/block need at least one target: an item, a category or
//   an attribute (the CLI's `prefer like TARGET`).
//
// Why forbid rather than ignore: a field carries data of its type's consent
// category. A query riding on a `click` would store search terms under the
// `browsing` grant; the person's own words on a `view` would store free text
// no preference screen shows back. Rejecting keeps each grant honest and
// tells the integrator at once.
struct FieldRules {
  Presence item;
  Presence query;
  Presence rating;
  Presence text;
  bool needs_target;  // item, categories or attrs: at least one
};
FieldRules field_rules(SignalType type) noexcept;

}  // namespace confidant::signals

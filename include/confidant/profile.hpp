// Profile: what Confidant knows about the person, in a form the app can show
// back to them ("tea — you told us", "running shoes — viewed 5 times this week").
//
// Targets. Every entry is about one target, written as text the app, the
// person and the CLI share:
//   "drinks/coffee"   a category path (and everything under it)
//   "milk=oat"        an attribute value
//   "item:latte-1"    one item (only in suppressions and item preferences)
// Sdk::prefer() and Sdk::forget() take the same forms.
//
// A Profile is a snapshot computed at `as_of_ms` (the SDK's clock); inferred
// scores decay with time, stated preferences never do.
//
// Thread-safety: plain values; to_json() is a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "confidant/export.hpp"
#include "confidant/signal.hpp"

namespace confidant {

// What the person said about a target. Names: "like", "dislike", "block".
enum class PreferenceKind : std::uint8_t { kLike, kDislike, kBlock };

// Stated by the person: never decays, outranks anything inferred, and is
// shown back exactly as stated.
struct StatedPreference {
  PreferenceKind kind = PreferenceKind::kLike;
  std::string target;
  std::string text;         // the person's own words, verbatim; empty when none were given
  std::int64_t at_ms = 0;   // when it was said
  std::string explanation;  // "tea — you told us"
};

// Inferred from what the person did; fades with time.
struct Interest {
  std::string target;       // a category path or attr=value
  double score = 0;         // decayed weight at as_of_ms; comparable within one profile only
  std::int64_t signals = 0; // how many signals contributed (including folded ones past retention)
  std::int64_t last_ms = 0; // the latest of them
  std::string explanation;  // "running shoes — viewed 5 times this week"
};

// The person's usual choice for one attribute, built by repeated orders.
struct Usual {
  std::string attribute;    // "milk"
  std::string value;        // "oat"
  std::int64_t orders = 0;  // orders with this value
  double share = 0;         // its share of the attribute's (decayed) order weight, 0..1
  std::string explanation;  // "oat milk — your usual (8 of 9 orders)"
};

// Something not to recommend for now: bought, already owned or dismissed.
struct Suppression {
  std::string target;       // "item:battery-1", or the item's category path (its near-duplicates)
  SignalType reason = SignalType::kPurchase;  // purchase, already_have or dismiss
  std::int64_t since_ms = 0;
  std::int64_t until_ms = 0;
  std::string explanation;  // "battery-1 — you already have this"
};

struct Profile {
  std::int64_t as_of_ms = 0;
  bool paused = false;                          // personalization paused by the person
  std::vector<StatedPreference> preferences;    // in the order they were stated
  std::vector<Interest> interests;              // strongest first
  std::vector<Usual> usual;                     // by attribute name
  std::vector<Suppression> suppressions;        // active ones, soonest to end first
};

// "like", "dislike", "block".
CONFIDANT_EXPORT const char* preference_kind_name(PreferenceKind kind) noexcept;

// One JSON object (UTF-8, one line):
//   {"as_of":"2026-11-20T08:00:00.000Z","paused":false,
//    "preferences":[{"kind":"like","target":"drinks/tea","text":"...","at":"...","explanation":"..."}],
//    "interests":[{"target":"...","score":1.25,"signals":5,"last":"...","explanation":"..."}],
//    "usual":[{"attribute":"milk","value":"oat","orders":8,"share":0.9,"explanation":"..."}],
//    "suppressions":[{"target":"item:battery-1","reason":"already_have","since":"...","until":"...","explanation":"..."}]}
CONFIDANT_EXPORT std::string to_json(const Profile& profile);

}  // namespace confidant

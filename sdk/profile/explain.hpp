// The plain-English lines the profile shows the person, one per entry:
//   "tea — you told us"
//   "pasta — you told us you don't like it"
//   "lingerie — you asked us not to personalize this"
//   "running shoes — viewed 5 times this week"
//   "oat milk — your usual (8 of 9 orders)"
//   "battery-1 — you already have this"
// Each starts with the target's label: a category's taxonomy label, an
// attribute as "<value> <key>" ("oat milk"), an item by its id.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "confidant/profile.hpp"
#include "confidant/signal.hpp"
#include "profile/target.hpp"
#include "profile/taxonomy.hpp"

namespace confidant::profile {

std::string label_of(const Taxonomy& taxonomy, TargetKind kind, std::string_view key, std::string_view value);

std::string explain_preference(PreferenceKind kind, std::string_view label);

// "viewed 5 times this week", "searched for once last on 2026-10-01":
// what the person did most (`type`), how often, and how lately. "this week"
// (or "in the last N days" when recent_ms is not 7 days) when `last_ms` is
// at most `recent_ms` before `now_ms`.
std::string describe_activity(SignalType type, std::int64_t count, std::int64_t last_ms, std::int64_t now_ms,
                              std::int64_t recent_ms);

// "running shoes — viewed 5 times this week"; when the person also stated a
// like or dislike covering it, that comes first, since it outranks the
// inference: "tea — you told us; viewed once this week".
std::string explain_interest(std::string_view label, std::string_view activity, const PreferenceKind* stated);

std::string explain_usual(std::string_view label, std::int64_t orders, std::int64_t attribute_orders);

// Items: "battery-1 — you already have this"; categories (near-duplicates):
// "camera batteries — you already have one of these".
std::string explain_suppression(std::string_view label, SignalType reason, bool is_item);

}  // namespace confidant::profile

// The hard rules (issue 5, section 3): why a candidate is never shown,
// whatever its score. evaluate() applies them before scoring; explain()
// reports them as a reason with its own stable code.
//
//   code            when
//   blocked         the person blocked the item, one of its categories or attribute values
//   sensitive       flagged or in a sensitive category, and `sensitive` is not granted
//   same_item       the item a related slot is about
//   near_duplicate  related to that item at least near_duplicate_relatedness, or in the
//                   same first category with the same (non-empty) attributes
//   already_have    suppressed: the person said they already have it (or one of its kind)
//   bought          suppressed: a durable bought recently (or one of its kind)
//   dismissed       suppressed: dismissed recently
//   shown_often     shown max_impressions_per_day times today without being chosen
//
// The first four hold for every ranking: blocks only ever narrow, and
// consent and the slot are not personal data. The last four read the
// profile, so a non-personal ranking does not apply them.
//
// Thread-safety: a plain enum.
#pragma once

#include <cstdint>

namespace confidant::ranking {

enum class FilterReason : std::uint8_t {
  kNone,
  kBlocked,
  kSensitive,
  kSameItem,
  kNearDuplicate,
  kSuppressed,  // explain() tells which suppression: already_have, bought or dismissed
  kShownOften,
};

}  // namespace confidant::ranking

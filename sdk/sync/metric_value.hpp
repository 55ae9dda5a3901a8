// A metric's true value on this device: the one domain member the profile
// says most about, counting only what the person allowed to be shared.
//
//   top_category:    the domain path with the most decayed, rolled-up
//                    interest (a path's score includes its descendants').
//   attribute_value: the domain value of the metric's attribute with the
//                    most decayed affinity (the person's usual).
//
// Only inferred interest terms count, and a term counts only when its signal
// type's data category is granted for `share`; a term flagged sensitive (or
// about a path the profile's taxonomy marks), or a domain member that
// taxonomy marks, counts only when `sensitive` is granted for share too. The
// profile's taxonomy is the effective one: the SDK's marks and the installed
// config's (api/effective_taxonomy.hpp). Nothing else is looked at: no raw
// signals, no identifiers, no time but the epoch.
//
// Thread-safety: pure function over a const profile.
#pragma once

#include <cstdint>
#include <optional>

#include "confidant/consent.hpp"
#include "confidant_sync.pb.h"
#include "profile/profile_state.hpp"

namespace confidant::sync {

// A set of DataCategory values as bits (1 << category).
using CategoryMask = std::uint32_t;
inline constexpr CategoryMask mask_of(DataCategory category) noexcept { return 1U << static_cast<unsigned>(category); }

struct TrueValue {
  std::uint32_t index = 0;  // into the metric's domain
  CategoryMask from = 0;    // the data categories whose terms made it
};

// What share consent allows, per data category.
struct ShareGrants {
  ConsentStates states;
  bool allows(DataCategory category) const noexcept { return states.of(category, Use::kShare) == ConsentState::kGranted; }
};

// Nothing when no allowed term scores above zero in the domain.
std::optional<TrueValue> true_value(const proto::Metric& metric, const profile::ProfileState& profile,
                                    const ShareGrants& grants, std::int64_t now_ms);

}  // namespace confidant::sync

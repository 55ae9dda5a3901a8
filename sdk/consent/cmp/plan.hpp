// What applying a CMP's state would record: its decisions as ledger choices,
// the policy version and the text hash of their records. Pure: reading,
// checking and mapping happen here, on the caller's thread, before anything
// is queued for the store (api/engine_cmp.cpp applies a plan).
//
// The text hash is the SHA-256 of the state's canonical form, never the TC
// string: a TC string is a quasi-identifier (a CMP may keep it server-side,
// and ad requests carry it), and the hash is enough to tell one state from
// the next and, for whoever holds the inputs, to check a receipt. The form
// (docs/consent.md, "The CMP's state"):
//
//   confidant.cmp.v1\n
//   tcf:<len>:<what was read of the TCF, or empty>\n
//   consent_mode:<len>:<the signals given, or empty>\n
//   vendor_id:<len>:<decimal, 0 for none>\n
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "confidant/cmp.hpp"
#include "confidant/status.hpp"
#include "consent/cmp/mapping.hpp"
#include "consent/gate.hpp"

namespace confidant::consent::cmp {

inline constexpr std::string_view kStateFormat = "confidant.cmp.v1";

struct CmpPlan {
  PairDecisions decisions{};
  std::vector<Choice> choices;  // the decided pairs, in pair_index order
  std::string policy_version;   // "tcf:policy=5,gvl=93,cmp=56/2;consent_mode:v2"
  std::string cmp_hash;         // lower-case hex SHA-256 of the canonical state
};

// kInvalidArgument naming the field when the signals are missing, malformed
// or invalid (kUnsupported for a TC string version other than 2).
Result<CmpPlan> plan_cmp(const CmpSignals& signals, const CmpOptions& options);

}  // namespace confidant::consent::cmp

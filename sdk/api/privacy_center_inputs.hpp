// What the privacy center model is built from, read in one trip to the
// worker (Engine::privacy_center_inputs) so the sections agree with each
// other, then turned into the model off the worker (build_privacy_center).
//
// Thread-safety: plain values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "confidant/consent.hpp"
#include "confidant/privacy_center.hpp"
#include "confidant/profile.hpp"
#include "confidant/sync.hpp"
#include "api/effective_taxonomy.hpp"

namespace confidant::api {

// The latest ledger record of one (category, use) pair: who decided, when,
// under which policy version.
struct CellOrigin {
  Source source = Source::kUser;
  std::int64_t at_ms = 0;
  std::string policy_version;
};

struct CenterInputs {
  std::int64_t now_ms = 0;
  Profile profile;
  ConsentStates states;
  // Indexed as ConsentStates::states; empty when the pair was never decided.
  std::array<std::optional<CellOrigin>, kAllCategories.size() * kAllUses.size()> origins;
  std::string policy_version;   // the ledger's latest record's; empty when there is none
  std::string shared_reports;   // Sdk::shared_reports' NDJSON
  Budget budget;
  // The effective taxonomy, for the labels of targets and report buckets
  // ("drinks/coffee" -> "coffee"); immutable, so safe to read off the worker.
  TaxonomyPtr taxonomy;
};

// The model (confidant/privacy_center.hpp) from what was read.
PrivacyCenter build_privacy_center(const CenterInputs& in);

}  // namespace confidant::api

// An experiment's estimate in one plain sentence, for the dashboard:
// "personalized: 2.3 ± 0.2 orders a week; not personalized: 1.9 ± 0.3;
// lift +21 % (+9 % to +33 %)", or "not enough reports yet (k = 100; ...)".
// The ± is half the 95 % interval; the lift in % is the ratio's, else (a
// mean not positive) the difference's, in the outcome's own unit.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "experiment_stats.hpp"

namespace collector {

// "orders", "purchases", "visits" or "active days": the outcome source's unit.
std::string outcome_unit(const std::string& source);

// `source` is the outcome's (OutcomeInfo::source); k the publication threshold.
std::string lift_sentence(const ExperimentStats& e, const std::string& source, std::uint64_t epoch_seconds,
                          std::uint32_t k);

}  // namespace collector

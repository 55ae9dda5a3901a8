// An outcome's true value for one epoch: a count from the person's own kept
// signals of that epoch (orders, purchases, visits, or the UTC days with any
// signal), counting only signals whose data category is granted for share.
// Nothing else is read: no profile, no item, no time finer than the epoch
// leaves through it, only the bucket the count falls in.
//
// Thread-safety: pure function.
#pragma once

#include <span>

#include "confidant/signal.hpp"
#include "confidant_sync.pb.h"
#include "sync/metric_value.hpp"

namespace confidant::sync {

struct OutcomeCount {
  std::uint64_t count = 0;
  CategoryMask from = 0;  // the data categories the count may draw on
};

OutcomeCount outcome_count(const proto::Outcome& outcome, std::span<const Signal> epoch_signals,
                           const ShareGrants& grants);

}  // namespace confidant::sync

#include "sync/outcome_value.hpp"

#include <set>

#include "signals/signal.hpp"
#include "sync/experiment.hpp"

namespace confidant::sync {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

std::optional<SignalType> counted_type(proto::OutcomeSource source) noexcept {
  switch (source) {
    case proto::ORDERS: return SignalType::kOrder;
    case proto::PURCHASES: return SignalType::kPurchase;
    case proto::VISITS: return SignalType::kVisit;
    default: return std::nullopt;
  }
}

}  // namespace

OutcomeCount outcome_count(const proto::Outcome& outcome, std::span<const Signal> epoch_signals,
                           const ShareGrants& grants) {
  OutcomeCount out;
  if (const auto type = counted_type(outcome.source())) {
    const DataCategory category = signals::data_category(*type);
    if (!grants.allows(category)) return out;
    out.from = mask_of(category);
    for (const Signal& signal : epoch_signals) out.count += signal.type == *type ? 1 : 0;
    return out;
  }
  // Active days: a day counts when any share-granted signal fell in it. The
  // report then draws on every granted category (a withdrawal of any of
  // them discards it).
  std::set<std::int64_t> days;
  for (const Signal& signal : epoch_signals) {
    const DataCategory category = signals::data_category(signal.type);
    if (!grants.allows(category)) continue;
    out.from |= mask_of(category);
    days.insert(signal.at / kDayMs);
  }
  out.count = days.size();
  return out;
}

}  // namespace confidant::sync

#include "profile/usual.hpp"

#include <map>

#include "profile/exact_sum.hpp"

namespace confidant::profile {
namespace {

struct ValueWeight {
  ExactSum score;
  std::int64_t orders = 0;
};

}  // namespace

std::vector<UsualChoice> usual_choices(const TermTable& terms, const ModelParams& params,
                                       const Preferences& preferences, std::int64_t now_ms) {
  // Sorted maps: the result comes out by attribute, and ties between values
  // break the same way every time.
  std::map<std::string, std::map<std::string, ValueWeight>, std::less<>> by_attribute;
  const double half_life_ms = params.half_life_ms(SignalType::kOrder);
  terms.for_each([&](const RowKey& key, const Term& term) {
    if (key.kind != TargetKind::kAttribute || key.type != SignalType::kOrder) return;
    if (preferences.blocks_attribute(key.key, key.value)) return;
    ValueWeight& weight = by_attribute[key.key][key.value];  // sensitive and not: one value
    weight.score += term.decayed.at(now_ms, half_life_ms);
    weight.orders += term.count;
  });

  std::vector<UsualChoice> usual;
  for (const auto& [attribute, values] : by_attribute) {
    ExactSum total;
    std::int64_t total_orders = 0;
    const std::pair<const std::string, ValueWeight>* best = nullptr;
    for (const auto& entry : values) {
      total += entry.second.score.value();
      total_orders += entry.second.orders;
      if (best == nullptr || entry.second.score.value() > best->second.score.value()) best = &entry;
    }
    if (best == nullptr || !(total.value() > 0)) continue;
    const double share = best->second.score.value() / total.value();
    if (best->second.orders < params.usual_min_orders || share < params.usual_min_share) continue;
    usual.push_back({attribute, best->first, best->second.orders, total_orders, share});
  }
  return usual;
}

}  // namespace confidant::profile

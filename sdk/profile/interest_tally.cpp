#include "profile/interest_tally.hpp"

#include <algorithm>
#include <string>

#include "profile/target.hpp"

namespace confidant::profile {
namespace {

template <typename Value>
Value& slot(text::StringMap<Value>& map, std::string_view key) {
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(std::string(key), Value{}).first;
  return it->second;
}

// Calls add(map, target_key, type, decayed score, term) for every target a
// term counts towards: a category term towards its path and each ancestor.
// Item terms only when `Maps` has an `items` map.
template <typename Maps, typename Add>
void roll_up(const TermTable& terms, const ModelParams& params, std::int64_t now_ms, Maps& maps, Add&& add) {
  constexpr bool kWithItems = requires { maps.items; };
  std::string attribute;
  terms.for_each([&](const RowKey& key, const Term& term) {
    if (!kWithItems && key.kind == TargetKind::kItem) return;
    const double score = term.decayed.at(now_ms, params.half_life_ms(key.type));
    switch (key.kind) {
      case TargetKind::kCategory:
        any_prefix(key.key, [&](std::string_view prefix) {
          add(maps.categories, prefix, key.type, score, term);
          return false;
        });
        break;
      case TargetKind::kAttribute:
        attribute.assign(key.key).append("=").append(key.value);
        add(maps.attributes, attribute, key.type, score, term);
        break;
      case TargetKind::kItem:
        if constexpr (kWithItems) add(maps.items, key.key, key.type, score, term);
        break;
    }
  });
}

}  // namespace

void TargetTally::add(SignalType type, double decayed_score, const Term& term) {
  score += decayed_score;
  count += term.count;
  last_ms = std::max(last_ms, term.last_ms);
  TypeTally& of_type = by_type[static_cast<std::size_t>(type)];
  of_type.score += decayed_score;
  of_type.count += term.count;
  of_type.last_ms = std::max(of_type.last_ms, term.last_ms);
}

SignalType TargetTally::dominant_type() const {
  std::size_t best = 0;
  for (std::size_t i = 1; i < by_type.size(); ++i) {
    if (by_type[i].score.value() > by_type[best].score.value()) best = i;
  }
  return static_cast<SignalType>(best);
}

InterestScores interest_scores(const TermTable& terms, const ModelParams& params, std::int64_t now_ms) {
  struct Sums {
    text::StringMap<ExactSum> categories, attributes, items;
  } sums;
  roll_up(terms, params, now_ms, sums,
          [](text::StringMap<ExactSum>& map, std::string_view key, SignalType, double score, const Term&) {
            slot(map, key) += score;
          });
  const auto values = [](text::StringMap<ExactSum>& from) {
    text::StringMap<double> to;
    to.reserve(from.size());
    for (auto& [key, sum] : from) to.emplace(std::move(key), sum.value());
    return to;
  };
  return {values(sums.categories), values(sums.attributes), values(sums.items)};
}

InterestTally interest_tally(const TermTable& terms, const ModelParams& params, std::int64_t now_ms) {
  InterestTally tally;
  roll_up(terms, params, now_ms, tally,
          [](text::StringMap<TargetTally>& map, std::string_view key, SignalType type, double score, const Term& term) {
            slot(map, key).add(type, score, term);
          });
  return tally;
}

}  // namespace confidant::profile

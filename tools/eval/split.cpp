#include "eval/split.hpp"

#include <algorithm>

namespace confidant::eval {

const char* split_mode_name(SplitMode mode) { return mode == SplitMode::kRepeat ? "repeat" : "new"; }

std::optional<SplitMode> split_mode_from_name(std::string_view name) {
  if (name == "new") return SplitMode::kNew;
  if (name == "repeat") return SplitMode::kRepeat;
  return std::nullopt;
}

bool is_positive(const Signal& signal) {
  switch (signal.type) {
    case SignalType::kOrder:
    case SignalType::kPurchase:
    case SignalType::kClick:
    case SignalType::kAddToCart:
    case SignalType::kView:
    case SignalType::kVisit: return true;
    case SignalType::kRate: return signal.rating && *signal.rating >= 4;
    default: return false;
  }
}

std::optional<std::size_t> positive_catalog_item(const Dataset& data, const Signal& signal) {
  if (!is_positive(signal)) return std::nullopt;
  const auto found = data.catalog_index.find(*signal.item);  // a positive always names its item
  if (found == data.catalog_index.end()) return std::nullopt;
  return found->second;
}

Split split_users(const Dataset& data, SplitMode mode) {
  std::vector<std::vector<std::size_t>> by_user(data.users.size());
  for (std::size_t i = 0; i < data.interactions.size(); ++i) by_user[data.interactions[i].user].push_back(i);

  Split split;
  split.cases.reserve(data.users.size());
  for (std::uint32_t user = 0; user < by_user.size(); ++user) {
    std::vector<std::size_t>& mine = by_user[user];
    if (mine.size() < 2) {
      ++split.skipped.too_few;
      continue;
    }
    // Stable: equal times keep the file's order, the only order there is.
    std::stable_sort(mine.begin(), mine.end(), [&](std::size_t a, std::size_t b) {
      return data.interactions[a].signal.at < data.interactions[b].signal.at;
    });
    const auto last_positive = std::find_if(mine.rbegin(), mine.rend(), [&](std::size_t i) {
      return is_positive(data.interactions[i].signal);
    });
    if (last_positive == mine.rend()) {
      ++split.skipped.no_positive;
      continue;
    }
    const Interaction& held = data.interactions[*last_positive];
    const std::optional<std::size_t> item = positive_catalog_item(data, held.signal);
    if (!item) {
      ++split.skipped.not_in_catalog;
      continue;
    }
    UserCase c;
    c.user = user;
    c.held_out = *last_positive;
    c.held_out_item = *item;
    c.held_out_at = held.signal.at;
    const bool keep_held_item = mode == SplitMode::kRepeat;
    for (auto it = mine.begin(); it != last_positive.base() - 1; ++it) {
      const Signal& signal = data.interactions[*it].signal;
      const bool held_item = signal.item && *signal.item == *held.signal.item;
      if (held_item && !keep_held_item) continue;
      c.training.push_back(*it);
      if (held_item && is_positive(signal)) c.repeat = true;
      if (!signal.item || keep_held_item) continue;  // the repeat split takes nothing out
      if (const auto seen = data.catalog_index.find(*signal.item); seen != data.catalog_index.end()) {
        c.excluded_items.push_back(seen->second);
      }
    }
    if (c.training.empty()) {
      ++split.skipped.no_history;
      continue;
    }
    std::sort(c.excluded_items.begin(), c.excluded_items.end());
    c.excluded_items.erase(std::unique(c.excluded_items.begin(), c.excluded_items.end()), c.excluded_items.end());
    split.cases.push_back(std::move(c));
  }
  return split;
}

}  // namespace confidant::eval

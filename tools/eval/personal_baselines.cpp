#include "eval/personal_baselines.hpp"

#include <cmath>
#include <unordered_set>

#include "eval/baselines.hpp"

namespace confidant::eval {
namespace {

// The held-out item's 1-based position among the user's candidates ordered
// by score, higher first, ties by `place` (most-popular order).
// `excluded` is all 0, and is left so.
std::size_t position(const std::vector<double>& score, const std::vector<std::size_t>& place, const UserCase& c,
                     std::vector<char>& excluded) {
  for (const std::size_t out : c.excluded_items) excluded[out] = 1;
  const std::size_t h = c.held_out_item;
  std::size_t ahead = 0;
  for (std::size_t i = 0; i < score.size(); ++i) {
    if (excluded[i] || i == h) continue;
    ahead += score[i] > score[h] || (score[i] == score[h] && place[i] < place[h]) ? 1 : 0;
  }
  for (const std::size_t out : c.excluded_items) excluded[out] = 0;
  return ahead + 1;
}

template <typename Scores>
std::vector<std::size_t> positions_by(const Dataset& data, const Split& split, Scores scores) {
  const std::vector<std::size_t> place = most_popular_places(data, split);
  std::vector<char> excluded(data.catalog.size(), 0);
  std::vector<std::size_t> positions;
  positions.reserve(split.cases.size());
  for (const UserCase& c : split.cases) positions.push_back(position(scores(c), place, c, excluded));
  return positions;
}

}  // namespace

std::vector<std::size_t> recent_positive_items(const Dataset& data, const UserCase& c, std::size_t count) {
  std::vector<std::size_t> items;
  std::unordered_set<std::size_t> taken;
  for (auto i = c.training.rbegin(); i != c.training.rend() && items.size() < count; ++i) {
    const auto item = positive_catalog_item(data, data.interactions[*i].signal);
    if (item && taken.insert(*item).second) items.push_back(*item);
  }
  return items;
}

RelatedIndex::RelatedIndex(const Dataset& data) : named_by_(data.catalog.size()) {
  for (std::size_t j = 0; j < data.catalog.size(); ++j) {
    for (const auto& [id, weight] : data.catalog[j].related) {
      // A related item the catalog does not have is no one's recent item.
      if (const auto found = data.catalog_index.find(id); found != data.catalog_index.end()) {
        named_by_[found->second].emplace_back(j, weight);
      }
    }
  }
}

std::vector<double> RelatedIndex::scores(const std::vector<std::size_t>& items) const {
  std::vector<double> score(named_by_.size(), 0.0);
  for (const std::size_t i : items)
    for (const auto& [j, weight] : named_by_[i]) score[j] += weight;
  return score;
}

std::vector<double> item_knn_recent_scores(const Dataset& data, const RelatedIndex& related, const UserCase& c) {
  return related.scores(recent_positive_items(data, c, kKnnRecentItems));
}

std::vector<double> decayed_frequency_scores(const Dataset& data, const UserCase& c) {
  std::vector<double> score(data.catalog.size(), 0.0);
  for (const std::size_t i : c.training) {
    const Signal& signal = data.interactions[i].signal;
    if (const auto item = positive_catalog_item(data, signal)) {
      const double age = static_cast<double>(c.held_out_at - signal.at);
      score[*item] += std::exp2(-age / static_cast<double>(kDecayHalfLifeMs));
    }
  }
  return score;
}

std::vector<std::size_t> item_knn_recent_positions(const Dataset& data, const Split& split) {
  const RelatedIndex related(data);
  return positions_by(data, split, [&](const UserCase& c) { return item_knn_recent_scores(data, related, c); });
}

std::vector<std::size_t> decayed_frequency_positions(const Dataset& data, const Split& split) {
  return positions_by(data, split, [&](const UserCase& c) { return decayed_frequency_scores(data, c); });
}

}  // namespace confidant::eval

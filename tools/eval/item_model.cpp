#include "eval/item_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "eval/baselines.hpp"

namespace confidant::eval {
namespace {

// Per user, the distinct catalog items of their positive training
// interactions, the most recent kItemsPerUser of them.
std::vector<std::vector<std::size_t>> positive_items_per_user(const Dataset& data, const Split& split) {
  std::vector<std::vector<std::size_t>> users;
  users.reserve(split.cases.size());
  std::unordered_set<std::size_t> taken;
  for (const UserCase& c : split.cases) {
    std::vector<std::size_t> items;
    taken.clear();
    for (auto i = c.training.rbegin(); i != c.training.rend() && items.size() < kItemsPerUser; ++i) {
      const auto item = positive_catalog_item(data, data.interactions[*i].signal);
      if (item && taken.insert(*item).second) items.push_back(*item);
    }
    users.push_back(std::move(items));
  }
  return users;
}

}  // namespace

bool fill_missing_popularity(Dataset& data, const Split& split) {
  for (const Candidate& candidate : data.catalog)
    if (candidate.popularity != 0) return false;
  const std::vector<std::uint64_t> counts = training_counts(data, split);
  const std::uint64_t most = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
  if (most == 0) return false;
  const double scale = std::log1p(static_cast<double>(most));
  for (std::size_t i = 0; i < counts.size(); ++i)
    data.catalog[i].popularity = std::log1p(static_cast<double>(counts[i])) / scale;
  return true;
}

bool fill_missing_related(Dataset& data, const Split& split) {
  for (const Candidate& candidate : data.catalog)
    if (!candidate.related.empty()) return false;
  const std::vector<std::vector<std::size_t>> users = positive_items_per_user(data, split);

  // Item -> the users who have it, so one item's co-occurrences are
  // gathered at a time into one dense row (no pair table in memory).
  const std::size_t n = data.catalog.size();
  std::vector<std::vector<std::uint32_t>> holders(n);
  for (std::size_t u = 0; u < users.size(); ++u)
    for (const std::size_t item : users[u]) holders[item].push_back(static_cast<std::uint32_t>(u));

  std::vector<std::uint32_t> together(n, 0);
  std::vector<std::size_t> touched;
  std::vector<std::pair<double, std::size_t>> scored;
  bool filled = false;
  for (std::size_t item = 0; item < n; ++item) {
    if (holders[item].empty()) continue;
    touched.clear();
    for (const std::uint32_t u : holders[item]) {
      for (const std::size_t other : users[u]) {
        if (other == item) continue;
        if (together[other]++ == 0) touched.push_back(other);
      }
    }
    scored.clear();
    const double own = static_cast<double>(holders[item].size());
    for (const std::size_t other : touched) {
      const double cosine = together[other] / std::sqrt(own * static_cast<double>(holders[other].size()));
      scored.emplace_back(cosine, other);
      together[other] = 0;
    }
    if (scored.empty()) continue;
    // Closest first; ties by catalog order, so the result is the same on every run.
    const auto closer = [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    };
    const std::size_t keep = std::min(kRelatedPerItem, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(), closer);
    const double closest = scored.front().first;
    for (std::size_t r = 0; r < keep; ++r)
      data.catalog[item].related[data.catalog[scored[r].second].id] = scored[r].first / closest;
    filled = true;
  }
  return filled;
}

std::vector<Candidate> without_related(const std::vector<Candidate>& catalog) {
  // Whole copies, then the related items cleared: a field Candidate gains
  // later is kept without a change here.
  std::vector<Candidate> out = catalog;
  for (Candidate& candidate : out) candidate.related.clear();
  return out;
}

}  // namespace confidant::eval

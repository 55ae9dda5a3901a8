#include "ranking/pipeline/selection.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "ranking/index/path_facts.hpp"
#include "ranking/pipeline/random.hpp"

namespace confidant::ranking {
namespace {

bool better(const Scored& a, const Scored& b) noexcept {
  if (a.score != b.score) return a.score > b.score;
  return a.index < b.index;
}

// Seeds differ from the request's own number so that seed 0 is as random as any.
constexpr std::uint64_t kSeedSalt = 0x6e65775f666f7221ULL;  // "new_for!"

struct ExplorationPlan {
  std::vector<std::size_t> positions;  // ascending
  std::vector<std::uint32_t> picks;    // indices into `scored`, one per position
};

// `by_merit`: the candidates best first, sorted at least to `length`. A
// category whose best candidate already places above a slot on its score is
// not drawn for it: the slot would only move that candidate down the list.
// One that places at the slot itself may be drawn: it stays where it is, now
// labelled "new for you", which it is.
// Called with a positive exploration_share.
ExplorationPlan plan_exploration(const std::vector<Scored>& scored, const std::vector<std::uint32_t>& by_merit,
                                 std::size_t length, const RankRequest& request) {
  ExplorationPlan plan;
  const auto slots = static_cast<std::size_t>(std::floor(static_cast<double>(request.limit) * request.exploration_share + 1e-9));
  if (slots == 0) return plan;

  // The best explorable candidate of each unengaged category.
  struct Option {
    std::uint32_t group = 0;
    std::uint32_t best = 0;  // index into scored
  };
  std::vector<Option> options;
  std::vector<std::uint32_t> option_of_group;  // group id -> options index + 1 (0: none yet)
  for (std::uint32_t i = 0; i < scored.size(); ++i) {
    const Scored& s = scored[i];
    if (!s.explorable || s.group == kNoGroup) continue;
    if (s.group >= option_of_group.size()) option_of_group.resize(s.group + 1, 0);
    std::uint32_t& slot = option_of_group[s.group];
    if (slot == 0) {
      options.push_back({s.group, i});
      slot = static_cast<std::uint32_t>(options.size());
    } else if (better(s, scored[options[slot - 1].best])) {
      options[slot - 1].best = i;
    }
  }
  // Options in a fixed order (by their best candidate's input order), so
  // the draws do not depend on the order groups were first seen.
  std::sort(options.begin(), options.end(),
            [&scored](const Option& a, const Option& b) { return scored[a.best].index < scored[b.best].index; });

  SplitMix64 random(request.seed ^ kSeedSalt);
  const std::size_t block = std::max<std::size_t>(1, request.limit / slots);
  for (std::size_t slot = 0; slot < slots && !options.empty(); ++slot) {
    const std::size_t start = slot * block;
    if (start >= length) break;
    const std::size_t end = std::min(length, start + block);  // exclusive
    const std::size_t first = std::min(start + 2, end - 1);
    const std::size_t position = first + static_cast<std::size_t>(random.below(end - first));

    const auto eligible = [&](const Option& option) {
      // At or below the slot on merit: not better than the candidate there.
      return !better(scored[option.best], scored[by_merit[position]]);
    };
    double total = 0;
    std::size_t chosen = options.size();
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (!eligible(options[i])) continue;
      total += 0.25 + scored[options[i].best].popularity;
      chosen = i;  // the last eligible one, should rounding leave the draw unspent
    }
    if (chosen == options.size()) continue;  // every category left shows here on merit
    double draw = random.uniform() * total;
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (!eligible(options[i])) continue;
      draw -= 0.25 + scored[options[i].best].popularity;
      if (draw < 0) {
        chosen = i;
        break;
      }
    }
    plan.positions.push_back(position);
    plan.picks.push_back(options[chosen].best);
    options.erase(options.begin() + static_cast<std::ptrdiff_t>(chosen));
  }
  return plan;
}

// Counts per category within the current window.
class WindowCounts {
 public:
  void clear() { counts_.clear(); }
  std::size_t of(std::uint32_t group) const {
    for (const auto& [g, n] : counts_) {
      if (g == group) return n;
    }
    return 0;
  }
  void add(std::uint32_t group) {
    if (group == kNoGroup) return;
    for (auto& [g, n] : counts_) {
      if (g == group) {
        ++n;
        return;
      }
    }
    counts_.emplace_back(group, 1);
  }

 private:
  std::vector<std::pair<std::uint32_t, std::size_t>> counts_;
};

}  // namespace

std::vector<Placement> select(std::vector<Scored>& scored, const RankRequest& request, const RankingParams& params,
                              bool personal) {
  const std::size_t length = std::min(request.limit, scored.size());
  std::vector<Placement> out;
  out.reserve(length);
  if (length == 0) return out;

  // The main pool, best first. A variety pass may need to look past the
  // first `length`; start with a margin and widen only when stuck.
  std::vector<std::uint32_t> pool(scored.size());
  for (std::uint32_t i = 0; i < scored.size(); ++i) pool[i] = i;
  const auto by_score = [&scored](std::uint32_t a, std::uint32_t b) { return better(scored[a], scored[b]); };
  std::size_t sorted = std::min(pool.size(), request.variety ? std::max(length * 4, length + 32) : length);
  std::partial_sort(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(sorted), pool.end(), by_score);

  ExplorationPlan plan;
  if (personal && request.exploration_share > 0) {
    plan = plan_exploration(scored, pool, length, request);
  }
  if (!plan.picks.empty()) {
    // Explorers leave the main pool (keeping its order): they are placed at their own positions.
    std::vector<bool> reserved(scored.size(), false);
    for (const std::uint32_t pick : plan.picks) reserved[pick] = true;
    const auto is_reserved = [&reserved](std::uint32_t i) { return static_cast<bool>(reserved[i]); };
    sorted -= static_cast<std::size_t>(
        std::count_if(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(sorted), is_reserved));
    pool.erase(std::remove_if(pool.begin(), pool.end(), is_reserved), pool.end());
  }
  std::vector<bool> taken(scored.size(), false);

  const std::size_t window = params.variety_window;
  WindowCounts counts;
  std::vector<std::uint32_t> in_window;  // scored indices placed in the current window
  std::size_t next_plan = 0;
  for (std::size_t position = 0; position < length; ++position) {
    if (position % window == 0) {
      counts.clear();
      in_window.clear();
      // Explorers due in this window count against its cap from its start.
      for (std::size_t p = 0; p < plan.positions.size(); ++p) {
        if (plan.positions[p] / window == position / window) counts.add(scored[plan.picks[p]].group);
      }
    }
    if (next_plan < plan.positions.size() && plan.positions[next_plan] == position) {
      const std::uint32_t pick = plan.picks[next_plan++];
      out.push_back({pick, true});
      in_window.push_back(pick);
      continue;
    }

    std::uint32_t chosen = static_cast<std::uint32_t>(scored.size());
    if (!request.variety) {
      for (std::size_t k = 0; k < sorted; ++k) {
        if (!taken[pool[k]]) {
          chosen = pool[k];
          break;
        }
      }
    } else {
      for (int attempt = 0; attempt < 2 && chosen == scored.size(); ++attempt) {
        double best_adjusted = 0;
        for (std::size_t k = 0; k < sorted; ++k) {
          const std::uint32_t i = pool[k];
          if (taken[i]) continue;
          const Scored& s = scored[i];
          if (chosen != scored.size() && s.score <= best_adjusted) break;  // sorted: nothing later can win
          if (s.group != kNoGroup && counts.of(s.group) >= request.max_per_category) continue;
          double similarity = 0;
          for (const std::uint32_t placed : in_window) {
            const Scored& other = scored[placed];
            if (s.group != kNoGroup && other.group == s.group) {
              similarity = 1.0;
              break;
            }
            if (s.parent_group != kNoGroup && other.parent_group == s.parent_group) {
              similarity = std::max(similarity, params.parent_backoff);
            }
          }
          const double adjusted = s.score - params.mmr_lambda * similarity;
          if (chosen == scored.size() || adjusted > best_adjusted) {
            chosen = i;
            best_adjusted = adjusted;
          }
        }
        if (chosen == scored.size() && sorted < pool.size()) {
          // Every candidate looked at is capped: look at all of them.
          std::sort(pool.begin() + static_cast<std::ptrdiff_t>(sorted), pool.end(), by_score);
          sorted = pool.size();
        }
      }
      if (chosen == scored.size()) {
        // Still nothing under the cap: the best remaining, capped or not.
        for (std::size_t k = 0; k < sorted; ++k) {
          if (!taken[pool[k]]) {
            chosen = pool[k];
            break;
          }
        }
      }
    }
    if (chosen == scored.size()) break;  // fewer candidates than positions
    taken[chosen] = true;
    counts.add(scored[chosen].group);
    in_window.push_back(chosen);
    out.push_back({chosen, false});
  }
  return out;
}

}  // namespace confidant::ranking

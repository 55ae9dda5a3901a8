// RankingParams: every number of the ranking model, with its default and
// why (docs/ranking.md says the same at more length), and the score
// components they weigh.
//
// A candidate's score is
//
//   stated_weight · (likes − dislikes that cover it)
//     + Σ_c  weight[c] · multiplier[c] · value[c]
//
// where value[c] is one of the components below, each within a fixed range
// ([-1, 1] or [0, 1]), and multiplier[c] is what the on-device learner made
// of the person's feedback, clamped to [learned_min, learned_max]. check()
// refuses a stated_weight that does not exceed the widest possible spread
// of the sum, so one more stated like always outranks any inference: this
// is how "stated preferences win" is kept, by construction.
//
// Thread-safety: a plain value; read-only once handed to a ranking.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "confidant/status.hpp"

namespace confidant::ranking {

// The inferred part of a score, one value per component. The names are
// stable: they are stored (the learner's table) and documented.
enum class Component : std::uint8_t {
  kCategoryInterest,   // "category_interest": decayed, rolled-up interest in the item's categories, [-1, 1]
  kUsual,              // "usual": share of the item's attributes that are the person's usual, [0, 1]
  kAttributeInterest,  // "attribute_interest": interest in the item's attribute values, [-1, 1]
  kItemHistory,        // "item_history": the person's own past engagement with this very item, [-1, 1]
  kRelatedToRecent,    // "related_to_recent": related to items engaged with recently, [0, 1]
  kRelatedToItem,      // "related_to_item": related to the item of a related slot, [0, 1]
  kPopularity,         // "popularity": the brand's prior, [0, 1]
  kTimeOfDay,          // "time_of_day": how much the person engages with its categories at this hour, [0, 1]
  kMoment,             // "moment": how much the named moment favours its categories, [0, 1]
  kNovelty,            // "novelty": not seen, or seen rarely, [0, 1]
  kPlace,              // "place": how much the person orders its categories at the request's place, [0, 1]
};
inline constexpr std::size_t kComponentCount = 11;
using ComponentVector = std::array<double, kComponentCount>;

std::string_view name(Component component) noexcept;
// The lowest value a component takes (-1 or 0); the highest is always 1.
double lowest_value(Component component) noexcept;
constexpr std::size_t index_of(Component component) noexcept { return static_cast<std::size_t>(component); }

struct RankingParams {
  // The defaults below, as one shared instance that lives forever.
  static const RankingParams& defaults();

  // Weight per component (index_of(Component)). Why these: the moment the
  // app names is the strongest hint of what is wanted *now* (on arrival at
  // the hotel, amenities beat the room types browsed while booking); the
  // usual comes next, then interest; popularity is a prior that orders what
  // the person has shown nothing about; novelty only breaks near-ties in
  // favour of the unseen.
  ComponentVector weights = {
      1.0,   // category_interest
      1.2,   // usual
      0.4,   // attribute_interest
      0.8,   // item_history
      0.6,   // related_to_recent
      1.0,   // related_to_item
      0.5,   // popularity
      0.6,   // time_of_day
      2.0,   // moment
      0.1,   // novelty
      0.8,   // place: a habit at this very place, above the habit at this hour
  };
  // Per stated like (minus per dislike). Must exceed max_inferred_spread().
  double stated_weight = 25;

  // The learner's multipliers stay within [learned_min, learned_max]: it
  // may halve or double a component's weight, never silence or invert it.
  double learned_min = 0.5;
  double learned_max = 2.0;
  // Online logistic regression: step size, and the pull back towards 1 per
  // update (so old lessons fade when the person changes).
  double learning_rate = 0.05;
  double prior_pull = 0.01;

  // Interest s (a decayed sum, docs/profile.md) is read as s / (s + k): a
  // one-off search (0.5) gives 0.14, a week of daily views (~6) 0.67. A
  // fixed k, not the person's maximum, so a lone search never becomes
  // "the strongest interest" just because nothing else is known (scenario 2).
  double interest_saturation = 3.0;
  // A path's interest also counts its ancestors', discounted per level:
  // liking lattes says something, less, about cappuccinos.
  double parent_backoff = 0.5;

  // Time of day: a category's engagement within ±window_hours of now, as a
  // share of all its engagement, times total / (total + confidence).
  int time_of_day_window_hours = 1;
  double time_of_day_confidence = 2.0;
  // How fast the hour histograms forget.
  double time_of_day_half_life_days = 60;
  // Paths kept in the histograms, at most (the weakest goes first).
  std::size_t time_of_day_max_paths = 512;

  // Place (places.hpp): an order or purchase counts towards the place
  // visited at most this long before it.
  int place_window_hours = 2;
  // A category's share of a place's orders, times orders / (orders + confidence).
  double place_confidence = 2.0;
  double place_half_life_days = 90;
  // Places kept, at most (the weakest goes first).
  std::size_t place_max_places = 64;

  // Related to recent (the item model over the person's items): an item's
  // weight halves every recent_half_rank moments back (the newest moment
  // weighs 1, the 4th 0.5), so the last few items decide, as in item-kNN
  // over recent items; the summed evidence s is read as s / (s + k). On
  // MovieLens 100K these took NDCG@10 from 0.083 (every engaged item by its
  // decayed score) to 0.102 (docs/ranking.md, "Evaluation").
  double recent_half_rank = 3;
  double related_saturation = 1.0;

  // Related slot: a candidate at least this related to the slot's item (or
  // it to the candidate) is a near-duplicate, never shown there.
  double near_duplicate_relatedness = 0.9;
  // Frequency cap: an item shown this many times today (UTC) without being
  // chosen is not shown again today. 0: no cap.
  std::int64_t max_impressions_per_day = 3;

  // Variety: the cap applies within each window of this many results;
  // within it, MMR subtracts mmr_lambda · similarity to what is already
  // chosen (1 for the same category, parent_backoff for a sibling).
  std::size_t variety_window = 10;
  double mmr_lambda = 0.15;

  // Explanations: terms contributing at least this much, at most max_reasons.
  double reason_min_contribution = 0.05;
  std::size_t max_reasons = 4;
  // "Popular right now" only for an item at least this popular.
  double popular_min = 0.5;

  // Served results remembered for learning from the feedback that follows.
  std::size_t served_memory = 256;
  // Feedback later than this after the item was served teaches nothing.
  std::int64_t feedback_window_ms = 24LL * 3'600'000;
};

// The widest gap the inferred part can make between two candidates:
// learned_max · Σ weight · (1 − lowest_value).
double max_inferred_spread(const RankingParams& params) noexcept;

// kInvalidArgument naming the field for a value that cannot work (a
// negative weight, a stated weight inferences could outweigh, ...).
// The defaults pass.
Status check(const RankingParams& params);

}  // namespace confidant::ranking

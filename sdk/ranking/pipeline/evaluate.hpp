// evaluate(): one candidate through the hard filters and the score — the
// hot loop of a ranking, run once per candidate, allocating nothing.
//
// The score (ranking_params.hpp has the formula) is the stated part plus
// the weighted components. A personal ranking uses all of them; a
// non-personal one only what the brand knows: popularity, and in a related
// slot the item model's relatedness to the slot's item.
//
// The evaluation also keeps the evidence each term came from (which
// preference, which path, which related item), so an explanation can name
// what actually produced the score.
//
// Thread-safety: one thread; see PathMemo.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "confidant/ranking.hpp"
#include "profile/taxonomy.hpp"
#include "ranking/pipeline/candidate_scan.hpp"
#include "ranking/pipeline/filters.hpp"
#include "ranking/pipeline/moments.hpp"
#include "ranking/index/path_facts.hpp"
#include "ranking/learned/places.hpp"

namespace confidant::ranking {

// An item, each of its paths and each attribute value may carry one.
inline constexpr std::size_t kMaxStated = 1 + 8 + 16;
inline constexpr std::size_t kNoPath = static_cast<std::size_t>(-1);
// The usuals a call weighs against its list (usual_strengths()); any beyond
// count for nothing.
inline constexpr std::size_t kMaxUsuals = 32;

constexpr std::array<double, kMaxUsuals> filled_ones() noexcept {
  std::array<double, kMaxUsuals> out{};
  for (double& x : out) x = 1.0;
  return out;
}

struct Evaluation {
  // A category path that is malformed, or repeats categories[duplicate_of]:
  // the candidate is invalid and nothing else is filled.
  std::size_t bad_path = kNoPath;
  std::size_t duplicate_of = kNoPath;

  FilterReason filtered = FilterReason::kNone;
  double score = 0;
  // The score without the usual's term, and which of the index's usuals
  // (bit u: usual()[u]) the candidate names and matches: what the list's
  // second look (usual_strengths()) needs to give the usual its weight.
  double score_without_usual = 0;
  std::uint32_t usual_named = 0;
  std::uint32_t usual_matched = 0;
  ComponentVector values{};
  int stated_net = 0;  // likes minus dislikes covering it
  bool sensitive = false;
  bool engaged = false;  // one of its categories has the person's positive interest
  std::uint32_t group = kNoGroup;
  std::uint32_t parent_group = kNoGroup;
  profile::ItemKind kind = profile::ItemKind::kDurable;

  // Evidence.
  std::array<const Stated*, kMaxStated> stated{};
  std::size_t stated_count = 0;
  std::string_view interest_path;
  std::string_view time_of_day_path;
  std::string_view place_path;     // the path the place habit came from
  std::string_view attribute_key;  // the strongest attribute interest
  std::string_view attribute_value;
  std::string_view related_item;   // the recently engaged item it relates to

  // Back to the state above, without clearing `stated` (only its first
  // stated_count entries are ever read): the hot loop reuses one Evaluation.
  void reset() noexcept;
};

struct CallContext {
  const profile::ProfileState* profile = nullptr;
  const ProfileIndex* index = nullptr;
  const RankingParams* params = nullptr;
  const Moment* moment = nullptr;  // the request's, when the table knows it
  // What the person orders at the request's place, when it may be used
  // (personal, location granted, a place the ranking has learned).
  const PlaceHabit* place = nullptr;
  // params.weights times the learner's multipliers (personal), or the plain weights.
  ComponentVector weights{};
  // By recent_rank: 0.5^(rank / params.recent_half_rank).
  std::array<double, kRecentItems> recency_weights{};
  // A related slot's item id (nullptr on the home slot), and its candidate
  // when it is among the candidates (then its own relations count too).
  const std::string* anchor_id = nullptr;
  const Candidate* anchor = nullptr;
  // Per usual (index.usual()[u]): how much matching it counts, from
  // usual_strengths(); 1 until the list has been looked at.
  std::array<double, kMaxUsuals> usual_strength = filled_ones();
  std::int64_t now_ms = 0;
  bool sensitive_granted = false;
};

// The usual's value for a candidate: the strengths of the usuals it
// matches, over the number it names.
double usual_value(std::uint32_t named, std::uint32_t matched, const std::array<double, kMaxUsuals>& strength) noexcept;

// The score once the usual's value is known: score_without_usual + its term
// (evaluate() computes it the same way, to the bit).
inline double with_usual(double score_without_usual, double weight, double value) noexcept {
  return score_without_usual + weight * value;
}

// How much each usual counts in this list: by how much more of the person's
// choices carry the usual value (UsualChoice::share) than of the list does
// (the share of the listed candidates carrying it), as a part of what is
// left above the list's share, in [0, 1]. A price tier or a national brand
// that is the person's usual and most of the shelf's separates nothing; oat
// milk, a third of a coffee menu and nine in ten of the person's lattes,
// does. `matched[u]`: listed candidates that carry usual u; `listed`: all,
// to which one more item without the value is added (a short list is a
// small sample of what could be offered).
std::array<double, kMaxUsuals> usual_strengths(const std::vector<profile::UsualChoice>& usuals,
                                               const std::array<std::uint32_t, kMaxUsuals>& matched,
                                               std::uint32_t listed) noexcept;

// Precondition: `scanned` is a valid candidate's scan (scan_candidate()
// true, or check_candidate() ok).
void evaluate(const ScannedCandidate& scanned, const CallContext& context, PathMemo& paths, Evaluation& out);

}  // namespace confidant::ranking

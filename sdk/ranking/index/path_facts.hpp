// PathFacts: everything a ranking needs to know about one category path,
// computed the first time a candidate names it and reused for every other
// candidate that does (a catalogue of 10,000 items has a few hundred paths),
// and — through IndexCache — by later calls while the profile is unchanged.
//
// The memo keeps its own copy of each path, so its facts (and the views in
// them) outlive the candidates of the call that first named the path.
//
// Thread-safety: one thread.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "profile/preferences.hpp"
#include "profile/taxonomy.hpp"
#include "common/flat_map.hpp"
#include "ranking/pipeline/inputs.hpp"
#include "ranking/index/profile_index.hpp"

namespace confidant::ranking {

inline constexpr std::uint32_t kNoGroup = 0xffffffffu;

struct PathFacts {
  bool valid = false;      // the path passed the syntax check
  bool blocked = false;    // the person blocked it or an ancestor
  bool sensitive = false;  // the taxonomy marks it or an ancestor
  std::optional<profile::ItemKind> kind;
  // Variety: ids of this path and of its parent (kNoGroup for a root).
  std::uint32_t group = kNoGroup;
  std::uint32_t parent_group = kNoGroup;

  // Personal facts (left empty for a non-personal index).
  std::int64_t suppressed_until = 0;  // the latest suppression of it or an ancestor
  double interest = 0;                // the path's share of the person's interest, shrunk; [-1, 1]
  std::string_view interest_path;     // the path (or ancestor) it came from
  bool engaged = false;               // positive interest in the path itself (or under it)
  double time_of_day = 0;             // [0, 1]
  std::string_view time_of_day_path;  // the histogram it came from
  const Stated* stated = nullptr;
};

// Everything path facts depend on; the pointees outlive the memo.
struct PathContext {
  const profile::ProfileState* profile = nullptr;
  const ProfileIndex* index = nullptr;
  const LearnedState* learned = nullptr;
  const RankingParams* params = nullptr;
  std::int64_t valued_at_ms = 0;  // the time interests and habits are valued at
};

// A positive interest s in a path, out of the person's whole interest
// `total`, read as s / (total + k): the path's share of what the person
// engages with, shrunk towards 0 by k of pseudo-evidence that points nowhere.
// With one interest only (total = s) it is s / (s + k), saturate()'s value.
inline double interest_share(double interest, double total, double k) noexcept {
  if (!std::isfinite(interest) || !std::isfinite(total) || interest <= 0) return 0;
  return interest / (std::max(total, interest) + k);
}

// s / (s + k) for s >= 0, and its mirror for s < 0: a decayed interest read
// as a number in (-1, 1). Inline: scoring calls it for every related item.
inline double saturate(double score, double half_point) noexcept {
  if (!std::isfinite(score)) return 0;
  return score >= 0 ? score / (score + half_point) : score / (-score + half_point);
}

class PathMemo {
 public:
  explicit PathMemo(const PathContext& context) : context_(context) {}
  PathMemo(const PathMemo&) = delete;
  PathMemo& operator=(const PathMemo&) = delete;

  // The facts of `path`, computed on first sight; `hash` is
  // hash_text(path). A path that fails the syntax check comes back with
  // valid == false (and nothing else filled). The reference is good until
  // the next call: a new path may move entries.
  const PathFacts& facts(std::string_view path, std::uint64_t hash);

  // The paths seen so far, in the order first seen.
  const std::deque<std::string>& paths() const noexcept { return owned_; }

 private:
  void compute(std::string_view path, PathFacts& facts);
  std::uint32_t group_of(std::string_view path);

  PathContext context_;
  // learned time_of_day's usual_share_near(), computed on first need.
  std::optional<double> usual_hour_share_;
  std::deque<std::string> owned_;  // the keys; a deque never moves its elements
  text::FlatMap<PathFacts> facts_;
  text::FlatMap<std::uint32_t> groups_;
};

// Whether `path` follows the category path rules (signals/validate.hpp):
// segments of [a-z0-9_-], at most 6, at most 128 bytes, no empty segment.
bool is_valid_path(std::string_view path) noexcept;

}  // namespace confidant::ranking

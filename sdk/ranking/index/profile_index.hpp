// ProfileIndex: the profile as one ranking reads it, computed once at one
// time, in flat maps, so that a candidate costs one lookup for its id, one
// per attribute and one per category path (path_facts.hpp), and nothing is
// allocated per candidate (docs/ranking.md, "Cost"):
//
//   per item       the person's history with it (decayed, purchases apart,
//                  impressions counted, how recent among their items), a
//                  like or dislike stated on it,
//                  whether it is blocked, suppressed until when, and shown
//                  how often today (the frequency cap)
//   per attribute  interest in the value, a like or dislike, whether blocked
//   per path       rolled-up interest (own terms and descendants')
//   the usual, and every like and dislike
//
// The index owns copies of its keys and of the preferences it uses, so a
// cached index (index_cache.hpp) never points into rows the profile has
// since replaced.
//
// A non-personal index holds the blocks only: they narrow every list.
// Sensitive rows and preferences take part only when `sensitive` is
// granted: the engine purges them on withdrawal, and the index does not rely
// on that alone.
//
// Thread-safety: built and read by one thread.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "profile/exact_sum.hpp"
#include "profile/profile_state.hpp"
#include "profile/usual.hpp"
#include "common/flat_map.hpp"
#include "ranking/learned/learned_state.hpp"
#include "common/text_arena.hpp"

namespace confidant::ranking {

// A like or dislike, as the index keeps it.
struct Stated {
  bool like = true;
  profile::TargetKind kind = profile::TargetKind::kCategory;
  std::string target;  // the canonical text: "drinks/tea", "milk=oat", "item:latte-1"
  std::string key;     // path, attribute key or item id
  std::string value;   // attribute value
  std::string words;   // the person's own, verbatim; empty when none
};

// How many of the newest positive items get a recency rank (RankingParams::
// recent_half_rank makes the weight of the last of them negligible).
inline constexpr std::size_t kRecentItems = 64;
inline constexpr std::int32_t kNotRecent = -1;

struct ItemFacts {
  bool has_terms = false;           // the profile has rows about it (impressions included)
  profile::ExactSum score;          // decayed weight of every type but impressions (< 0: dismissals, low ratings)
  profile::ExactSum purchase;       // the part from purchases
  std::int64_t impressions = 0;     // ever (novelty)
  const Stated* stated = nullptr;   // a like or dislike on the item
  bool blocked = false;
  std::int64_t suppressed_until = 0;  // the latest suppression of the item itself
  std::int64_t shown_today = 0;       // unchosen impressions on the day of the index
  std::int64_t last_ms = 0;           // the person's latest signal about it (impressions aside)
  // Among the person's positively engaged items, how many distinct moments
  // came after its latest signal (0: the newest); kNotRecent beyond the
  // kRecentItems newest.
  std::int32_t recent_rank = kNotRecent;
};

struct AttributeFacts {
  profile::ExactSum interest;
  // The person's positive interest in every value of the same attribute
  // together: what this value's share is read against.
  double attribute_total = 0;
  const Stated* stated = nullptr;
  bool blocked = false;
};

class ProfileIndex {
 public:
  ProfileIndex(const profile::ProfileState& profile, const LearnedState* learned, std::int64_t valued_at_ms,
               bool personal, bool sensitive_granted);
  ProfileIndex(const ProfileIndex&) = delete;
  ProfileIndex& operator=(const ProfileIndex&) = delete;

  bool personal() const noexcept { return personal_; }

  // `hash` is hash_text(id) / key.hash(), computed once by the caller.
  const ItemFacts* item(std::string_view id, std::uint64_t hash) const noexcept { return items_.find({id, {}}, hash); }
  const AttributeFacts* attribute(const text::TextKey& key, std::uint64_t hash) const noexcept {
    return attributes_.find(key, hash);
  }
  // Prefetches what item(·, hash) will read first (FlatMap::prefetch).
  void prefetch_item(std::uint64_t hash) const noexcept { items_.prefetch(hash); }
  bool has_items() const noexcept { return !items_.empty(); }
  bool has_attributes() const noexcept { return !attributes_.empty(); }

  // Rolled-up decayed interest of a path; 0 when none.
  double category(std::string_view path) const noexcept;
  // The person's whole positive category interest: the sum over root paths
  // of their positive rolled-up interest (what a path's share is read
  // against, path_facts.hpp).
  double category_total() const noexcept { return category_total_; }
  // The like or dislike on the path or its nearest ancestor.
  const Stated* path_preference(std::string_view path) const noexcept;

  const std::vector<profile::UsualChoice>& usual() const noexcept { return usual_; }

 private:
  void add_terms(const profile::ProfileState& profile, std::int64_t valued_at_ms);
  void add_preference(const profile::StoredPreference& preference);
  void add_suppressions(const profile::ProfileState& profile);
  void add_impressions(const LearnedState& learned, std::int64_t valued_at_ms);
  void rank_recent_items();
  void total_categories();
  void total_attributes();
  // The entry for `key`, its key copied into the arena when new.
  template <typename Value>
  Value& entry(text::FlatMap<Value>& map, std::string_view first, std::string_view second = {});

  bool personal_;
  bool sensitive_granted_;
  double category_total_ = 0;
  text::TextArena keys_;
  std::deque<Stated> stated_;
  text::FlatMap<profile::ExactSum> categories_;
  text::FlatMap<AttributeFacts> attributes_;
  text::FlatMap<ItemFacts> items_;
  text::FlatMap<const Stated*> path_preferences_;
  std::vector<profile::UsualChoice> usual_;
};

}  // namespace confidant::ranking

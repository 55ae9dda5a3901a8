// IndexCache: the profile index and the path memo of one ranking, kept for
// the next while nothing they depend on has changed — so the common call
// (the app ranks a few lists per screen, between batches of signals) pays
// only for its candidates, not for reading the whole profile again.
//
// What the index depends on, all in the key: the profile object and the
// sizes and stating order of its tables (a preference stated, a block, a
// forget or a purge changes one of them), the learned state's version
// (Ranker bumps it with every signal it observes, which the engine passes
// to the profile too), the consent facts, and the minute: interests and
// habits are valued at the start of the call's minute, cached or not, so a
// cached answer is exactly the answer a fresh index would give.
//
// Thread-safety: one thread; the owner's (the Ranker's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "ranking/pipeline/inputs.hpp"
#include "ranking/index/path_facts.hpp"
#include "ranking/index/profile_index.hpp"

namespace confidant::ranking {

// The start of the minute of `now_ms`: the time a call values interests at.
std::int64_t valued_at(std::int64_t now_ms) noexcept;

class IndexCache {
 public:
  IndexCache() = default;
  IndexCache(const IndexCache&) = delete;
  IndexCache& operator=(const IndexCache&) = delete;

  // Makes index() and paths() answer for `inputs`: reuses them when their
  // key is unchanged, rebuilds them otherwise. A rebuild within a call
  // leaves path facts to be computed as candidates name them; a warm-up
  // ahead of calls (kCarry) computes at once the facts of every path the
  // previous memo knew, which the next list most likely names again.
  enum class Paths { kLazy, kCarry };
  void prepare(const RankingInputs& inputs, const RankingParams& params, Paths paths = Paths::kLazy);

  const ProfileIndex& index() const noexcept { return *index_; }
  PathMemo& paths() noexcept { return *paths_; }
  // Rebuilds since construction (tests and the benchmark look).
  std::uint64_t builds() const noexcept { return builds_; }
  void clear() noexcept;

 private:
  struct Key {
    const profile::ProfileState* profile = nullptr;
    const LearnedState* learned = nullptr;
    std::uint64_t learned_version = 0;
    const RankingParams* params = nullptr;
    std::size_t terms = 0;
    std::size_t suppressions = 0;
    std::size_t preferences = 0;
    std::int64_t next_seq = 0;
    std::int64_t valued_at_ms = 0;
    bool personal = false;
    bool sensitive = false;
    bool operator==(const Key&) const = default;
  };

  Key key_;
  std::unique_ptr<ProfileIndex> index_;
  std::unique_ptr<PathMemo> paths_;
  std::uint64_t builds_ = 0;
};

}  // namespace confidant::ranking

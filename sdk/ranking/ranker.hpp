// Ranker: the ranking layer as the SDK's engine holds it — rank() over the
// profile, plus what the ranking learns on the device and keeps in its own
// tables (learned_state.hpp). Every call runs on the engine's worker,
// inside the engine's transaction where it writes.
//
// The engine's part (a few lines each):
//
//   open:      ranker = Ranker::load(store)                    after the profile loads
//   rank:      ranker->rank(profile, ConsentFacts::from(states, paused), now, candidates, request)
//   why:       ranker->why(item_id)                            the last rank() call's result for it
//   ingest:    ranker->observe(signal)                         each signal the profile applied
//              ranker->save(store)                             with profile->save(), same transaction
//   withdraw:  ranker->reset(store)                            any personalize withdrawal (Engine::purge)
//   forget:    ranker->forget(store, target)                   Sdk::forget, and a block (as the profile does)
//   rollback:  ranker = Ranker::load(store)                    memory must not run ahead of the store
//   export:    ranker->export_json()                           a member of Sdk::export_json's document
//   close:     nothing (save() ran with the last batch)
//
// Learning: rank() remembers each served result's component values (in
// memory, the last RankingParams::served_memory items). When a signal about
// a served item arrives within feedback_window_ms — impression (shown, not
// chosen), click or add_to_cart (chosen), order or purchase (chosen, counts
// double), dismiss (rejected, counts double) — the learner takes one step
// (learner.hpp); each kind of feedback teaches once per serving. After a
// restart nothing is remembered as served, so the feedback that follows
// teaches nothing: losing a few examples is better than keeping the list of
// what was shown on disk.
//
// Cost: the profile index is kept between calls (index_cache.hpp) until the
// profile, the learned state, the consent facts or the minute change; warm()
// rebuilds it ahead of the next call.
//
// Thread-safety: the worker's; one thread at a time.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/ranking.hpp"
#include "confidant/signal.hpp"
#include "confidant/status.hpp"
#include "profile/profile_state.hpp"
#include "profile/target.hpp"
#include "ranking/index/index_cache.hpp"
#include "ranking/pipeline/inputs.hpp"
#include "ranking/learned/learned_state.hpp"
#include "store/store.hpp"

namespace confidant::ranking {

class Ranker {
 public:
  // Reads the ranking tables (the store must hold ranking::migrations()).
  // `params` must outlive the Ranker; kInvalidArgument when check() refuses it.
  static Result<std::unique_ptr<Ranker>> load(store::Store& store,
                                              const RankingParams& params = RankingParams::defaults());

  Ranker(const Ranker&) = delete;
  Ranker& operator=(const Ranker&) = delete;

  // The ranked list (rank.hpp), remembered for why() and for learning.
  Result<std::vector<RankedItem>> rank(const profile::ProfileState& profile, const ConsentFacts& consent,
                                       std::int64_t now_ms, std::span<const Candidate> candidates,
                                       const RankRequest& request);

  // Builds the profile index a rank() at `now_ms` with these consent facts
  // would build, so that call finds it ready (index_cache.hpp); nothing when
  // it is already current, and nothing before the first rank() since load
  // (an app that never ranks never pays for it). The engine calls it on its
  // worker between rounds of work: the first list after a batch of signals,
  // a preference or a forget then costs what every later list does, the
  // index being built where the change was made rather than in the call.
  void warm(const profile::ProfileState& profile, const ConsentFacts& consent, std::int64_t now_ms);

  // `item_id`'s result in the last rank() call; kInvalidArgument naming
  // "item" when it was not in that list (or nothing was ranked since open).
  Result<RankedItem> why(std::string_view item_id) const;

  // Why one candidate is where it is, filtered ones included (rank.hpp, explain()).
  Result<RankedItem> explain(const profile::ProfileState& profile, const ConsentFacts& consent, std::int64_t now_ms,
                             std::span<const Candidate> candidates, const RankRequest& request,
                             std::string_view item_id) const;

  // A signal the engine kept and the profile applied (consented, not
  // blocked, at > 0). Preferences (like, dislike, block) teach nothing here.
  void observe(const Signal& signal);

  // Writes what observe() changed, inside the caller's transaction.
  Status save(store::Store& store);
  bool has_unsaved_changes() const noexcept { return learned_.has_pending(); }

  // Forgets everything learned, in memory and in the store.
  Status reset(store::Store& store);

  // Forgets what is kept about one target (an item's impressions, a
  // category's hour histograms), in memory and in the store.
  Status forget(store::Store& store, const profile::Target& target);

  const LearnedState& learned() const noexcept { return learned_; }
  // What was learned, as one JSON object for the SDK's export (learned_json.hpp).
  std::string export_json() const;
  const RankingParams& params() const noexcept { return params_; }
  // How many times the profile index was built since load (tests and the benchmark look).
  std::uint64_t index_builds() const noexcept { return cache_.builds(); }

 private:
  struct Served {
    ServedItem item;
    std::int64_t served_ms = 0;
    std::uint8_t taught = 0;  // kinds of feedback already learned from (bits)
  };

  explicit Ranker(const RankingParams& params) : params_(params) {}
  void learn_from(const Signal& signal);
  RankingInputs inputs_for(const profile::ProfileState& profile, const ConsentFacts& consent, std::int64_t now_ms);

  const RankingParams& params_;
  LearnedState learned_;
  mutable IndexCache cache_;  // a cache: explain() const may fill it
  std::deque<Served> served_;          // oldest first
  std::vector<RankedItem> last_ranked_;
  bool ranked_ = false;  // rank() ran since load: warm() has a caller to serve
};

}  // namespace confidant::ranking

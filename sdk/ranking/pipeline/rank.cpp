#include "ranking/pipeline/rank.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "common/quote.hpp"
#include "ranking/pipeline/candidate_check.hpp"
#include "ranking/pipeline/candidate_scan.hpp"
#include "ranking/pipeline/evaluate.hpp"
#include "ranking/pipeline/explain.hpp"
#include "ranking/index/index_cache.hpp"
#include "ranking/pipeline/selection.hpp"

namespace confidant::ranking {
namespace {

// Everything one call needs before looking at candidates.
struct Call {
  Call(const RankingInputs& in, std::span<const Candidate> candidates, const RankRequest& req, IndexCache& cache)
      : params(in.params != nullptr ? *in.params : RankingParams::defaults()),
        personal(in.consent.personal()),
        moment(find_moment(req.moment)),
        index(prepared(cache, in, params).index()),
        paths(cache.paths()) {
    context.profile = in.profile;
    context.index = &index;
    context.params = &params;
    context.moment = moment;
    context.now_ms = in.now_ms;
    context.sensitive_granted = in.consent.sensitive;
    // Where the person is is location data: used only when it is granted.
    if (personal && in.consent.location && !req.place.empty() && in.learned != nullptr) {
      context.place = in.learned->places.find(req.place);
    }
    for (std::size_t i = 0; i < kComponentCount; ++i) {
      // The learner's multipliers are personal data: a non-personal list
      // uses the plain weights. Clamped again here, whatever the store held.
      const double multiplier = personal && in.learned != nullptr
                                    ? std::clamp(in.learned->learner.multipliers[i], params.learned_min, params.learned_max)
                                    : 1.0;
      context.weights[i] = params.weights[i] * multiplier;
    }
    for (std::size_t r = 0; r < kRecentItems; ++r) {
      context.recency_weights[r] = std::pow(0.5, static_cast<double>(r) / params.recent_half_rank);
    }
    if (req.slot.kind == Slot::Kind::kRelated) {
      context.anchor_id = &req.slot.item;
      for (const Candidate& candidate : candidates) {
        if (candidate.id == req.slot.item) {
          context.anchor = &candidate;
          break;
        }
      }
    }
    explain_context = {in.profile, in.learned, &params, &context.weights, moment, &req, in.now_ms, personal,
                       &index.usual()};
  }

  static IndexCache& prepared(IndexCache& cache, const RankingInputs& in, const RankingParams& params) {
    cache.prepare(in, params);
    return cache;
  }

  const RankingParams& params;
  const bool personal;
  const Moment* moment;
  const ProfileIndex& index;
  PathMemo& paths;
  CallContext context;
  ExplainContext explain_context;
};

Status check_inputs(const RankingInputs& inputs, std::span<const Candidate> candidates, const RankRequest& request) {
  if (inputs.profile == nullptr) return {ErrorCode::kInternal, "ranking: no profile"};
  if (Status st = check_request(request); !st) return st;
  if (candidates.size() > kMaxCandidates) {
    return {ErrorCode::kInvalidArgument, "candidates: " + std::to_string(candidates.size()) + " entries, at most " +
                                             std::to_string(kMaxCandidates)};
  }
  return Status::ok();
}

// Which candidate first used each id, for the uniqueness check: open
// addressing over 4-byte slots (the index and 15 bits of the hash: a table
// for 10,000 candidates is 128 KiB, cleared on every call), comparing the
// ids themselves only when the hash bits agree. The candidates are the
// entries, so unlike a FlatMap nothing else is stored per id.
class FirstUse {
 public:
  explicit FirstUse(std::span<const Candidate> candidates) : candidates_(candidates) {
    std::size_t capacity = 16;
    while (capacity < candidates.size() * 2) capacity *= 2;
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
  }

  void prefetch(std::uint64_t hash) const noexcept { __builtin_prefetch(&slots_[hash & mask_]); }

  // The index of the first candidate with this id: `index` itself when new.
  std::uint32_t claim(std::uint64_t hash, std::uint32_t index) {
    const auto tag = static_cast<std::uint32_t>(hash >> 49) << kIndexBits;
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      std::uint32_t& slot = slots_[i];
      if (slot == 0) {
        slot = tag | (index + 1);
        return index;
      }
      const std::uint32_t first = (slot & kIndexMask) - 1;
      if ((slot & ~kIndexMask) == tag && candidates_[first].id == candidates_[index].id) return first;
    }
  }

 private:
  // A slot: the hash's top 15 bits, then the index plus one (0: empty).
  static constexpr unsigned kIndexBits = 17;
  static constexpr std::uint32_t kIndexMask = (1u << kIndexBits) - 1;
  static_assert(kMaxCandidates < kIndexMask);
  std::span<const Candidate> candidates_;
  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0;
};

// New for the person: in categories they have not engaged with, and about
// nothing they told us (a liked item is not news, a disliked one is not
// welcome). Never sensitive: exploring there would be inferring.
bool is_explorable(const Candidate& candidate, const Evaluation& evaluation) {
  return !candidate.categories.empty() && !evaluation.engaged && !evaluation.sensitive &&
         evaluation.stated_count == 0;
}

// Scores every candidate that passes the filters; fills `scored`.
Status score_all(Call& call, std::span<const Candidate> candidates, std::vector<Scored>& scored) {
  FirstUse ids(candidates);
  scored.reserve(candidates.size());
  Evaluation evaluation;
  // Each candidate is scanned one ahead of its evaluation, and the table
  // slots its id will read prefetched: with thousands of candidates those
  // reads miss the cache, and scoring the current candidate hides their
  // latency. Two scans, used in turn.
  std::array<ScannedCandidate, 2> scans;
  bool next_passed = !candidates.empty() && scan_candidate(candidates[0], scans[0]);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& candidate = candidates[i];
    const ScannedCandidate& scan = scans[i % 2];
    const bool passed = next_passed;
    if (i + 1 < candidates.size()) {
      ScannedCandidate& next = scans[(i + 1) % 2];
      next_passed = scan_candidate(candidates[i + 1], next);
      ids.prefetch(next.id_hash);
      call.index.prefetch_item(next.id_hash);
    }
    if (!passed) {
      if (Status st = check_candidate(i, candidate); !st) return st;
    }
    const std::uint32_t first = ids.claim(scan.id_hash, static_cast<std::uint32_t>(i));
    if (first != i) return duplicate_id_error(i, first);
    evaluate(scan, call.context, call.paths, evaluation);
    if (evaluation.bad_path != kNoPath) {
      if (evaluation.duplicate_of != kNoPath) return duplicate_path_error(i, evaluation.bad_path, evaluation.duplicate_of);
      return path_error(i, evaluation.bad_path, candidate.categories[evaluation.bad_path]);
    }
    if (evaluation.filtered != FilterReason::kNone) continue;
    scored.push_back({evaluation.score, evaluation.score_without_usual, evaluation.usual_named,
                      evaluation.usual_matched, candidate.popularity, static_cast<std::uint32_t>(i), evaluation.group,
                      evaluation.parent_group, call.personal && is_explorable(candidate, evaluation)});
  }
  return Status::ok();
}

// The usual's second look, once the list is known: each usual counts by how
// much more the person chooses it than the list offers it
// (usual_strengths()); the scores are put right, and later evaluations of
// this call (the results' reasons) see the same strengths.
void weigh_usuals(Call& call, std::vector<Scored>& scored) {
  const std::vector<profile::UsualChoice>& usuals = call.index.usual();
  if (usuals.empty() || scored.empty()) return;
  std::array<std::uint32_t, kMaxUsuals> matched{};
  for (const Scored& s : scored) {
    for (std::uint32_t bits = s.usual_matched; bits != 0; bits &= bits - 1) ++matched[std::countr_zero(bits)];
  }
  call.context.usual_strength = usual_strengths(usuals, matched, static_cast<std::uint32_t>(scored.size()));
  const double weight = call.context.weights[index_of(Component::kUsual)];
  for (Scored& s : scored) {
    if (s.usual_named == 0) continue;
    s.score = with_usual(s.score_without_usual, weight,
                         usual_value(s.usual_named, s.usual_matched, call.context.usual_strength));
  }
}

// Scores the list (score_all()), then gives the usual its weight in it
// (weigh_usuals()): what rank() selects from and explain() explains by.
Status score_list(Call& call, std::span<const Candidate> candidates, std::vector<Scored>& scored) {
  if (Status st = score_all(call, candidates, scored); !st) return st;
  weigh_usuals(call, scored);
  return Status::ok();
}

// Evaluates a candidate that passed the checks of score_all().
RankedItem result_for(Call& call, const Candidate& candidate, bool exploration, Evaluation& evaluation) {
  ScannedCandidate scan;
  scan_candidate(candidate, scan);
  evaluate(scan, call.context, call.paths, evaluation);
  return {candidate.id, evaluation.score, reasons_for(candidate, evaluation, call.explain_context, exploration),
          exploration};
}

}  // namespace

Result<std::vector<RankedItem>> rank(const RankingInputs& inputs, std::span<const Candidate> candidates,
                                     const RankRequest& request, std::vector<ServedItem>* served) {
  if (Status st = check_inputs(inputs, candidates, request); !st) return st;
  IndexCache local;
  Call call(inputs, candidates, request, inputs.cache != nullptr ? *inputs.cache : local);
  std::vector<Scored> scored;
  if (Status st = score_list(call, candidates, scored); !st) return st;

  const std::vector<Placement> placements = select(scored, request, call.params, call.personal);
  std::vector<RankedItem> results;
  results.reserve(placements.size());
  if (served != nullptr) served->clear();
  Evaluation evaluation;
  for (const Placement& placement : placements) {
    const Candidate& candidate = candidates[scored[placement.scored].index];
    results.push_back(result_for(call, candidate, placement.exploration, evaluation));
    if (served != nullptr) served->push_back({candidate.id, evaluation.values});
  }
  return results;
}

Result<RankedItem> explain(const RankingInputs& inputs, std::span<const Candidate> candidates,
                           const RankRequest& request, std::string_view item_id) {
  const auto it = std::find_if(candidates.begin(), candidates.end(),
                               [item_id](const Candidate& candidate) { return candidate.id == item_id; });
  if (it == candidates.end()) {
    return Status{ErrorCode::kInvalidArgument, "item: " + text::quoted(item_id) + " is not among the candidates"};
  }
  auto ranked = rank(inputs, candidates, request);
  if (!ranked) return ranked.status();
  for (RankedItem& item : ranked.value()) {
    if (item.id == item_id) return std::move(item);
  }
  // Not in the list: filtered, or below the limit. The list is scored again
  // for the usual's strengths the ranking used.
  IndexCache local;
  Call call(inputs, candidates, request, inputs.cache != nullptr ? *inputs.cache : local);
  std::vector<Scored> scored;
  if (Status st = score_list(call, candidates, scored); !st) return st;
  Evaluation evaluation;
  RankedItem item = result_for(call, *it, false, evaluation);
  if (evaluation.filtered != FilterReason::kNone) {
    item.score = 0;
    item.reasons = {filter_reason(*it, evaluation.filtered, call.explain_context)};
  }
  return item;
}

}  // namespace confidant::ranking

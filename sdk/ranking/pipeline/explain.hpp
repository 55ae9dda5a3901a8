// Explanations: the reasons shown with a result, built from the terms that
// actually produced its score — each stated preference that covers it, then
// each component whose contribution (weight × multiplier × value) reaches
// reason_min_contribution, strongest first, at most max_reasons — each with
// a stable code, its parameters and an English sentence (docs/ranking.md
// has the table). A non-personal result only ever gets non-personal
// reasons: "related_to_item", "popular", "general".
//
// Also the reason a filtered candidate is not shown (filters.hpp), for why().
//
// Thread-safety: pure functions over const inputs.
#pragma once

#include <cstdint>
#include <vector>

#include "confidant/ranking.hpp"
#include "ranking/pipeline/evaluate.hpp"
#include "ranking/pipeline/moments.hpp"

namespace confidant::ranking {

struct ExplainContext {
  const profile::ProfileState* profile = nullptr;
  const LearnedState* learned = nullptr;
  const RankingParams* params = nullptr;
  const ComponentVector* weights = nullptr;  // as scored (with the learner's multipliers)
  const Moment* moment = nullptr;
  const RankRequest* request = nullptr;
  std::int64_t now_ms = 0;
  bool personal = false;
  // The person's usual choices as scored (the profile index's), so a
  // "your usual" reason names exactly what the score counted. Never null.
  // (Recording the matches during scoring instead cost the hot loop 2-3%.)
  const std::vector<profile::UsualChoice>* usual = nullptr;
  bool holdout = false;  // ConsentFacts::holdout: each result leads with experiment_holdout
  std::uint32_t holdout_period_days = 0;
};

// Never empty.
std::vector<Reason> reasons_for(const Candidate& candidate, const Evaluation& evaluation, const ExplainContext& context,
                                bool exploration);

// One reason saying why the candidate was filtered out.
Reason filter_reason(const Candidate& candidate, FilterReason reason, const ExplainContext& context);

}  // namespace confidant::ranking

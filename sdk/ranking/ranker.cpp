#include "ranking/ranker.hpp"

#include "common/quote.hpp"
#include "ranking/learned/learned_json.hpp"
#include "ranking/pipeline/rank.hpp"
#include "ranking/learned/ranking_tables.hpp"

namespace confidant::ranking {
namespace {

// What one signal says about a served item: chosen or not, how much it
// counts, and which bit marks it taught.
struct Feedback {
  bool chosen = false;
  double weight = 0;
  std::uint8_t bit = 0;
};

std::optional<Feedback> feedback_of(SignalType type) noexcept {
  switch (type) {
    case SignalType::kImpression: return Feedback{false, 1.0, 1};
    case SignalType::kClick:
    case SignalType::kAddToCart: return Feedback{true, 1.0, 2};
    case SignalType::kOrder:
    case SignalType::kPurchase: return Feedback{true, 2.0, 4};
    case SignalType::kDismiss: return Feedback{false, 2.0, 8};
    default: return std::nullopt;
  }
}

}  // namespace

Result<std::unique_ptr<Ranker>> Ranker::load(store::Store& store, const RankingParams& params) {
  if (Status st = check(params); !st) return st;
  std::unique_ptr<Ranker> ranker(new Ranker(params));
  if (Status st = tables::load(store, ranker->learned_); !st) return st;
  return ranker;
}

Result<std::vector<RankedItem>> Ranker::rank(const profile::ProfileState& profile, const ConsentFacts& consent,
                                             std::int64_t now_ms, std::span<const Candidate> candidates,
                                             const RankRequest& request) {
  const RankingInputs inputs = inputs_for(profile, consent, now_ms);
  std::vector<ServedItem> served;
  auto ranked = ranking::rank(inputs, candidates, request, &served);
  if (!ranked) return ranked;
  ranked_ = true;
  last_ranked_ = ranked.value();
  // Only a personal list teaches: a non-personal one says nothing about
  // how this person weighs personal evidence.
  if (consent.personal()) {
    for (ServedItem& item : served) {
      served_.push_back({std::move(item), now_ms, 0});
      if (served_.size() > params_.served_memory) served_.pop_front();
    }
  }
  return ranked;
}

RankingInputs Ranker::inputs_for(const profile::ProfileState& profile, const ConsentFacts& consent,
                                 std::int64_t now_ms) {
  // Counts of earlier days cap nothing any more: drop them (saved with the next batch).
  if (learned_.impressions.prune(now_ms) > 0) ++learned_.version;
  return {&profile, consent, now_ms, &learned_, &params_, &cache_};
}

void Ranker::warm(const profile::ProfileState& profile, const ConsentFacts& consent, std::int64_t now_ms) {
  if (!ranked_) return;
  cache_.prepare(inputs_for(profile, consent, now_ms), params_, IndexCache::Paths::kCarry);
}

Result<RankedItem> Ranker::why(std::string_view item_id) const {
  for (const RankedItem& item : last_ranked_) {
    if (item.id == item_id) return item;
  }
  return Status{ErrorCode::kInvalidArgument, "item: " + text::quoted(item_id) + " was not in the last ranking"};
}

Result<RankedItem> Ranker::explain(const profile::ProfileState& profile, const ConsentFacts& consent,
                                   std::int64_t now_ms, std::span<const Candidate> candidates,
                                   const RankRequest& request, std::string_view item_id) const {
  const RankingInputs inputs{&profile, consent, now_ms, &learned_, &params_, &cache_};
  return ranking::explain(inputs, candidates, request, item_id);
}

void Ranker::observe(const Signal& signal) {
  // The profile applied this signal too: either way, a cached index is stale.
  ++learned_.version;
  learned_.time_of_day.observe(signal, params_);
  learned_.places.observe(signal, params_);
  learned_.impressions.observe(signal);
  learn_from(signal);
}

void Ranker::learn_from(const Signal& signal) {
  if (!signal.item || served_.empty()) return;
  const auto feedback = feedback_of(signal.type);
  if (!feedback) return;
  // The latest serving of the item is the one the person reacted to.
  for (auto it = served_.rbegin(); it != served_.rend(); ++it) {
    if (it->item.id != *signal.item) continue;
    const bool in_window = signal.at >= it->served_ms && signal.at - it->served_ms <= params_.feedback_window_ms;
    if (in_window && (it->taught & feedback->bit) == 0) {
      it->taught |= feedback->bit;
      learned_.learner.learn(it->item.values, feedback->chosen, feedback->weight, params_);
    }
    return;
  }
}

Status Ranker::save(store::Store& store) { return tables::save(store, learned_); }

std::string Ranker::export_json() const { return ranking::export_json(learned_); }

Status Ranker::reset(store::Store& store) {
  if (Status st = tables::clear(store); !st) return st;
  learned_.time_of_day.clear();
  learned_.places.clear();
  learned_.impressions.clear();
  learned_.learner = Learner{};
  ++learned_.version;
  cache_.clear();
  served_.clear();
  last_ranked_.clear();
  return Status::ok();
}

Status Ranker::forget(store::Store& store, const profile::Target& target) {
  if (Status st = tables::forget(store, target); !st) return st;
  ++learned_.version;
  switch (target.kind) {
    case profile::TargetKind::kItem:
      learned_.impressions.erase(target.key);
      std::erase_if(served_, [&target](const Served& served) { return served.item.id == target.key; });
      std::erase_if(last_ranked_, [&target](const RankedItem& item) { return item.id == target.key; });
      learned_.places.erase_place(target.key);  // a place is an item id too (visit signals)
      break;
    case profile::TargetKind::kCategory:
      learned_.time_of_day.erase_under(target.key);
      learned_.places.erase_under(target.key);
      break;
    case profile::TargetKind::kAttribute: break;
  }
  // Place rows hold many paths each: the edited ones are written now, in the
  // caller's transaction, so what was forgotten never outlives the call.
  // (Rows deleted above are deleted again; that finds nothing.)
  return tables::save(store, learned_);
}

}  // namespace confidant::ranking

// Engine: aggregated sync (docs/sync.md). The Syncer decides; the engine
// supplies the consent, the profile, the clock and the transaction.
#include <chrono>

#include "api/engine.hpp"

namespace confidant::api {

Status Engine::install_config(std::string_view signed_config) {
  TaxonomyPtr next;
  Status st = in_transaction([&]() -> Status {
    if (Status installed = syncer_->install(signed_config, now()); !installed) return installed;
    auto taxonomy = effective_taxonomy(syncer_->config());
    if (!taxonomy) return taxonomy.status();
    next = std::move(taxonomy.value());
    return mark_sensitive(*next);
  });
  if (!st) return st;
  if (syncer_->config() != nullptr) item_model_ = ItemModel(*syncer_->config());
  set_taxonomy(std::move(next));
  return st;
}

Status Engine::mark_sensitive(const profile::Taxonomy& next) {
  // Kept, flagged, only where the person granted sensitive; otherwise it
  // goes, exactly as if it had been dropped at intake.
  const bool keep = gate_->allows(DataCategory::kSensitive, Use::kPersonalize);
  auto moved = signals_->mark_sensitive([&next](const Signal& s) { return next.any_sensitive(s.categories); }, keep);
  if (!moved) return moved.status();
  auto categories = profile_->mark_sensitive(*store_, next, moved.value(), keep);
  if (!categories) return categories.status();
  if (categories->empty()) return Status::ok();
  log(LogLevel::kInfo, "the installed config marks paths sensitive: " + std::to_string(moved->size()) +
                           (keep ? " signals flagged sensitive" : " signals purged"));
  // Reports not yet sent may have counted the moved data: they go, as on a
  // withdrawal; what the ranking learned mixes every path: it starts over.
  for (const DataCategory category : categories.value()) {
    if (Status st = syncer_->discard(category, now()); !st) return st;
  }
  return ranker_->reset(*store_);
}

void Engine::set_taxonomy(TaxonomyPtr taxonomy) {
  taxonomy_ = std::move(taxonomy);
  profile_->set_taxonomy(*taxonomy_);
  publish();
}

Result<SyncResult> Engine::sync(const SyncRequest& request) {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  const auto deadline = std::chrono::steady_clock::now() + request.deadline;
  const sync::ShareGrants grants{consent_states()};
  SyncResult out;
  if (!syncer_->config()) return Status{ErrorCode::kInvalidArgument, "config: none installed (install a signed brand config first)"};
  if (paused_) {
    out.withheld.push_back("all metrics: personalization is paused");
  } else if (request.dry_run) {
    auto prepared = syncer_->prepare(*profile_, grants, now(), true);
    if (!prepared) return prepared.status();
    out.withheld = std::move(prepared->withheld);
    out.dry_run_reports = std::move(prepared->dry_run_reports);
    return out;
  } else {
    Result<sync::Prepared> prepared = Status{ErrorCode::kInternal, "not prepared"};
    Status st = in_transaction([&]() -> Status {
      prepared = syncer_->prepare(*profile_, grants, now(), false);
      return prepared.status();
    });
    if (!st) return st;
    out.prepared = prepared->made;
    out.withheld = std::move(prepared->withheld);
  }
  if (config_.transport != nullptr && !request.dry_run) {
    auto delivered = syncer_->deliver(*config_.transport, config_.sync_policy, now(), deadline);
    if (!delivered) return delivered.status();
    out.sent = delivered->sent;
    out.dropped = delivered->dropped;
  }
  auto pending = syncer_->pending();
  if (!pending) return pending.status();
  out.pending = pending.value();
  return out;
}

Status Engine::leave_experiment(std::string_view experiment_id, const ConsentContext& context) {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  if (context.source == Source::kCmp) return Status::invalid_field("source", "cmp is recorded only by apply_cmp");
  const consent::Provenance provenance{context.source, now(), context.policy_version,
                                       consent::text_hash_of(context.shown_text)};
  Status st = in_transaction([&]() -> Status {
    if (Status left = syncer_->leave(experiment_id, now()); !left) return left;
    // Like a withdrawal of share, for this experiment alone; it changes no
    // pair's state, so nothing is purged and nothing republished.
    auto recorded = gate_->ledger().append(DataCategory::kPreferences, Use::kShare, Decision::kWithdrawn, provenance,
                                           experiment_id);
    return recorded.status();
  });
  if (st) last_holdout_ = false;
  return st;
}

Result<std::string> Engine::shared_reports() {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  return syncer_->ledger_ndjson();
}

Result<Budget> Engine::budget() {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  return syncer_->budget(now());
}

}  // namespace confidant::api

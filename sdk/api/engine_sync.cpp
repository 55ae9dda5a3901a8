// Engine: aggregated sync (docs/sync.md). The Syncer decides; the engine
// supplies the consent, the profile, the clock and the transaction.
#include <chrono>

#include "api/engine.hpp"

namespace confidant::api {

Status Engine::install_config(std::string_view signed_config) {
  Status st = in_transaction([&] { return syncer_->install(signed_config, now()); });
  if (st && syncer_->config() != nullptr) item_model_ = ItemModel(*syncer_->config());
  return st;
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

Result<std::string> Engine::shared_reports() {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  return syncer_->ledger_ndjson();
}

Result<Budget> Engine::budget() {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  return syncer_->budget(now());
}

}  // namespace confidant::api

// Engine: the SDK's state and every operation on it, run synchronously on
// the worker thread (api/worker.hpp). The public Sdk (sdk.cpp) is a thin
// front that validates on the caller's thread and hands work to the worker.
//
// Every change runs in one store transaction with everything it implies
// (raw signals + their profile effect; a consent record + the purge it
// causes), so a crash or an error leaves either all of it or none of it. When
// a transaction fails, the in-memory profile is re-read from the store.
//
// Thread-safety: one thread (the worker). What track() must read on the
// host's thread is published through Published, which is atomic.
#pragma once

#include <array>
#include <atomic>
#include <optional>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/clock.hpp"
#include "confidant/cmp.hpp"
#include "confidant/consent.hpp"
#include "confidant/key_provider.hpp"
#include "confidant/profile.hpp"
#include "confidant/ranking.hpp"
#include "confidant/signal.hpp"
#include "confidant/status.hpp"
#include "confidant/sync.hpp"
#include "confidant/transport.hpp"
#include "consent/cmp/plan.hpp"
#include "consent/gate.hpp"
#include "profile/model_params.hpp"
#include "profile/profile_state.hpp"
#include "profile/taxonomy.hpp"
#include "ranking/ranker.hpp"
#include "signals/signal_store.hpp"
#include "store/store.hpp"
#include "sync/syncer.hpp"
#include "api/effective_taxonomy.hpp"
#include "api/item_model.hpp"

namespace confidant::api {

// What the host's thread may read without asking the worker. Written by the
// engine after each change; read by track() to drop early.
struct Published {
  std::atomic<bool> loaded{false};           // the persisted consent has loaded
  std::atomic<consent::PackedStates> consent{0};  // consent::pack of the gate's states
  std::atomic<bool> paused{false};
  std::atomic<std::uint64_t> persisted{0};
  std::atomic<std::uint64_t> dropped{0};     // by consent, pause or a block, on the worker

  // The effective taxonomy (built-in and the installed config's marks);
  // replaced whole when a config that changes it is installed. Behind a
  // mutex rather than std::atomic<shared_ptr>, whose lock bit
  // ThreadSanitizer cannot see; uncontended, it costs track() ~20 ns.
  TaxonomyPtr taxonomy() const {
    std::lock_guard lock(taxonomy_mu_);
    return taxonomy_;
  }
  void set_taxonomy(TaxonomyPtr taxonomy) {
    std::lock_guard lock(taxonomy_mu_);
    taxonomy_ = std::move(taxonomy);
  }

  ConsentState state(DataCategory category, Use use) const;
  bool allows(DataCategory category, Use use) const { return state(category, use) == ConsentState::kGranted; }

 private:
  mutable std::mutex taxonomy_mu_;
  TaxonomyPtr taxonomy_;
};

struct EngineConfig {
  std::filesystem::path dir;
  KeyProvider* key_provider = nullptr;  // not owned
  const Clock* clock = nullptr;         // not owned
  Logger* logger = nullptr;             // optional, not owned
  int retention_days = 90;
  std::string base_vfs;                 // tests: a fault-injecting VFS
  std::optional<std::array<std::uint8_t, 32>> brand_signer;  // pinned Ed25519 key
  Transport* transport = nullptr;       // optional, not owned
  SyncPolicy sync_policy;
};

class Engine {
 public:
  static Result<std::unique_ptr<Engine>> open(const EngineConfig& config, const profile::ModelParams& params,
                                              Published& published);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Persists what consent, pause and blocks allow of `batch` (validated
  // signals with `at` set), in one transaction.
  Status ingest(std::vector<Signal>& batch);

  // kInvalidArgument for Source::kCmp: only apply_cmp records that source.
  Status change_consent(const std::vector<DataCategory>& categories, const std::vector<Use>& uses,
                        Decision decision, const ConsentContext& context);
  // Records a CMP's planned decisions (source kCmp, one transaction, purges
  // as change_consent does) unless the ledger's latest CMP record carries
  // the same state hash: then the person's later choices stand and nothing
  // is recorded (docs/consent.md, "Consent from a CMP").
  Result<CmpOutcome> apply_cmp(const consent::cmp::CmpPlan& plan);
  ConsentStates consent_states() const;
  Result<std::string> consent_receipt();

  Result<std::vector<RankedItem>> rank(std::span<const Candidate> candidates, const RankRequest& request);
  // Prepares what the next rank() reads (Ranker::warm); the worker calls it
  // between rounds of work.
  void warm_ranking();
  Result<RankedItem> why(std::string_view item_id);

  Status prefer(PreferenceKind kind, std::string_view target, std::string_view text, std::int64_t at_ms);
  Result<Profile> profile();
  Status forget(std::string_view target);
  Status set_paused(bool paused);
  Result<std::string> export_json();

  // Installs a newer signed config. When it marks new paths sensitive, what
  // is kept under them is flagged (sensitive granted) or purged in the same
  // transaction, and the ranking starts over (PRIVACY.md, promise 4).
  Status install_config(std::string_view signed_config);
  Result<SyncResult> sync(const SyncRequest& request);
  Result<std::string> shared_reports();
  Result<Budget> budget();

  // Crypto-shreds the store (Store::erase) and leaves the engine closed.
  Status erase();
  Status close();

 private:
  Engine(const EngineConfig& config, const profile::ModelParams& params, Published& published);
  // Inside the caller's transaction: records `choices` with `provenance` and
  // purges what each withdrawal no longer allows; the caller publishes the
  // change once committed.
  Result<consent::Change> record_consent(std::span<const consent::Choice> choices,
                                         const consent::Provenance& provenance);
  // Deletes what a recorded withdrawal no longer allows, in every layer
  // that keeps data, inside a consent change's transaction.
  Status purge(const consent::Withdrawal& withdrawal);
  // Runs `body` in one store transaction (Store::transaction); on any
  // failure re-reads the profile, ranking and sync state so memory matches
  // the store again.
  Status in_transaction(const std::function<Status()>& body);
  Status add_preference(PreferenceKind kind, const profile::Target& target, std::string_view text,
                        std::int64_t at_ms);
  Status route_preference(const Signal& signal);
  Status fold_if_due();
  // Inside install_config's transaction: reclassifies what `next` newly marks.
  Status mark_sensitive(const profile::Taxonomy& next);
  void set_taxonomy(TaxonomyPtr taxonomy);
  // Re-reads what lives in memory (profile, ranking) after a rollback.
  void reload_memory();
  void publish();
  void log(LogLevel level, const std::string& message) const;
  std::int64_t now() const { return config_.clock->now_ms(); }
  // What erase and close share: drops every layer, then `finish` (erase or
  // close) runs on the store, which goes too.
  Status teardown(const std::function<Status(store::Store&)>& finish);

  EngineConfig config_;
  TaxonomyPtr taxonomy_;  // the effective one; also in published_
  const profile::ModelParams& params_;
  Published& published_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<consent::ConsentGate> gate_;
  std::unique_ptr<signals::SignalStore> signals_;
  std::unique_ptr<profile::ProfileState> profile_;
  std::unique_ptr<ranking::Ranker> ranker_;
  std::unique_ptr<sync::Syncer> syncer_;
  ItemModel item_model_;  // from the installed config; rebuilt when one is installed
  bool paused_ = false;
  std::int64_t last_fold_ms_ = 0;
};

}  // namespace confidant::api

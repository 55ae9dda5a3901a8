#include "api/engine.hpp"

#include <algorithm>

#include "api/manifest.hpp"
#include "api/settings.hpp"
#include "common/field_rules.hpp"
#include "consent/ledger.hpp"
#include "consent/receipt.hpp"
#include "consent/types.hpp"
#include "signals/signal.hpp"
#include "signals/validate.hpp"

namespace confidant::api {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
// Folding is a full scan of the signals table: once an hour of SDK time is
// plenty for a window counted in days.
constexpr std::int64_t kFoldEveryMs = 60LL * 60 * 1000;

}  // namespace

ConsentState Published::state(DataCategory category, Use use) const {
  return consent::state_in(consent.load(std::memory_order_acquire), consent::pair_index(category, use));
}

Engine::Engine(const EngineConfig& config, const profile::ModelParams& params, Published& published)
    : config_(config), params_(params), published_(published) {}

Engine::~Engine() { (void)close(); }

Result<std::unique_ptr<Engine>> Engine::open(const EngineConfig& config, const profile::ModelParams& params,
                                             Published& published) {
  std::unique_ptr<Engine> engine(new Engine(config, params, published));
  store::StoreOptions options;
  options.dir = config.dir;
  options.key_provider = config.key_provider;
  options.migrations = sdk_migrations();
  options.base_vfs = config.base_vfs;
  auto store = store::Store::open(options);
  if (!store) return store.status();
  engine->store_ = std::move(store.value());

  auto gate = consent::ConsentGate::open(*engine->store_);
  if (!gate) return gate.status();
  engine->gate_ = std::move(gate.value());
  engine->signals_ = std::make_unique<signals::SignalStore>(*engine->store_);

  // The installed config first: its taxonomy is the one the profile reads.
  auto syncer = sync::Syncer::load(*engine->store_, config.brand_signer);
  if (!syncer) return syncer.status();
  engine->syncer_ = std::move(syncer.value());
  if (const proto::BrandConfig* brand = engine->syncer_->config()) engine->item_model_ = ItemModel(*brand);
  auto taxonomy = effective_taxonomy(engine->syncer_->config());
  if (!taxonomy) return taxonomy.status();
  engine->taxonomy_ = std::move(taxonomy.value());

  auto state = profile::ProfileState::load(*engine->store_, *engine->taxonomy_, params);
  if (!state) return state.status();
  engine->profile_ = std::move(state.value());

  auto ranker = ranking::Ranker::load(*engine->store_);
  if (!ranker) return ranker.status();
  engine->ranker_ = std::move(ranker.value());

  auto paused = load_paused(*engine->store_);
  if (!paused) return paused.status();
  engine->paused_ = paused.value();

  if (Status st = engine->fold_if_due(); !st) return st;
  engine->publish();
  return engine;
}

void Engine::publish() {
  published_.set_taxonomy(taxonomy_);
  published_.consent.store(consent::pack(gate_->states()), std::memory_order_release);
  published_.paused.store(paused_, std::memory_order_release);
  published_.loaded.store(true, std::memory_order_release);
}

void Engine::log(LogLevel level, const std::string& message) const {
  if (config_.logger == nullptr) return;
  try {
    config_.logger->log(level, message);
  } catch (...) {
    // A host logger that throws must not take a batch down with it.
  }
}

Status Engine::in_transaction(const std::function<Status()>& body) {
  if (!store_) return {ErrorCode::kClosed, "the SDK is closed"};
  const Status outcome = store_->transaction(body);
  if (!outcome) reload_memory();
  return outcome;
}

void Engine::reload_memory() {
  auto profile = profile::ProfileState::load(*store_, *taxonomy_, params_);
  if (profile) profile_ = std::move(profile.value());
  auto ranker = ranking::Ranker::load(*store_);
  if (ranker) ranker_ = std::move(ranker.value());
  auto syncer = sync::Syncer::load(*store_, config_.brand_signer);
  if (syncer) syncer_ = std::move(syncer.value());
  if (!profile || !ranker || !syncer) {
    log(LogLevel::kError, "after a failed change, memory could not be re-read from the store");
  }
}

Status Engine::ingest(std::vector<Signal>& batch) {
  std::uint64_t kept = 0;
  std::uint64_t dropped = 0;
  Status st = in_transaction([&]() -> Status {
    for (const Signal& signal : batch) {
      if (signals::is_preference(signal.type)) {
        if (Status routed = route_preference(signal); !routed) {
          if (routed.code() != ErrorCode::kNotPermitted) return routed;
          ++dropped;
        }
        continue;
      }
      const bool sensitive = taxonomy_->any_sensitive(signal.categories);
      // Checked again here, after every consent change made before this
      // batch: track() may have looked at a state one change behind.
      if (paused_ || !gate_->allows(signals::data_category(signal.type), Use::kPersonalize) ||
          (sensitive && !gate_->allows(DataCategory::kSensitive, Use::kPersonalize)) || profile_->blocks(signal)) {
        ++dropped;
        continue;
      }
      if (Status inserted = signals_->insert(signal, sensitive); !inserted) return inserted;
      profile_->apply(signal, sensitive);
      ranker_->observe(signal);
      ++kept;
    }
    if (Status saved = profile_->save(*store_); !saved) return saved;
    return ranker_->save(*store_);
  });
  if (!st) {
    log(LogLevel::kError, "a batch of " + std::to_string(batch.size()) + " signals was not persisted: " +
                              st.to_string());
    return st;
  }
  published_.persisted.fetch_add(kept, std::memory_order_relaxed);
  published_.dropped.fetch_add(dropped, std::memory_order_relaxed);
  return fold_if_due();
}

Status Engine::fold_if_due() {
  const std::int64_t now_ms = now();
  if (last_fold_ms_ != 0 && now_ms - last_fold_ms_ < kFoldEveryMs && now_ms >= last_fold_ms_) return Status::ok();
  auto folded = signals_->fold_older_than(now_ms - static_cast<std::int64_t>(config_.retention_days) * kDayMs);
  if (!folded) return folded.status();
  last_fold_ms_ = now_ms;
  if (folded.value() > 0) log(LogLevel::kInfo, "folded " + std::to_string(folded.value()) + " signals past retention");
  return Status::ok();
}

Status Engine::route_preference(const Signal& signal) {
  const PreferenceKind kind = signal.type == SignalType::kLike      ? PreferenceKind::kLike
                              : signal.type == SignalType::kDislike ? PreferenceKind::kDislike
                                                                    : PreferenceKind::kBlock;
  std::vector<std::string> targets;
  if (signal.item) targets.push_back("item:" + *signal.item);
  for (const std::string& path : signal.categories) targets.push_back(path);
  for (const auto& [key, value] : signal.attrs) targets.push_back(key + "=" + value);
  for (const std::string& text : targets) {
    auto target = profile::parse_target(text);
    if (!target) return target.status();
    if (Status st = add_preference(kind, target.value(), signal.text.value_or(""), signal.at); !st) return st;
  }
  return Status::ok();
}

Status Engine::add_preference(PreferenceKind kind, const profile::Target& target, std::string_view text,
                              std::int64_t at_ms) {
  // A block only narrows what is used, so it is honoured whatever the
  // consent state; a like or dislike is preference data like any other.
  if (kind != PreferenceKind::kBlock) {
    if (paused_) return {ErrorCode::kNotPermitted, "personalization is paused"};
    if (!gate_->allows(DataCategory::kPreferences, Use::kPersonalize)) {
      return {ErrorCode::kNotPermitted, "preferences: not granted for personalize"};
    }
    if (target.kind == profile::Target::Kind::kCategory && taxonomy_->is_sensitive(target.key) &&
        !gate_->allows(DataCategory::kSensitive, Use::kPersonalize)) {
      return {ErrorCode::kNotPermitted, "target: " + target.text + " is sensitive and sensitive is not granted"};
    }
  }
  if (Status st = profile_->add_preference(*store_, kind, target, text, at_ms); !st) return st;
  // A block also forgets what the ranking kept about its target.
  if (kind == PreferenceKind::kBlock) return ranker_->forget(*store_, target);
  return Status::ok();
}

Status Engine::prefer(PreferenceKind kind, std::string_view target_text, std::string_view text, std::int64_t at_ms) {
  auto target = profile::parse_target(target_text);
  if (!target) return target.status();
  // The person's words obey the same rules as a preference signal's `text`.
  if (!text.empty()) {
    if (Status st = fields::check_text("text", text, signals::ValidationLimits{}.max_text_bytes); !st) return st;
  }
  return in_transaction([&] { return add_preference(kind, target.value(), text, at_ms); });
}

Status Engine::change_consent(const std::vector<DataCategory>& categories, const std::vector<Use>& uses,
                              Decision decision, const ConsentContext& context) {
  if (!store_) return {ErrorCode::kClosed, "the SDK is closed"};
  if (categories.empty()) return {ErrorCode::kInvalidArgument, "categories: empty"};
  if (uses.empty()) return {ErrorCode::kInvalidArgument, "uses: empty"};
  // The latest "cmp" record is how apply_cmp knows the state it applied
  // last; a record of that source from anywhere else would fake one.
  if (context.source == Source::kCmp) {
    return Status::invalid_field("source", "cmp is recorded only by apply_cmp");
  }
  std::vector<consent::Choice> choices;
  for (const DataCategory category : categories) {
    for (const Use use : uses) choices.push_back({category, use, decision});
  }
  const consent::Provenance provenance{context.source, now(), context.policy_version,
                                       consent::text_hash_of(context.shown_text)};
  consent::Change change;
  Status st = in_transaction([&]() -> Status {
    auto recorded = record_consent(choices, provenance);
    if (!recorded) return recorded.status();
    change = std::move(recorded.value());
    return Status::ok();
  });
  if (st) gate_->publish(change);
  publish();
  return st;
}

Result<consent::Change> Engine::record_consent(std::span<const consent::Choice> choices,
                                               const consent::Provenance& provenance) {
  // The gate records; this engine owns the transaction and every layer that
  // keeps data, so it purges what each withdrawal no longer allows before
  // the records commit. A failed purge rolls them back with it.
  auto recorded = gate_->record(choices, provenance);
  if (!recorded) return recorded.status();
  for (const consent::Withdrawal& withdrawal : recorded->withdrawals) {
    if (Status purged = purge(withdrawal); !purged) {
      return Status{purged.code(), "withdrawal of " + std::string(consent::name(withdrawal.category)) + "/" +
                                       std::string(consent::name(withdrawal.use)) + " not purged: " +
                                       purged.message()};
    }
  }
  return recorded;
}

Status Engine::purge(const consent::Withdrawal& withdrawal) {
  // Whichever use is withdrawn, reports derived from the category that have
  // not left yet are discarded (a report needs both: the profile built under
  // personalize, and share).
  if (Status st = syncer_->discard(withdrawal.category, now()); !st) return st;
  if (withdrawal.use != Use::kPersonalize) return Status::ok();
  auto removed = signals_->purge(withdrawal.category);
  if (!removed) return removed.status();
  if (Status st = profile_->purge(*store_, withdrawal.category); !st) return st;
  // What the ranking learned mixes every category: it starts over.
  return ranker_->reset(*store_);
}

ConsentStates Engine::consent_states() const {
  ConsentStates out;
  const consent::StateTable table = gate_->states();
  std::copy(table.begin(), table.end(), out.states.begin());
  return out;
}

Result<std::string> Engine::consent_receipt() {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  return consent::export_receipt(gate_->ledger());
}

Result<Profile> Engine::profile() {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  return profile_->view(now(), paused_);
}

Result<std::vector<RankedItem>> Engine::rank(std::span<const Candidate> candidates, const RankRequest& request) {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  const auto facts = ranking::ConsentFacts::from(consent_states(), paused_);
  // The brand's item model completes what the app left out; a copy only then.
  if (item_model_.completes(candidates)) {
    const std::vector<Candidate> completed = item_model_.completed(candidates);
    return ranker_->rank(*profile_, facts, now(), completed, request);
  }
  return ranker_->rank(*profile_, facts, now(), candidates, request);
}

void Engine::warm_ranking() {
  if (!store_ || !ranker_ || !profile_) return;
  ranker_->warm(*profile_, ranking::ConsentFacts::from(consent_states(), paused_), now());
}

Result<RankedItem> Engine::why(std::string_view item_id) {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  return ranker_->why(item_id);
}

Status Engine::forget(std::string_view target_text) {
  auto target = profile::parse_target(target_text);
  if (!target) return target.status();
  const profile::Target& t = target.value();
  return in_transaction([&]() -> Status {
    auto erased = signals_->erase_if([&t](const Signal& signal) { return profile::mentions(t, signal); });
    if (!erased) return erased.status();
    if (Status st = profile_->forget(*store_, t); !st) return st;
    return ranker_->forget(*store_, t);
  });
}

Status Engine::set_paused(bool paused) {
  Status st = in_transaction([&] { return save_paused(*store_, paused); });
  if (st) paused_ = paused;
  publish();
  return st;
}

Status Engine::erase() {
  if (!store_) return {ErrorCode::kClosed, "the SDK is closed"};
  return teardown([](store::Store& store) { return store.erase(); });
}

Status Engine::close() {
  if (!store_) {
    published_.loaded.store(false, std::memory_order_release);
    return Status::ok();
  }
  return teardown([](store::Store& store) { return store.close(); });
}

Status Engine::teardown(const std::function<Status(store::Store&)>& finish) {
  published_.loaded.store(false, std::memory_order_release);
  // Everything holding statements or the store goes first: the store
  // refuses to close or erase under a live statement.
  if (signals_) signals_->release();
  syncer_.reset();
  ranker_.reset();
  profile_.reset();
  gate_.reset();
  signals_.reset();
  Status st = finish(*store_);
  store_.reset();
  return st;
}

}  // namespace confidant::api

// The public Sdk: checks on the caller's thread what can be checked without
// I/O, and hands everything else to the worker (api/worker.hpp), which owns
// the Engine (api/engine.hpp).
#include "confidant/sdk.hpp"

#include <atomic>
#include <mutex>
#include <optional>

#include "api/engine.hpp"
#include "api/worker.hpp"
#include "common/hex.hpp"
#include "consent/cmp/plan.hpp"
#include "profile/model_params.hpp"
#include "signals/signal.hpp"
#include "signals/validate.hpp"
#include "store/store.hpp"

namespace confidant {

using api::Engine;
using api::Worker;

class Sdk::Impl {
 public:
  Impl(Options options, std::optional<std::array<std::uint8_t, 32>> brand_signer)
      : options_(std::move(options)), brand_signer_(brand_signer) {}

  void start() {
    Worker::Hooks hooks;
    hooks.on_start = [this] { open_engine(); };
    hooks.on_batch = [this](std::vector<Signal>& batch) {
      if (!engine_) return;
      // The engine logs a failed batch; flush() reports it to the host.
      if (Status st = engine_->ingest(batch); !st && batch_error_.is_ok()) batch_error_ = st;
    };
    // Between rounds of work, the ranking index is brought up to date with
    // what the round changed, so the app's next list does not build it.
    hooks.on_round = [this] {
      if (engine_) engine_->warm_ranking();
    };
    hooks.on_stop = [this] {
      if (engine_) close_status_ = engine_->close();
      engine_.reset();
    };
    worker_.emplace(std::move(hooks), Worker::Limits{options_.queue_capacity, options_.batch_size,
                                                     options_.flush_interval});
  }

  ~Impl() {
    if (worker_) worker_->stop();
  }

  Status wait_until_ready() {
    std::unique_lock lock(ready_mu_);
    ready_cv_.wait(lock, [this] { return ready_; });
    return open_status_;
  }

  // Runs `op` on the worker against the open engine.
  Status on_engine(const std::function<Status(Engine&)>& op) {
    return worker_->call([&]() -> Status {
      if (!engine_) return unavailable();
      return op(*engine_);
    });
  }
  template <typename T>
  Result<T> on_engine(const std::function<Result<T>(Engine&)>& op) {
    return worker_->call<T>([&]() -> Result<T> {
      if (!engine_) return unavailable();
      return op(*engine_);
    });
  }

  Status track(const Signal& input) {
    Signal signal = input;
    const std::int64_t now = options_.clock->now_ms();
    if (signal.at == 0) signal.at = now;
    if (Status st = signals::validate(signal, limits_, now); !st) {
      rejected_.fetch_add(1, std::memory_order_relaxed);
      return st;
    }
    // Before the persisted consent has loaded nothing is known: the signal
    // waits, and the worker applies the same checks once it is.
    if (published_.loaded.load(std::memory_order_acquire)) {
      if (Status st = early_check(signal); !st) {
        dropped_early_.fetch_add(1, std::memory_order_relaxed);
        return st;
      }
    }
    switch (worker_->push(std::move(signal))) {
      case Worker::Push::kQueued:
        accepted_.fetch_add(1, std::memory_order_relaxed);
        return Status::ok();
      case Worker::Push::kFull:
        overflow_.fetch_add(1, std::memory_order_relaxed);
        return {ErrorCode::kBusy, "signal queue full (" + std::to_string(options_.queue_capacity) +
                                      "): signal dropped"};
      case Worker::Push::kStopped: break;
    }
    return {ErrorCode::kClosed, "the SDK is closed"};
  }

  Status erase() {
    Status st = worker_->call([this]() -> Status {
      if (engine_) {
        Status erased = engine_->erase();
        engine_.reset();
        return erased;
      }
      // The store never opened (wrong key, damage): shred the files anyway.
      // The provider's wrapping key is left alone: it did not open this
      // store, so it may well be another store's.
      return store::Store::erase_files(options_.dir);
    });
    worker_->stop();
    return st;
  }

  Status close() {
    worker_->stop();
    return close_status_;  // written by the worker before it ended; read after join
  }

  // The first batch failure since the last call (worker thread only).
  Status take_batch_error() {
    Status st = batch_error_;
    batch_error_ = Status::ok();
    return st;
  }

  SdkStats stats() const {
    SdkStats out;
    out.accepted = accepted_.load(std::memory_order_relaxed);
    out.rejected_invalid = rejected_.load(std::memory_order_relaxed);
    out.dropped_consent = dropped_early_.load(std::memory_order_relaxed) +
                          published_.dropped.load(std::memory_order_relaxed);
    out.dropped_overflow = overflow_.load(std::memory_order_relaxed);
    out.persisted = published_.persisted.load(std::memory_order_relaxed);
    return out;
  }

  const Options& options() const { return options_; }

 private:
  void open_engine() {
    api::EngineConfig config;
    config.dir = options_.dir;
    config.key_provider = options_.key_provider.get();
    config.clock = options_.clock.get();
    config.logger = options_.logger.get();
    config.retention_days = options_.retention_days;
    config.brand_signer = brand_signer_;
    config.transport = options_.transport.get();
    config.sync_policy = options_.sync;
    auto engine = Engine::open(config, params_, published_);
    Status status = engine.status();
    if (engine) engine_ = std::move(engine.value());
    std::lock_guard lock(ready_mu_);
    open_status_ = status;
    ready_ = true;
    ready_cv_.notify_all();
  }

  Status unavailable() const {
    std::lock_guard lock(ready_mu_);
    if (!open_status_) return open_status_;
    return {ErrorCode::kClosed, "the SDK is closed"};
  }

  Status early_check(const Signal& signal) const {
    if (published_.paused.load(std::memory_order_acquire)) {
      return {ErrorCode::kNotPermitted, "personalization is paused: signal dropped"};
    }
    // A block is honoured whatever the consent state (see prefer()).
    if (signal.type == SignalType::kBlock) return Status::ok();
    const DataCategory category = signals::data_category(signal.type);
    if (!published_.allows(category, Use::kPersonalize)) {
      return {ErrorCode::kNotPermitted,
              std::string(consent::name(category)) + ": not granted for personalize: signal dropped"};
    }
    // The effective taxonomy: the built-in marks and the brand config's.
    const api::TaxonomyPtr taxonomy = published_.taxonomy();
    if (taxonomy && taxonomy->any_sensitive(signal.categories) &&
        !published_.allows(DataCategory::kSensitive, Use::kPersonalize)) {
      return {ErrorCode::kNotPermitted, "categories: sensitive, and sensitive is not granted: signal dropped"};
    }
    return Status::ok();
  }

  Options options_;
  std::optional<std::array<std::uint8_t, 32>> brand_signer_;  // Options::brand_signing_key, decoded
  const profile::ModelParams params_;  // the documented defaults (docs/profile.md)
  signals::ValidationLimits limits_;
  api::Published published_;
  std::unique_ptr<Engine> engine_;  // the worker's
  std::optional<Worker> worker_;

  mutable std::mutex ready_mu_;
  std::condition_variable ready_cv_;
  bool ready_ = false;
  Status open_status_;
  Status batch_error_;   // the worker's
  Status close_status_;  // the worker's, until it has joined

  std::atomic<std::uint64_t> accepted_{0};
  std::atomic<std::uint64_t> rejected_{0};
  std::atomic<std::uint64_t> dropped_early_{0};
  std::atomic<std::uint64_t> overflow_{0};
};

Result<std::unique_ptr<Sdk>> Sdk::open(Options options) {
  if (options.dir.empty()) return Status{ErrorCode::kInvalidArgument, "dir: required"};
  if (!options.key_provider) return Status{ErrorCode::kInvalidArgument, "key_provider: required"};
  if (options.queue_capacity == 0) return Status{ErrorCode::kInvalidArgument, "queue_capacity: must be at least 1"};
  if (options.batch_size == 0) return Status{ErrorCode::kInvalidArgument, "batch_size: must be at least 1"};
  if (options.flush_interval.count() <= 0) {
    return Status{ErrorCode::kInvalidArgument, "flush_interval: must be positive"};
  }
  if (options.retention_days < 1) return Status{ErrorCode::kInvalidArgument, "retention_days: must be at least 1"};
  std::optional<std::array<std::uint8_t, 32>> signer;
  if (!options.brand_signing_key.empty()) {
    const auto key = hex::from_hex(options.brand_signing_key);
    if (!key || key->size() != 32) return Status{ErrorCode::kInvalidArgument, "brand_signing_key: expected 64 hex digits"};
    signer.emplace();
    std::copy(key->begin(), key->end(), signer->begin());
  }
  if (options.sync.max_attempts < 1) return Status{ErrorCode::kInvalidArgument, "sync.max_attempts: must be at least 1"};
  if (options.sync.backoff_initial.count() <= 0 || options.sync.backoff_max < options.sync.backoff_initial)
    return Status{ErrorCode::kInvalidArgument, "sync.backoff_initial: must be positive and at most sync.backoff_max"};
  if (options.sync.request_timeout.count() <= 0)
    return Status{ErrorCode::kInvalidArgument, "sync.request_timeout: must be positive"};
  if (!options.clock) options.clock = make_system_clock();
  auto impl = std::make_unique<Impl>(std::move(options), signer);
  impl->start();
  return std::unique_ptr<Sdk>(new Sdk(std::move(impl)));
}

Sdk::Sdk(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Sdk::~Sdk() = default;

Status Sdk::wait_until_ready() { return impl_->wait_until_ready(); }

Status Sdk::grant(const std::vector<DataCategory>& categories, const std::vector<Use>& uses,
                  const ConsentContext& context) {
  return impl_->on_engine([&](Engine& e) { return e.change_consent(categories, uses, Decision::kGranted, context); });
}

Status Sdk::deny(const std::vector<DataCategory>& categories, const std::vector<Use>& uses,
                 const ConsentContext& context) {
  return impl_->on_engine(
      [&](Engine& e) { return e.change_consent(categories, uses, Decision::kWithdrawn, context); });
}

Result<CmpOutcome> Sdk::apply_cmp(const CmpSignals& signals, const CmpOptions& options) {
  // Read, checked and mapped here, on the caller's thread: a malformed TC
  // string costs the worker nothing.
  auto plan = consent::cmp::plan_cmp(signals, options);
  if (!plan) return plan.status();
  return impl_->on_engine<CmpOutcome>([&](Engine& e) { return e.apply_cmp(plan.value()); });
}

Result<ConsentStates> Sdk::consent() {
  return impl_->on_engine<ConsentStates>([](Engine& e) -> Result<ConsentStates> { return e.consent_states(); });
}

Result<std::string> Sdk::consent_receipt() {
  return impl_->on_engine<std::string>([](Engine& e) { return e.consent_receipt(); });
}

Status Sdk::track(const Signal& signal) { return impl_->track(signal); }

Status Sdk::prefer(PreferenceKind kind, std::string_view target, std::string_view text) {
  const std::int64_t now = impl_->options().clock->now_ms();
  return impl_->on_engine([&](Engine& e) { return e.prefer(kind, target, text, now); });
}

Result<Profile> Sdk::profile() {
  return impl_->on_engine<Profile>([](Engine& e) { return e.profile(); });
}

Result<std::vector<RankedItem>> Sdk::rank(const std::vector<Candidate>& candidates, const RankRequest& request) {
  return impl_->on_engine<std::vector<RankedItem>>(
      [&](Engine& e) { return e.rank(std::span<const Candidate>(candidates), request); });
}

Result<RankedItem> Sdk::why(std::string_view item_id) {
  return impl_->on_engine<RankedItem>([&](Engine& e) { return e.why(item_id); });
}

Status Sdk::forget(std::string_view target) {
  return impl_->on_engine([&](Engine& e) { return e.forget(target); });
}

Status Sdk::set_paused(bool paused) {
  return impl_->on_engine([&](Engine& e) { return e.set_paused(paused); });
}

Status Sdk::install_config(std::string_view signed_config) {
  return impl_->on_engine([&](Engine& e) { return e.install_config(signed_config); });
}

Result<SyncResult> Sdk::sync(const SyncRequest& request) {
  return impl_->on_engine<SyncResult>([&](Engine& e) { return e.sync(request); });
}

Result<std::string> Sdk::shared_reports() {
  return impl_->on_engine<std::string>([](Engine& e) { return e.shared_reports(); });
}

Result<Budget> Sdk::budget() {
  return impl_->on_engine<Budget>([](Engine& e) { return e.budget(); });
}

Result<std::string> Sdk::export_json() {
  return impl_->on_engine<std::string>([](Engine& e) { return e.export_json(); });
}

Status Sdk::flush() {
  // Every signal queued before this call is persisted before any task runs;
  // this task then reports whether they were.
  return impl_->on_engine([this](Engine&) { return impl_->take_batch_error(); });
}

Status Sdk::erase() { return impl_->erase(); }
Status Sdk::close() { return impl_->close(); }
SdkStats Sdk::stats() const { return impl_->stats(); }

}  // namespace confidant

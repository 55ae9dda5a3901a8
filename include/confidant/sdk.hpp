// Sdk: the one object an app holds. It keeps the person's consent, signals,
// preferences and interest profile on the device, encrypted, and lets the
// person see, change, export and erase all of it.
//
//   auto sdk = confidant::Sdk::open({.dir = app_dir, .key_provider = keystore});
//   sdk.value()->grant({DataCategory::kPurchases}, {Use::kPersonalize}, {.policy_version = "2026-11"});
//   sdk.value()->track({.type = SignalType::kOrder, .item = "latte-1",
//                       .categories = {"drinks/coffee/latte"}, .attrs = {{"milk", "oat"}}});
//   auto profile = sdk.value()->profile();
//
// Opening is cheap on the caller's thread: open() validates the options,
// starts the SDK's worker thread and returns. The worker unwraps the key and
// opens the store (which may take a few hundred milliseconds with a
// passphrase). Calls made meanwhile wait in memory, in order (the startup
// gate): nothing is processed or written before the persisted consent has
// loaded, and queued signals of a category that turns out to be denied are
// dropped then.
//
// Thread-safety: every member function may be called from any thread,
// concurrently. track() never blocks on I/O: it validates the signal, checks
// consent, and appends it to a bounded in-memory queue that the worker
// persists in batches. Every other call is carried out on the worker, in the
// order the calls were made, and blocks the caller until it is done, so do
// not call them from a UI thread that must not wait (or from a Logger, which
// runs on the worker). Lock order, inside the SDK: the call queue's lock, then
// nothing; no host code (Clock excepted, which must be thread-safe) runs
// while an SDK lock is held.
//
// Errors are Status values (status.hpp), never exceptions. If the store
// could not be opened (kWrongKey, kTampered, kNotAStore, kIo), every later
// call returns that Status; erase() still works.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/clock.hpp"
#include "confidant/cmp.hpp"
#include "confidant/consent.hpp"
#include "confidant/export.hpp"
#include "confidant/key_provider.hpp"
#include "confidant/profile.hpp"
#include "confidant/ranking.hpp"
#include "confidant/signal.hpp"
#include "confidant/status.hpp"
#include "confidant/sync.hpp"
#include "confidant/transport.hpp"

namespace confidant {

struct Options {
  // Required: the directory the SDK owns (created if missing). Use the app's
  // private, backed-up-excluded storage.
  std::filesystem::path dir;
  // Required: wraps the store's data key (the OS keystore on phones).
  std::shared_ptr<KeyProvider> key_provider;
  // Default: the system clock. Every time the SDK records comes from here.
  std::shared_ptr<Clock> clock;
  // Default: none (nothing is logged).
  std::shared_ptr<Logger> logger;
  // Signals waiting for the worker, at most. When full, track() drops the
  // new signal and returns kBusy (the host is producing faster than the
  // device can persist; older queued signals are kept).
  std::size_t queue_capacity = 10000;
  // The worker persists a batch when this many signals are queued, or
  // flush_interval after the first of them arrived, whichever comes first.
  std::size_t batch_size = 1024;
  std::chrono::milliseconds flush_interval{250};
  // Raw signals are kept this long, then folded into the profile (their
  // contribution to interests stays; the signal itself is deleted).
  int retention_days = 90;

  // --- Aggregated sync (docs/sync.md) ---
  // The brand's Ed25519 signing public key, 64 hex digits, pinned in the
  // app. Default: empty, so no brand config can be installed and nothing is
  // ever shared.
  std::string brand_signing_key;
  // Sends reports (platform/posix's libcurl one, URLSession, the app's own).
  // Default: none; sync() then prepares and queues reports but sends nothing.
  std::shared_ptr<Transport> transport;
  // Where and how reports are delivered; every default is in sync.hpp.
  SyncPolicy sync;
};

// Counters since open(), for diagnostics and tests.
struct SdkStats {
  std::uint64_t accepted = 0;          // track() calls that queued a signal
  std::uint64_t rejected_invalid = 0;  // track() calls refused with kInvalidArgument
  std::uint64_t dropped_consent = 0;   // dropped because consent did not allow them (or paused, or blocked)
  std::uint64_t dropped_overflow = 0;  // dropped because the queue was full (kBusy)
  std::uint64_t persisted = 0;         // signals written to the store
};

class CONFIDANT_EXPORT Sdk {
 public:
  // kInvalidArgument when `dir` or `key_provider` is missing or a limit is
  // zero. Store errors arrive later, from wait_until_ready() and every call.
  static Result<std::unique_ptr<Sdk>> open(Options options);

  // Finishes pending work (like flush()) and closes.
  ~Sdk();
  Sdk(const Sdk&) = delete;
  Sdk& operator=(const Sdk&) = delete;

  // Blocks until the store is open; returns why it could not be opened.
  Status wait_until_ready();

  // --- Consent (PRIVACY.md, promises 1-3). One ledger record per pair. ---
  // `context.source` is kUser or kAppDefault (kCmp is refused:
  // kInvalidArgument; it belongs to apply_cmp). A deny purges the category's stored signals and its effect on the
  // profile, durably, before it returns; denying `sensitive` purges every
  // signal in a sensitive category path.
  Status grant(const std::vector<DataCategory>& categories, const std::vector<Use>& uses,
               const ConsentContext& context = {});
  Status deny(const std::vector<DataCategory>& categories, const std::vector<Use>& uses,
              const ConsentContext& context = {});
  // Consent from the app's consent-management platform (cmp.hpp): a TCF
  // v2.2 TC string or IABTCF_ values, Google Consent Mode v2 signals, or
  // both, mapped conservatively onto categories x uses (docs/consent.md has
  // the table) and recorded with source "cmp", the CMP's versions as policy
  // version and a SHA-256 of its state as text hash. Withdrawals purge as
  // deny() does, before it returns. When the state is the one applied last,
  // nothing is recorded (CmpOutcome::applied is false): a choice the person
  // made since through grant() or deny() stands until the CMP's state
  // changes. The signals are read and checked on the caller's thread; an
  // error (kInvalidArgument naming the field, e.g. "IABTCF_TCString.
  // vendorConsents.maxVendorId: truncated ...", or kUnsupported for a TC
  // string version other than 2) applies nothing. Blocks like grant().
  Result<CmpOutcome> apply_cmp(const CmpSignals& signals, const CmpOptions& options = {});
  Result<ConsentStates> consent();
  // The ledger as a consent receipt: one JSON document with every record,
  // whether the hash chain verifies, and the current states (docs/consent.md).
  Result<std::string> consent_receipt();

  // --- Signals ---
  // Never blocks on I/O. `signal.at == 0` means now. Returns:
  //   ok               queued (the worker persists it in the next batch,
  //                    re-checking consent first)
  //   kInvalidArgument the signal is invalid; the message names the field
  //   kNotPermitted    its category is not granted for personalize (or it is
  //                    sensitive and `sensitive` is not granted, or
  //                    personalization is paused): dropped, never stored
  //                    (a signal on a target the person blocked is dropped
  //                    by the worker instead, and counted in dropped_consent)
  //   kBusy            the queue is full: dropped
  //   kClosed          after close() or erase()
  // like, dislike and block are routed as prefer().
  Status track(const Signal& signal);

  // --- Ranking (docs/ranking.md) ---
  // Orders the app's candidates as this person would want them, best first,
  // each with the reasons that produced its place. Filters (what they
  // already have, dismissed, blocked, sensitive without consent, the item
  // itself in a related slot) apply before anything else. Without a
  // personalize grant, or while paused, the order is non-personal
  // (popularity) with no personal reason. kInvalidArgument names the bad
  // candidate field ("candidates[3].popularity: ...") or request field.
  // With a brand config installed, a candidate with no popularity (0) or no
  // related items takes them from the config's item model (docs/sync.md).
  Result<std::vector<RankedItem>> rank(const std::vector<Candidate>& candidates, const RankRequest& request = {});
  // Why `item_id` was placed where it was in the last rank() call
  // (kInvalidArgument when it was not in that list).
  Result<RankedItem> why(std::string_view item_id);

  // --- What the person says and controls ---
  // States a preference about `target` ("drinks/tea", "milk=oat",
  // "item:sku-9"), in the person's own words. like and dislike need
  // `preferences` granted for personalize (kNotPermitted otherwise). A block
  // ("don't personalize this") is honoured whatever the consent state: it
  // only ever narrows what is used.
  Status prefer(PreferenceKind kind, std::string_view target, std::string_view text = {});
  // The profile as the person may read it.
  Result<Profile> profile();
  // Forgets a target: its inferred interest, stated preferences and
  // suppressions, and every stored raw signal that mentions it, so it
  // cannot grow back from them.
  Status forget(std::string_view target);
  // While paused, nothing new is learned (track() answers kNotPermitted) and
  // the profile is not used to personalize; it is kept, and shown.
  Status set_paused(bool paused);

  // --- Aggregated sync (docs/sync.md; the only way anything leaves) ---
  // Installs the brand's signed config (a serialized SignedConfig, as
  // `confidant-brand sign` writes it or the collector serves it at
  // /v1/config). Refused, keeping the last good config: kInvalidArgument
  // when brand_signing_key is unset, the bytes are malformed, a field is out
  // of range (the message names it), or the version is not newer than the
  // installed one (rollback); kTampered when unsigned or the signature does
  // not verify with brand_signing_key. Installing the same config again is ok.
  Status install_config(std::string_view signed_config);
  // Makes this epoch's reports (one per metric, from data the person granted
  // for `share`, within the privacy budget) and sends what is queued through
  // Options::transport until request.deadline. Never fails because the
  // network did: undelivered reports stay queued for a later call (see
  // SyncResult). kInvalidArgument when no config is installed.
  Result<SyncResult> sync(const SyncRequest& request = {});
  // The sync ledger: every report made, decoded, with its epsilon, status
  // (pending, sent, dropped, discarded) and data categories; one JSON object
  // a line (NDJSON).
  Result<std::string> shared_reports();
  // The privacy budget spent in the rolling window, in total and per metric.
  Result<Budget> budget();

  // Everything the SDK keeps about the person, as one JSON document
  // (docs/profile.md): consent ledger, preferences, profile, raw signals,
  // settings, and the reports shared so far.
  Result<std::string> export_json();

  // Blocks until every signal queued before the call is persisted (or
  // dropped). Returns the first error a batch met since the previous
  // flush() (e.g. kIo when the disk is full; those signals are lost).
  Status flush();

  // Crypto-shredding: destroys the data key (and the key provider's wrapping
  // key, KeyProvider::destroy), removes every file of the store, and closes
  // this Sdk. Queued signals are discarded. Works even when the store could
  // not be opened (wrong key, damage): the files are shredded then too, but
  // the provider's key is left alone, since it did not open this store.
  Status erase();

  // Persists what is queued, stops the worker, closes the store, and returns
  // how closing the store went. Later calls return kClosed. Idempotent.
  Status close();

  SdkStats stats() const;

 private:
  class Impl;
  explicit Sdk(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace confidant

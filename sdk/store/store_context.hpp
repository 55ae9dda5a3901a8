// StoreContext: what the encrypting VFS knows about one open store — its id,
// its keys, the provider that wraps them, and the first error it met.
//
// The Store registers a context under the database's full path before asking
// SQLite to open it; the VFS finds it again for the database file and for the
// -wal and -journal files SQLite derives from that path.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "confidant/key_provider.hpp"
#include "confidant/status.hpp"
#include "crypto/secure_key.hpp"
#include "store/file_layout.hpp"
#include "store/sealed_page_memo.hpp"

namespace confidant::store {

struct StoreKeys {
  layout::StoreId id{};
  crypto::SecureKey data_key;  // kept for re-wrapping; never used to encrypt directly
  crypto::SecureKey page_key;  // subkey 1: database pages
  crypto::SecureKey log_key;   // subkey 2: log units and seals
  std::uint64_t slot_generation = 0;
  int active_slot = 0;

  // Derives the subkeys of `data_key`.
  static StoreKeys from_data_key(const layout::StoreId& id, crypto::SecureKey data_key);
};

class StoreContext {
 public:
  StoreContext(KeyProvider* provider, bool create_if_missing)
      : provider_(provider), create_if_missing_(create_if_missing) {}

  KeyProvider* provider() const { return provider_; }
  void set_provider(KeyProvider* provider) { provider_ = provider; }
  bool create_if_missing() const { return create_if_missing_; }

  // Set by the VFS when it opens the database file; the log files need them.
  StoreKeys* keys() { return keys_ ? &*keys_ : nullptr; }
  void set_keys(StoreKeys keys) { keys_.emplace(std::move(keys)); }

  // Records the first error (later ones add nothing: the first is the cause).
  // `poison` also forbids every later write, truncate or delete on the store's
  // files, so that a store found damaged is never modified by the attempt to read it.
  void fail(Status status, bool poison);
  Status error() const;
  bool poisoned() const { return poisoned_.load(std::memory_order_acquire); }

  // Shared by the store's WAL (which fills it) and database file (which uses
  // it); both are driven by the store's one connection, one call at a time.
  SealedPageMemo& page_memo() { return page_memo_; }

 private:
  KeyProvider* provider_;
  bool create_if_missing_;
  std::optional<StoreKeys> keys_;
  mutable std::mutex mutex_;
  Status error_;
  std::atomic<bool> poisoned_{false};
  SealedPageMemo page_memo_;
};

// The process-wide map from a database's full path to its context. The
// registration lives as long as the handle; a path has at most one.
class ContextRegistration {
 public:
  // kBusy when the path is already registered (the store is open in this process).
  static Result<std::unique_ptr<ContextRegistration>> create(std::string db_full_path,
                                                             std::shared_ptr<StoreContext> context);
  ~ContextRegistration();
  ContextRegistration(const ContextRegistration&) = delete;
  ContextRegistration& operator=(const ContextRegistration&) = delete;
  const std::shared_ptr<StoreContext>& context() const { return context_; }

 private:
  ContextRegistration(std::string db_full_path, std::shared_ptr<StoreContext> context)
      : path_(std::move(db_full_path)), context_(std::move(context)) {}
  std::string path_;
  std::shared_ptr<StoreContext> context_;
};

std::shared_ptr<StoreContext> find_context(const std::string& db_full_path);

}  // namespace confidant::store

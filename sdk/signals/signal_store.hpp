// SignalStore: the raw signals kept in the store (table `signals`), for the
// retention window.
//
// Every write runs inside a transaction the caller (the SDK's engine) opened,
// together with the profile update the same signals caused, so the raw rows
// and their effect on the profile are committed together or not at all.
//
// Thread-safety: uses its Store; the worker's thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/consent.hpp"
#include "confidant/signal.hpp"
#include "confidant/status.hpp"
#include "store/store.hpp"

namespace confidant::signals {

class SignalStore {
 public:
  // `store` must hold the signals table (schema.hpp) and outlive this object.
  explicit SignalStore(store::Store& store) : store_(store) {}

  // Appends one validated, consented signal. `sensitive`: the taxonomy marked
  // one of its category paths sensitive.
  Status insert(const Signal& signal, bool sensitive);

  // Deletes every signal whose type belongs to `category` (kSensitive: every
  // signal flagged sensitive). Returns how many rows went.
  Result<std::int64_t> purge(DataCategory category);

  // Deletes signals older than `cutoff_ms` (their effect on the profile was
  // applied when they arrived and stays). Returns how many rows went.
  Result<std::int64_t> fold_older_than(std::int64_t cutoff_ms);

  // Deletes the signals for which `mentions` is true. Returns how many went.
  Result<std::int64_t> erase_if(const std::function<bool(const Signal&)>& mentions);

  // A brand's config newly marks paths sensitive: every signal not flagged
  // sensitive for which `now_sensitive` is true is flagged (`keep`: the
  // person granted sensitive) or deleted. Returns those signals.
  Result<std::vector<Signal>> mark_sensitive(const std::function<bool(const Signal&)>& now_sensitive, bool keep);

  // The kept signals with at in [from_ms, to_ms) that are not flagged
  // sensitive, oldest first (what an experiment's outcome counts).
  Result<std::vector<Signal>> between(std::int64_t from_ms, std::int64_t to_ms);

  // Calls `visit` with every kept signal's JSON, oldest first.
  Status for_each_json(const std::function<void(std::string_view json)>& visit);

  // Drops the prepared statement this object keeps, so the Store can close
  // (Store::close refuses while a Statement lives).
  void release() { insert_.reset(); }

 private:
  struct Row {
    std::int64_t id = 0;
    Signal signal;
  };
  // The rows `sql` (SELECT id, body ...) yields that `pred` accepts.
  Result<std::vector<Row>> rows_where(std::string_view sql, const std::function<bool(const Signal&)>& pred);
  // Runs `sql` (binding ?1 to the row id) once per row.
  Status run_per_row(std::string_view sql, const std::vector<Row>& rows);

  store::Store& store_;
  std::optional<store::Statement> insert_;  // prepared once: ingestion is the hot path
};

}  // namespace confidant::signals

// Helpers for the consent tests: a real encrypted Store holding the consent
// tables in a temporary directory, provenance values, and a reader for the
// receipts (the SDK's JSON parser, which shares no code with the writer).
//
// Header-only and private to tests/consent. Failures throw std::runtime_error,
// which Catch2 reports.
//
// Thread-safety: everything here is used by one test thread.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.hpp"
#include "confidant/key_provider.hpp"
#include "consent/gate.hpp"
#include "consent/ledger.hpp"
#include "consent/schema.hpp"
#include "store/store.hpp"
#include "support/files.hpp"
#include "support/test_store.hpp"

namespace consent_test {

using confidant::testing::TempDir;

// A real encrypted store with the consent tables, in its own temp directory.
struct TestStore : confidant::testing::TestStore {
  TestStore() : confidant::testing::TestStore(confidant::consent::migrations(), "confidant-consent") {}
};

inline constexpr std::int64_t kT0 = 1795161600000;  // 2026-11-20T08:00:00.000Z

inline confidant::consent::Provenance provenance(std::int64_t at_unix_ms = kT0, std::string policy = "2026-11",
                                                 confidant::consent::Source source = confidant::consent::Source::kUser) {
  return {source, at_unix_ms, std::move(policy), confidant::consent::text_hash_of("We personalize on your phone.")};
}

// ---- consent changes, made as the SDK's engine makes them ----

// What a test does for each recorded withdrawal, inside the transaction.
using Purge = std::function<confidant::Status(confidant::store::Store&, const confidant::consent::Withdrawal&)>;

// One change: the gate records inside one store transaction, `purge` runs for
// every withdrawal before the commit, and the states are published only once
// committed (gate.hpp). A purge error is wrapped as the engine wraps it.
inline confidant::Status change(confidant::store::Store& store, confidant::consent::ConsentGate& gate,
                                std::span<const confidant::consent::Choice> choices,
                                const confidant::consent::Provenance& provenance, const Purge& purge = {}) {
  using namespace confidant::consent;
  Change recorded;
  const confidant::Status st = store.transaction([&]() -> confidant::Status {
    auto made = gate.record(choices, provenance);
    if (!made) return made.status();
    for (const Withdrawal& w : made->withdrawals) {
      if (!purge) continue;
      if (confidant::Status purged = purge(store, w); !purged) {
        return {purged.code(), "withdrawal of " + std::string(name(w.category)) + "/" + std::string(name(w.use)) +
                                   " not purged: " + purged.message()};
      }
    }
    recorded = std::move(made.value());
    return confidant::Status::ok();
  });
  if (st) gate.publish(recorded);
  return st;
}

inline confidant::Status grant(confidant::store::Store& store, confidant::consent::ConsentGate& gate,
                               confidant::consent::DataCategory category, confidant::consent::Use use,
                               const confidant::consent::Provenance& provenance, const Purge& purge = {}) {
  const confidant::consent::Choice choice{category, use, confidant::consent::Decision::kGranted};
  return change(store, gate, std::span(&choice, 1), provenance, purge);
}

inline confidant::Status deny(confidant::store::Store& store, confidant::consent::ConsentGate& gate,
                              confidant::consent::DataCategory category, confidant::consent::Use use,
                              const confidant::consent::Provenance& provenance, const Purge& purge = {}) {
  const confidant::consent::Choice choice{category, use, confidant::consent::Decision::kWithdrawn};
  return change(store, gate, std::span(&choice, 1), provenance, purge);
}

// ---- reading receipts: the SDK's JSON reader (not its writer) behind a
// terse, throwing accessor for tests ----

class Json {
 public:
  explicit Json(std::shared_ptr<const confidant::json::Value> root) : root_(std::move(root)), value_(root_.get()) {}

  Json operator[](const std::string& key) const {
    const confidant::json::Value* member = value_->find(key);
    if (member == nullptr) throw std::runtime_error("no member '" + key + "'");
    return Json(root_, member);
  }
  bool has(const std::string& key) const { return value_->find(key) != nullptr; }
  const std::string& str() const {
    if (!value_->is_string()) throw std::runtime_error("not a string");
    return value_->as_string();
  }
  std::int64_t integer() const {
    if (!value_->is_integer()) throw std::runtime_error("not an integer");
    return value_->as_int64();
  }
  bool boolean() const {
    if (!value_->is_bool()) throw std::runtime_error("not a boolean");
    return value_->as_bool();
  }
  std::vector<Json> items() const {
    std::vector<Json> out;
    for (const auto& item : value_->as_array()) out.push_back(Json(root_, &item));
    return out;
  }
  std::vector<std::pair<std::string, Json>> members() const {
    std::vector<std::pair<std::string, Json>> out;
    for (const auto& [key, member] : value_->as_object()) out.emplace_back(key, Json(root_, &member));
    return out;
  }

 private:
  Json(std::shared_ptr<const confidant::json::Value> root, const confidant::json::Value* value)
      : root_(std::move(root)), value_(value) {}
  std::shared_ptr<const confidant::json::Value> root_;
  const confidant::json::Value* value_;
};

inline Json parse_json(std::string_view text) {
  auto parsed = confidant::json::parse(text);
  if (!parsed) throw std::runtime_error(parsed.status().to_string());
  return Json(std::make_shared<const confidant::json::Value>(std::move(parsed.value())));
}

}  // namespace consent_test

// A store holding one table of notes, for the store's damage tests (tamper,
// hostile files): its options, a filler that writes a transaction of notes
// (every seventh one spans pages), and a digest of every row that tells
// "detected" from "silently different".
//
// Header-only. Thread-safety: one test thread.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "confidant/key_provider.hpp"
#include "store/store.hpp"

namespace confidant::testing {

inline store::StoreOptions notes_store_options(const std::filesystem::path& dir, KeyProvider& provider,
                                               bool create_if_missing) {
  store::StoreOptions o;
  o.dir = dir;
  o.key_provider = &provider;
  o.create_if_missing = create_if_missing;
  o.migrations = {
      {1, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE INDEX notes_body ON notes(body);"}};
  return o;
}

// "id:body;" for every row in id order, or "error: <status>".
inline std::string dump_notes(store::Store& store) {
  auto stmt = store.prepare("SELECT id, body FROM notes ORDER BY id");
  if (!stmt) return "error: " + stmt.status().to_string();
  std::string out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return "error: " + row.status().to_string();
    if (!row.value()) break;
    out += std::to_string(stmt->column_int64(0)) + ":" + std::string(stmt->column_text(1)) + ";";
  }
  return out;
}

// Notes first .. first+count-1, in one transaction.
inline void fill_notes(store::Store& store, int first, int count) {
  const Status st = store.transaction([&]() -> Status {
    auto insert = store.prepare("INSERT INTO notes(id, body) VALUES (?, ?)");
    if (!insert) return insert.status();
    for (int i = first; i < first + count; ++i) {
      const std::string body = "note " + std::to_string(i) + (i % 7 == 0 ? std::string(5000, 'x') : std::string(60, 'y'));
      if (Status reset = insert->reset(); !reset) return reset;
      if (Status run = insert->bind(1, std::int64_t{i}).bind(2, std::string_view(body)).run(); !run) return run;
    }
    return Status::ok();
  });
  INFO(st.to_string());
  REQUIRE(st);
}

}  // namespace confidant::testing

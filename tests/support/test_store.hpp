// A real encrypted Store in its own temporary directory, holding the tables
// of the migrations a test gives it, for the layers' tests.
//
// Header-only (it uses Catch2's REQUIRE, so failures are reported where they
// happen). Thread-safety: one test thread.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "confidant/key_provider.hpp"
#include "store/store.hpp"
#include "support/files.hpp"

namespace confidant::testing {

class TestStore {
 public:
  TestStore(std::vector<store::Migration> migrations, const std::string& dir_prefix,
            store::Durability durability = store::Durability::kFull)
      : dir(dir_prefix), migrations_(std::move(migrations)), durability_(durability) {
    open();
  }
  ~TestStore() {
    if (store) (void)store->close();
  }
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  TempDir dir;
  std::unique_ptr<KeyProvider> provider = make_in_memory_key_provider();
  std::unique_ptr<store::Store> store;

  void open() {
    store::StoreOptions options;
    options.dir = dir.path() / "store";
    options.key_provider = provider.get();
    options.migrations = migrations_;
    options.durability = durability_;
    auto opened = store::Store::open(options);
    INFO(opened.status().to_string());
    REQUIRE(opened);
    store = std::move(opened.value());
  }
  // Closes and opens the same files again (what an app restart does).
  void reopen() {
    REQUIRE(store->close());
    store.reset();
    open();
  }

  void exec(const std::string& sql) {
    const Status st = store->exec(sql);
    INFO(sql << ": " << st.to_string());
    REQUIRE(st);
  }
  // The first column of the first row of `sql`.
  std::int64_t count(const std::string& sql) {
    auto stmt = store->prepare(sql);
    INFO(sql << ": " << stmt.status().to_string());
    REQUIRE(stmt);
    auto row = stmt->step();
    REQUIRE(row);
    REQUIRE(row.value());
    return stmt->column_int64(0);
  }

 private:
  std::vector<store::Migration> migrations_;
  store::Durability durability_;
};

}  // namespace confidant::testing

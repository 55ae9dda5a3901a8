// Store::transaction, the SDK's one transaction primitive: the body's
// writes commit together, or none of them does (an error, an exception, a
// failed commit), and transactions do not nest.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "support/test_store.hpp"

using confidant::ErrorCode;
using confidant::Status;

namespace {

struct Fixture {
  confidant::testing::TestStore t{{{1, "CREATE TABLE items(name TEXT NOT NULL)"}}, "confidant-transaction"};
  Status insert(const char* name) { return t.store->exec(std::string("INSERT INTO items VALUES ('") + name + "')"); }
  std::int64_t rows() { return t.count("SELECT count(*) FROM items"); }
};

}  // namespace

TEST_CASE("a transaction's writes commit together and are durable") {
  Fixture f;
  CHECK_FALSE(f.t.store->in_transaction());
  bool inside = false;
  const Status st = f.t.store->transaction([&]() -> Status {
    inside = f.t.store->in_transaction();
    if (Status a = f.insert("a"); !a) return a;
    return f.insert("b");
  });
  INFO(st.to_string());
  REQUIRE(st);
  CHECK(inside);
  CHECK_FALSE(f.t.store->in_transaction());
  f.t.reopen();
  CHECK(f.rows() == 2);
}

TEST_CASE("an error, an exception or a nested transaction rolls every write of the body back") {
  Fixture f;
  REQUIRE(f.insert("kept"));
  SECTION("the body returns an error") {
    const Status st = f.t.store->transaction([&]() -> Status {
      REQUIRE(f.insert("gone"));
      return {ErrorCode::kIo, "disk full"};
    });
    CHECK(st.code() == ErrorCode::kIo);
    CHECK(st.message() == "disk full");
  }
  SECTION("the body throws") {
    const Status st = f.t.store->transaction([&]() -> Status {
      REQUIRE(f.insert("gone"));
      throw std::runtime_error("boom");
    });
    CHECK(st.code() == ErrorCode::kInternal);
    CHECK_THAT(st.message(), Catch::Contains("boom"));
  }
  SECTION("the body opens another transaction") {
    const Status st = f.t.store->transaction([&]() -> Status {
      REQUIRE(f.insert("gone"));
      return f.t.store->transaction([&] { return f.insert("also gone"); });
    });
    CHECK(st.code() == ErrorCode::kInternal);
    CHECK_THAT(st.message(), Catch::Contains("do not nest"));
  }
  SECTION("a statement of the body fails") {
    const Status st = f.t.store->transaction([&]() -> Status {
      REQUIRE(f.insert("gone"));
      return f.t.store->exec("INSERT INTO no_such_table VALUES (1)");
    });
    CHECK_FALSE(st);
  }
  CHECK_FALSE(f.t.store->in_transaction());
  CHECK(f.rows() == 1);
  // The store is usable afterwards.
  REQUIRE(f.t.store->transaction([&] { return f.insert("later"); }));
  CHECK(f.rows() == 2);
}

// Statement details every layer relies on.
#include <catch2/catch.hpp>

#include <string_view>

#include "support/test_store.hpp"

using confidant::testing::TestStore;

TEST_CASE("an empty text binds as an empty string, never as NULL") {
  TestStore t({{1, "CREATE TABLE t(v TEXT)"}}, "confidant-store-bind");
  auto insert = t.store->prepare("INSERT INTO t(v) VALUES (?1)");
  REQUIRE(insert);
  insert->bind(1, std::string_view());  // no data pointer at all
  REQUIRE(insert->run());
  auto read = t.store->prepare("SELECT v IS NULL, length(v) FROM t");
  REQUIRE(read);
  auto row = read->step();
  REQUIRE(row);
  REQUIRE(row.value());
  CHECK(read->column_int64(0) == 0);
  CHECK(read->column_int64(1) == 0);
}

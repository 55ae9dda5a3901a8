// Schema migrations on open: an older store is brought forward step by step,
// a failing step leaves the store exactly at the previous version, and lists
// the build cannot apply (newer store, gaps, wrong order) are refused with a
// typed error naming the culprit.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "confidant/key_provider.hpp"
#include "store/store.hpp"
#include "support/files.hpp"

namespace {

namespace fs = std::filesystem;
using confidant::ErrorCode;
using confidant::KeyProvider;
using confidant::Status;
using confidant::store::Migration;
using confidant::store::Store;
using confidant::store::StoreOptions;
using confidant::testing::TempDir;

// v1: the schema an older build shipped.
const Migration kV1{1,
                    "CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT);"
                    "CREATE INDEX person_city ON person(city);"};
// v2: a column with a default.
const Migration kV2{2, "ALTER TABLE person ADD COLUMN score INTEGER NOT NULL DEFAULT 10;"};
// v3: a new table backfilled from v1 data, and an update of existing rows.
const Migration kV3{3,
                    "CREATE TABLE city(name TEXT PRIMARY KEY, people INTEGER NOT NULL) WITHOUT ROWID;"
                    "INSERT INTO city(name, people) SELECT city, count(*) FROM person"
                    "  WHERE city IS NOT NULL GROUP BY city;"
                    "UPDATE person SET score = score + length(name);"};

struct Person {
  std::int64_t id;
  std::string name;
  const char* city;  // nullptr: NULL
};
const std::vector<Person> kPeople = {
    {1, "Ada", "London"}, {2, "Grace", "New York"}, {3, "Alan", "London"}, {4, "Edsger", nullptr},
    {5, "Barbara", "New York"}, {6, "Ken", "London"},
};

StoreOptions options_with(const fs::path& dir, KeyProvider& provider, std::vector<Migration> migrations) {
  StoreOptions o;
  o.dir = dir;
  o.key_provider = &provider;
  o.migrations = std::move(migrations);
  return o;
}

std::unique_ptr<Store> open_ok(const fs::path& dir, KeyProvider& provider, std::vector<Migration> migrations) {
  auto store = Store::open(options_with(dir, provider, std::move(migrations)));
  INFO(store.status().to_string());
  REQUIRE(store);
  return std::move(store.value());
}

Status open_error(const fs::path& dir, KeyProvider& provider, std::vector<Migration> migrations) {
  auto store = Store::open(options_with(dir, provider, std::move(migrations)));
  return store ? Status::ok() : store.status();
}

std::int64_t query_int(Store& store, const std::string& sql) {
  auto stmt = store.prepare(sql);
  INFO(sql << ": " << stmt.status().to_string());
  REQUIRE(stmt);
  auto row = stmt->step();
  INFO(row.status().to_string());
  REQUIRE(row);
  REQUIRE(row.value());
  return stmt->column_int64(0);
}

int version_of(Store& store) {
  auto v = store.schema_version();
  INFO(v.status().to_string());
  REQUIRE(v);
  return v.value();
}

bool has_column(Store& store, const std::string& table, const std::string& column) {
  return query_int(store, "SELECT count(*) FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'") == 1;
}

bool has_table(Store& store, const std::string& table) {
  return query_int(store, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'") == 1;
}

// A v1 store holding kPeople, closed.
void make_v1_store(const fs::path& dir, KeyProvider& provider) {
  auto store = open_ok(dir, provider, {kV1});
  CHECK(version_of(*store) == 1);
  auto insert = store->prepare("INSERT INTO person(id, name, city) VALUES(?, ?, ?)");
  REQUIRE(insert);
  for (const Person& p : kPeople) {
    insert->bind(1, p.id).bind(2, std::string_view(p.name));
    if (p.city) {
      insert->bind(3, std::string_view(p.city));
    } else {
      insert->bind_null(3);
    }
    REQUIRE(insert->run());
    REQUIRE(insert->reset());
  }
}

// The v1 data is exactly kPeople, whatever columns were added.
void require_v1_data(Store& store) {
  auto stmt = store.prepare("SELECT id, name, city FROM person ORDER BY id");
  REQUIRE(stmt);
  std::size_t i = 0;
  for (;;) {
    auto row = stmt->step();
    INFO(row.status().to_string());
    REQUIRE(row);
    if (!row.value()) break;
    REQUIRE(i < kPeople.size());
    INFO("person " << kPeople[i].id);
    CHECK(stmt->column_int64(0) == kPeople[i].id);
    CHECK(stmt->column_text(1) == kPeople[i].name);
    if (kPeople[i].city) {
      CHECK(stmt->column_text(2) == kPeople[i].city);
    } else {
      CHECK(stmt->column_is_null(2));
    }
    ++i;
  }
  CHECK(i == kPeople.size());
}

// The store is exactly the v1 store: version, data, and none of v2's or v3's changes.
void require_untouched_v1(const fs::path& dir, KeyProvider& provider) {
  auto store = open_ok(dir, provider, {kV1});
  CHECK(version_of(*store) == 1);
  require_v1_data(*store);
  CHECK_FALSE(has_column(*store, "person", "score"));
  CHECK_FALSE(has_table(*store, "city"));
  CHECK_FALSE(has_table(*store, "audit"));
  auto report = store->integrity_check();
  REQUIRE(report);
  CHECK(report.value() == "ok");
}

}  // namespace

TEST_CASE("an older store is migrated forward on open and its data carried over", "[migration]") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "store";
  auto provider = confidant::make_in_memory_key_provider();
  make_v1_store(dir, *provider);

  const auto check_v3 = [&](Store& store) {
    CHECK(version_of(store) == 3);
    require_v1_data(store);
    // v2's default, then v3's update: 10 + length(name), applied once.
    CHECK(query_int(store, "SELECT count(*) FROM person WHERE score = 10 + length(name)") ==
          static_cast<std::int64_t>(kPeople.size()));
    CHECK(query_int(store, "SELECT count(*) FROM city") == 2);
    CHECK(query_int(store, "SELECT people FROM city WHERE name = 'London'") == 3);
    CHECK(query_int(store, "SELECT people FROM city WHERE name = 'New York'") == 2);
  };
  {
    auto store = open_ok(dir, *provider, {kV1, kV2, kV3});
    check_v3(*store);
    // New rows after the migration get v2's default.
    REQUIRE(store->exec("INSERT INTO person(id, name, city) VALUES(7, 'Niklaus', 'Zurich')"));
    CHECK(query_int(*store, "SELECT score FROM person WHERE id = 7") == 10);
    REQUIRE(store->exec("DELETE FROM person WHERE id = 7"));
  }
  // Reopening runs nothing again.
  auto store = open_ok(dir, *provider, {kV1, kV2, kV3});
  check_v3(*store);
}

TEST_CASE("migrations one build at a time reach the same schema as all at once", "[migration]") {
  TempDir tmp;
  auto provider = confidant::make_in_memory_key_provider();
  make_v1_store(tmp.path() / "stepwise", *provider);
  open_ok(tmp.path() / "stepwise", *provider, {kV1, kV2}).reset();
  {
    auto store = open_ok(tmp.path() / "stepwise", *provider, {kV1, kV2});
    CHECK(version_of(*store) == 2);
    CHECK(has_column(*store, "person", "score"));
    CHECK_FALSE(has_table(*store, "city"));
  }
  auto store = open_ok(tmp.path() / "stepwise", *provider, {kV1, kV2, kV3});
  CHECK(version_of(*store) == 3);
  CHECK(query_int(*store, "SELECT sum(people) FROM city") == 5);

  auto fresh = open_ok(tmp.path() / "fresh", *provider, {kV1, kV2, kV3});
  CHECK(version_of(*fresh) == 3);
  CHECK(has_table(*fresh, "city"));
}

TEST_CASE("a failing migration names its version and leaves the store at the previous one", "[migration]") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "store";
  auto provider = confidant::make_in_memory_key_provider();
  make_v1_store(dir, *provider);

  SECTION("invalid SQL") {
    const Migration broken{2, "ALTER TABLE person ADD COLUMN score INTEGER NOT NULL DEFAULT 10; ALTR TABLE x;"};
    const Status st = open_error(dir, *provider, {kV1, broken, kV3});
    INFO(st.to_string());
    CHECK_FALSE(st.is_ok());
    CHECK_THAT(st.message(), Catch::Contains("version 2"));
    CHECK(st.code() == ErrorCode::kInvalidArgument);
    require_untouched_v1(dir, *provider);
  }
  SECTION("a statement fails after several have run") {
    // DDL, a new table with a row, a rewrite of every row, then a constraint
    // violation: all of it must be rolled back together.
    const Migration halfway{2,
                            "ALTER TABLE person ADD COLUMN score INTEGER NOT NULL DEFAULT 10;"
                            "CREATE TABLE audit(x INTEGER);"
                            "INSERT INTO audit VALUES(1);"
                            "UPDATE person SET name = upper(name);"
                            "DELETE FROM person WHERE id = 1;"
                            "INSERT INTO person(id, name) VALUES(2, 'duplicate id');"
                            "CREATE TABLE never(x);"};
    const Status st = open_error(dir, *provider, {kV1, halfway, kV3});
    INFO(st.to_string());
    CHECK_FALSE(st.is_ok());
    CHECK_THAT(st.message(), Catch::Contains("version 2"));
    CHECK_FALSE(has_table(*open_ok(dir, *provider, {kV1}), "never"));
    require_untouched_v1(dir, *provider);
  }
  SECTION("a failure at v3 keeps v2 applied") {
    const Migration broken3{3, "CREATE TABLE city(name TEXT); INSERT INTO nowhere VALUES(1);"};
    const Status st = open_error(dir, *provider, {kV1, kV2, broken3});
    INFO(st.to_string());
    CHECK_THAT(st.message(), Catch::Contains("version 3"));
    auto store = open_ok(dir, *provider, {kV1, kV2});
    CHECK(version_of(*store) == 2);
    CHECK(has_column(*store, "person", "score"));
    CHECK_FALSE(has_table(*store, "city"));
    require_v1_data(*store);
    return;
  }

  // The store is not wedged: the corrected list applies.
  auto store = open_ok(dir, *provider, {kV1, kV2, kV3});
  CHECK(version_of(*store) == 3);
  require_v1_data(*store);
  CHECK(query_int(*store, "SELECT count(*) FROM city") == 2);
}

TEST_CASE("a store newer than the build's migrations is refused as unsupported", "[migration]") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "store";
  auto provider = confidant::make_in_memory_key_provider();
  make_v1_store(dir, *provider);
  open_ok(dir, *provider, {kV1, kV2, kV3}).reset();

  for (const auto& older : {std::vector<Migration>{kV1, kV2}, std::vector<Migration>{kV1}, std::vector<Migration>{}}) {
    INFO("a build that knows " << older.size() << " migrations");
    const Status st = open_error(dir, *provider, older);
    INFO(st.to_string());
    CHECK(st.code() == ErrorCode::kUnsupported);
    CHECK_THAT(st.message(), Catch::Contains("3"));
  }
  // Refusing changed nothing.
  auto store = open_ok(dir, *provider, {kV1, kV2, kV3});
  CHECK(version_of(*store) == 3);
  require_v1_data(*store);
}

TEST_CASE("a migration list with a gap, a duplicate or the wrong order is an invalid argument", "[migration]") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "store";
  auto provider = confidant::make_in_memory_key_provider();
  make_v1_store(dir, *provider);

  struct Case {
    const char* what;
    std::vector<Migration> migrations;
    const char* names;
  };
  const Migration kV4{4, "CREATE TABLE v4(x);"};
  const Migration kZero{0, "CREATE TABLE zero(x);"};
  const std::vector<Case> cases = {
      {"a gap", {kV1, kV3}, "migrations[1].version"},
      {"a gap after a valid prefix", {kV1, kV2, kV4}, "migrations[2].version"},
      {"the wrong order", {kV2, kV1, kV3}, "migrations[0].version"},
      {"a swap in the middle", {kV1, kV3, kV2}, "migrations[1].version"},
      {"a duplicate", {kV1, kV1}, "migrations[1].version"},
      {"version 0", {kZero, kV1}, "migrations[0].version"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const Status st = open_error(dir, *provider, c.migrations);
    INFO(st.to_string());
    CHECK(st.code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(st.message(), Catch::Contains(c.names));
  }
  require_untouched_v1(dir, *provider);

  // On a directory with no store yet, the bad list is refused just the same,
  // and a later open with a good list works.
  const fs::path fresh = tmp.path() / "fresh";
  const Status st = open_error(fresh, *provider, {kV1, kV3});
  INFO(st.to_string());
  CHECK(st.code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(st.message(), Catch::Contains("migrations[1].version"));
  CHECK_FALSE(fs::exists(fresh));  // refused before anything is created
  auto store = open_ok(fresh, *provider, {kV1, kV2, kV3});
  CHECK(version_of(*store) == 3);
}

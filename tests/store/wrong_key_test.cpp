// Opening with the wrong key, or opening something that is not a store, gives
// its own error and leaves every file exactly as it was.
#include <sodium.h>
#include <sqlite3.h>

#include <string>

#include <catch2/catch.hpp>

#include "confidant/key_provider.hpp"
#include "store/file_layout.hpp"
#include "store/store.hpp"
#include "support/files.hpp"

using namespace confidant;
using namespace confidant::store;
using confidant::testing::files_in;
using confidant::testing::hash_directory;
using confidant::testing::read_bytes;
using confidant::testing::TempDir;
using confidant::testing::write_bytes;
namespace fs = std::filesystem;

namespace {

const PassphraseParams kFastArgon{1, 8u << 20};

StoreOptions options_for(const fs::path& dir, KeyProvider& provider) {
  StoreOptions o;
  o.dir = dir;
  o.key_provider = &provider;
  o.migrations = {{1, "CREATE TABLE t(x TEXT)"}};
  return o;
}

// A store left as a crash would leave it: database and a non-empty log.
void make_store_with_log(const fs::path& dir, KeyProvider& provider) {
  TempDir live;
  auto store = Store::open(options_for(live.path(), provider));
  REQUIRE(store.is_ok());
  REQUIRE(store.value()->exec("INSERT INTO t VALUES ('kept'); INSERT INTO t VALUES ('also kept')").is_ok());
  for (const auto& path : files_in(live.path())) fs::copy_file(path, dir / path.filename());
  REQUIRE(fs::file_size(dir / "confidant.db-wal") > layout::kHeaderBytes);
}

}  // namespace

TEST_CASE("a wrong passphrase is its own error and changes no file") {
  TempDir dir;
  auto right = make_passphrase_key_provider("right", kFastArgon);
  make_store_with_log(dir.path(), *right);
  const auto before = hash_directory(dir.path());

  auto wrong = make_passphrase_key_provider("wrong", kFastArgon);
  auto opened = Store::open(options_for(dir.path(), *wrong));
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == ErrorCode::kWrongKey);
  CHECK(hash_directory(dir.path()) == before);

  auto ok = Store::open(options_for(dir.path(), *right));
  REQUIRE(ok.is_ok());
  auto rows = ok.value()->prepare("SELECT count(*) FROM t");
  REQUIRE(rows->step().value());
  CHECK(rows->column_int64(0) == 2);
}

TEST_CASE("another provider instance or kind is a wrong key, named as such") {
  TempDir dir;
  auto memory = make_in_memory_key_provider();
  make_store_with_log(dir.path(), *memory);
  const auto before = hash_directory(dir.path());

  auto other_memory = make_in_memory_key_provider();
  auto a = Store::open(options_for(dir.path(), *other_memory));
  CHECK(a.status().code() == ErrorCode::kWrongKey);

  auto passphrase = make_passphrase_key_provider("x", kFastArgon);
  auto b = Store::open(options_for(dir.path(), *passphrase));
  CHECK(b.status().code() == ErrorCode::kWrongKey);
  CHECK(b.status().message().find("'memory'") != std::string::npos);
  CHECK(hash_directory(dir.path()) == before);
}

TEST_CASE("a plain SQLite database is not a store, and is left untouched") {
  TempDir dir;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(Store::db_path(dir.path()).c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  const auto before = hash_directory(dir.path());
  auto provider = make_in_memory_key_provider();
  auto opened = Store::open(options_for(dir.path(), *provider));
  CHECK(opened.status().code() == ErrorCode::kNotAStore);
  CHECK(hash_directory(dir.path()) == before);
}

TEST_CASE("random bytes, a short file, and a missing store with create_if_missing off") {
  auto provider = make_in_memory_key_provider();
  SECTION("random bytes") {
    TempDir dir;
    std::vector<std::uint8_t> noise(3 * 4096);
    randombytes_buf(noise.data(), noise.size());
    write_bytes(Store::db_path(dir.path()), noise);
    CHECK(Store::open(options_for(dir.path(), *provider)).status().code() == ErrorCode::kNotAStore);
    CHECK(read_bytes(Store::db_path(dir.path())) == noise);
  }
  SECTION("a short non-zero file") {
    TempDir dir;
    const std::vector<std::uint8_t> text = {'h', 'e', 'l', 'l', 'o'};
    write_bytes(Store::db_path(dir.path()), text);
    CHECK(Store::open(options_for(dir.path(), *provider)).status().code() == ErrorCode::kNotAStore);
    CHECK(read_bytes(Store::db_path(dir.path())) == text);
  }
  SECTION("nothing there") {
    TempDir dir;
    auto o = options_for(dir.path(), *provider);
    o.create_if_missing = false;
    const auto st = Store::open(o).status();
    CHECK(st.code() == ErrorCode::kNotAStore);
    CHECK(files_in(dir.path()).empty());
  }
}

TEST_CASE("a store of another format version is unsupported") {
  TempDir dir;
  auto provider = make_in_memory_key_provider();
  { REQUIRE(Store::open(options_for(dir.path(), *provider)).is_ok()); }
  auto bytes = read_bytes(Store::db_path(dir.path()));
  layout::put_u32(&bytes[16], layout::kFormatVersion + 1);
  crypto_generichash(&bytes[48], 16, bytes.data(), 48, nullptr, 0);  // keep the header's check hash valid
  write_bytes(Store::db_path(dir.path()), bytes);
  CHECK(Store::open(options_for(dir.path(), *provider)).status().code() == ErrorCode::kUnsupported);
  CHECK(read_bytes(Store::db_path(dir.path())) == bytes);
}

TEST_CASE("a log from another store is refused") {
  TempDir a_dir, b_dir;
  auto provider = make_in_memory_key_provider();
  make_store_with_log(a_dir.path(), *provider);
  make_store_with_log(b_dir.path(), *provider);
  fs::copy_file(b_dir.path() / "confidant.db-wal", a_dir.path() / "confidant.db-wal",
                fs::copy_options::overwrite_existing);
  const auto before = hash_directory(a_dir.path());
  const auto st = Store::open(options_for(a_dir.path(), *provider)).status();
  CHECK(st.code() == ErrorCode::kTampered);
  CHECK(hash_directory(a_dir.path()) == before);
}

// Key management of the encrypted store: re-wrapping the data key (O(1), and
// finished after a crash), rotating the data key (every page re-encrypted; a
// crash at any step leaves a store that opens), crypto-shredding erasure, and
// one handle per store in a process.
//
// Crash tests fork(): the child opens the store and dies at a chosen point
// (_exit at a RotationStep, or SIGKILL at a random moment); the parent then
// reopens what the child left. Run one group alone with its tag, e.g.
// `store_key_management_test "[rotate]"`.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "confidant/key_provider.hpp"
#include "store/file_layout.hpp"
#include "store/store.hpp"
#include "support/files.hpp"

namespace {

namespace fs = std::filesystem;
namespace layout = confidant::store::layout;
using confidant::ErrorCode;
using confidant::KeyProvider;
using confidant::PassphraseParams;
using confidant::Status;
using confidant::store::Migration;
using confidant::store::RotationStep;
using confidant::store::Store;
using confidant::store::StoreOptions;
using confidant::testing::Bytes;
using confidant::testing::copy_directory;
using confidant::testing::list_directory;
using confidant::testing::overwrite_bytes;
using confidant::testing::read_bytes;
using confidant::testing::TempDir;
using confidant::testing::write_bytes;

constexpr PassphraseParams kFastArgon{1, 8u << 20};
constexpr std::size_t kIdOffset = 32;

std::unique_ptr<KeyProvider> passphrase_provider(std::string passphrase) {
  return confidant::make_passphrase_key_provider(std::move(passphrase), kFastArgon);
}

std::unique_ptr<KeyProvider> key_file_provider(const fs::path& path) {
  auto provider = confidant::make_key_file_provider(path, true);
  INFO(provider.status().to_string());
  REQUIRE(provider);
  return std::move(provider.value());
}

std::vector<Migration> schema() {
  return {{1, "CREATE TABLE item(id INTEGER PRIMARY KEY, payload BLOB NOT NULL);"}};
}

StoreOptions store_options(const fs::path& dir, KeyProvider& provider) {
  StoreOptions o;
  o.dir = dir;
  o.key_provider = &provider;
  o.migrations = schema();
  return o;
}

std::unique_ptr<Store> open_ok(const fs::path& dir, KeyProvider& provider) {
  auto store = Store::open(store_options(dir, provider));
  INFO("open " << dir << " with the '" << provider.kind() << "' provider: " << store.status().to_string());
  REQUIRE(store);
  return std::move(store.value());
}

// The error of an open expected to fail (kOk when it opened after all).
Status open_error(const fs::path& dir, KeyProvider& provider) {
  auto store = Store::open(store_options(dir, provider));
  return store ? Status::ok() : store.status();
}

// Row `id`'s payload: deterministic, 64..2047 bytes, so rows are checked byte for byte.
Bytes payload(std::int64_t id, std::size_t min_size = 64, std::size_t spread = 1984) {
  std::uint64_t x = static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ull + 1;
  Bytes out(min_size + static_cast<std::size_t>(x >> 40) % spread);
  for (auto& b : out) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    b = static_cast<std::uint8_t>(x >> 56);
  }
  return out;
}

// No Catch assertions: also used in forked children.
Status insert_rows(Store& store, std::int64_t first, std::int64_t count) {
  if (Status st = store.exec("BEGIN"); !st) return st;
  {
    auto stmt = store.prepare("INSERT INTO item(id, payload) VALUES(?, ?)");
    if (!stmt) return stmt.status();
    for (std::int64_t id = first; id < first + count; ++id) {
      const Bytes p = payload(id);
      stmt->bind(1, id).bind_blob(2, p);
      if (Status st = stmt->run(); !st) return st;
      if (Status st = stmt->reset(); !st) return st;
    }
  }
  return store.exec("COMMIT");
}

void require_insert(Store& store, std::int64_t first, std::int64_t count) {
  const Status st = insert_rows(store, first, count);
  INFO(st.to_string());
  REQUIRE(st);
}

// The table holds exactly rows 1..count with their payloads.
void require_rows(Store& store, std::int64_t count) {
  auto stmt = store.prepare("SELECT id, payload FROM item ORDER BY id");
  INFO(stmt.status().to_string());
  REQUIRE(stmt);
  std::int64_t seen = 0, wrong = 0;
  for (;;) {
    auto row = stmt->step();
    INFO(row.status().to_string());
    REQUIRE(row);
    if (!row.value()) break;
    ++seen;
    const auto blob = stmt->column_blob(1);
    const Bytes expected = payload(stmt->column_int64(0));
    if (stmt->column_int64(0) != seen || !std::equal(blob.begin(), blob.end(), expected.begin(), expected.end())) {
      ++wrong;
    }
  }
  CHECK(seen == count);
  CHECK(wrong == 0);
}

void require_intact(Store& store) {
  auto report = store.integrity_check();
  INFO(report.status().to_string());
  REQUIRE(report);
  CHECK(report.value() == "ok");
}

Bytes store_id(const fs::path& dir) { return read_bytes(Store::db_path(dir), kIdOffset, layout::kIdBytes); }

Bytes slot_bytes(const Bytes& header, int slot) {
  const auto at = header.begin() + static_cast<std::ptrdiff_t>(layout::kKeySlotOffset[slot]);
  return Bytes(at, at + static_cast<std::ptrdiff_t>(layout::kKeySlotBytes));
}

bool all_zero(const Bytes& bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

// The first page (1-based, after the header) where two database files differ; 0 when none.
std::uint64_t first_different_page(const Bytes& a, const Bytes& b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t at = layout::kHeaderBytes; at < n; ++at) {
    if (a[at] != b[at]) return (at - layout::kHeaderBytes) / layout::kPageSize + 1;
  }
  return a.size() == b.size() ? 0 : n / layout::kPageSize;
}

std::set<Bytes> pages_of(const Bytes& file) {
  std::set<Bytes> pages;
  for (std::size_t at = layout::kHeaderBytes; at + layout::kPageSize <= file.size(); at += layout::kPageSize) {
    pages.emplace(file.begin() + static_cast<std::ptrdiff_t>(at),
                  file.begin() + static_cast<std::ptrdiff_t>(at + layout::kPageSize));
  }
  return pages;
}

fs::path rotation_copy(const fs::path& dir) { return Store::db_path(dir).string() + ".rotate"; }

bool rotation_leftovers(const fs::path& dir) {
  const std::string copy = rotation_copy(dir).string();
  return fs::exists(copy) || fs::exists(copy + "-wal") || fs::exists(copy + "-journal");
}

const char* step_name(RotationStep step) {
  switch (step) {
    case RotationStep::kCheckpointed: return "kCheckpointed";
    case RotationStep::kCopied: return "kCopied";
    case RotationStep::kCopySynced: return "kCopySynced";
    case RotationStep::kOldClosed: return "kOldClosed";
    case RotationStep::kRenamed: return "kRenamed";
    case RotationStep::kDone: return "kDone";
  }
  return "?";
}

// Writes rows 1..rows, checkpoints and closes, so the main file holds everything.
void make_store(const fs::path& dir, KeyProvider& provider, std::int64_t rows) {
  auto store = open_ok(dir, provider);
  require_insert(*store, 1, rows);
  REQUIRE(store->checkpoint());
  REQUIRE(store->close());
}

}  // namespace

// ---- re-wrapping --------------------------------------------------------------

TEST_CASE("rewrap leaves every page untouched and retires the old provider", "[rewrap]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  const fs::path db = Store::db_path(dir);
  auto old_provider = passphrase_provider("old passphrase");
  auto new_provider = passphrase_provider("new passphrase");
  make_store(dir, *old_provider, 400);
  const Bytes before = read_bytes(db);
  REQUIRE(before.size() > layout::kHeaderBytes + 100 * layout::kPageSize);

  {
    auto store = open_ok(dir, *old_provider);
    const Status st = store->rewrap(*new_provider);
    INFO(st.to_string());
    REQUIRE(st);
    require_rows(*store, 400);  // the open handle keeps working
    REQUIRE(store->close());
  }
  const Bytes after = read_bytes(db);

  CHECK(after.size() == before.size());
  CHECK(first_different_page(before, after) == 0);
  // Only the key slots of the header change: magic, format and store id stay.
  CHECK(std::equal(before.begin(), before.begin() + layout::kKeySlotOffset[0], after.begin()));
  CHECK(slot_bytes(before, 0) != slot_bytes(after, 0));
  CHECK(slot_bytes(before, 1) != slot_bytes(after, 1));

  const Status old_open = open_error(dir, *old_provider);
  INFO(old_open.to_string());
  CHECK(old_open.code() == ErrorCode::kWrongKey);

  auto store = open_ok(dir, *new_provider);
  require_rows(*store, 400);
  require_intact(*store);
}

TEST_CASE("rewrap twice alternates the key slots, only the last provider opens", "[rewrap]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  auto a = passphrase_provider("A");
  auto b = passphrase_provider("B");
  auto c = passphrase_provider("C");
  make_store(dir, *a, 50);
  const Bytes before = read_bytes(Store::db_path(dir));
  {
    auto store = open_ok(dir, *a);
    REQUIRE(store->rewrap(*b));
    REQUIRE(store->rewrap(*c));
    REQUIRE(store->close());
  }
  const Bytes after = read_bytes(Store::db_path(dir));
  CHECK(first_different_page(before, after) == 0);
  // Exactly one live slot: the other was wiped to zeros.
  CHECK((all_zero(slot_bytes(after, 0)) != all_zero(slot_bytes(after, 1))));
  CHECK(open_error(dir, *a).code() == ErrorCode::kWrongKey);
  CHECK(open_error(dir, *b).code() == ErrorCode::kWrongKey);
  auto store = open_ok(dir, *c);
  require_rows(*store, 50);
}

TEST_CASE("rewrap across provider kinds: passphrase -> key file -> in-memory", "[rewrap]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  auto phrase = passphrase_provider("a passphrase");
  auto file = key_file_provider(tmp / "wrapping.key");
  auto memory = confidant::make_in_memory_key_provider();
  make_store(dir, *phrase, 120);
  const Bytes before = read_bytes(Store::db_path(dir));

  {
    auto store = open_ok(dir, *phrase);
    REQUIRE(store->rewrap(*file));
    REQUIRE(store->close());
  }
  CHECK(open_error(dir, *phrase).code() == ErrorCode::kWrongKey);
  {
    auto store = open_ok(dir, *file);
    require_rows(*store, 120);
    REQUIRE(store->rewrap(*memory));
    REQUIRE(store->close());
  }
  CHECK(open_error(dir, *phrase).code() == ErrorCode::kWrongKey);
  CHECK(open_error(dir, *file).code() == ErrorCode::kWrongKey);
  CHECK(first_different_page(before, read_bytes(Store::db_path(dir))) == 0);
  auto store = open_ok(dir, *memory);
  require_rows(*store, 120);
  require_intact(*store);
}

TEST_CASE("after rewrap the handle keeps writing, and new writes open under the new provider", "[rewrap]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  auto old_provider = confidant::make_in_memory_key_provider();
  auto new_provider = confidant::make_in_memory_key_provider();
  {
    auto store = open_ok(dir, *old_provider);
    require_insert(*store, 1, 30);  // still in the WAL when the key is re-wrapped
    REQUIRE(store->rewrap(*new_provider));
    require_insert(*store, 31, 30);
    REQUIRE(store->checkpoint());
    require_insert(*store, 61, 30);
  }  // destroyed without close(): the destructor closes
  CHECK(open_error(dir, *old_provider).code() == ErrorCode::kWrongKey);
  auto store = open_ok(dir, *new_provider);
  require_rows(*store, 90);
  require_intact(*store);
  CHECK(store->close());
  CHECK(store->rewrap(*old_provider).code() == ErrorCode::kClosed);
}

TEST_CASE("an interrupted rewrap is finished by the next open with the new provider", "[rewrap]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  const fs::path db = Store::db_path(dir);
  auto old_provider = passphrase_provider("old passphrase");
  auto new_provider = passphrase_provider("new passphrase");
  make_store(dir, *old_provider, 80);

  const Bytes header_before = read_bytes(db, 0, layout::kHeaderBytes);
  REQUIRE(all_zero(slot_bytes(header_before, 0)) != all_zero(slot_bytes(header_before, 1)));
  const int old_slot = all_zero(slot_bytes(header_before, 0)) ? 1 : 0;
  {
    auto store = open_ok(dir, *old_provider);
    REQUIRE(store->rewrap(*new_provider));
    REQUIRE(store->close());
  }
  const Bytes header_after = read_bytes(db, 0, layout::kHeaderBytes);
  CHECK(all_zero(slot_bytes(header_after, old_slot)));
  CHECK_FALSE(all_zero(slot_bytes(header_after, 1 - old_slot)));

  // The crash image: the new slot written and synced, the old one not yet wiped.
  overwrite_bytes(db, layout::kKeySlotOffset[old_slot], slot_bytes(header_before, old_slot));
  REQUIRE(slot_bytes(read_bytes(db, 0, layout::kHeaderBytes), old_slot) == slot_bytes(header_before, old_slot));

  {
    auto store = open_ok(dir, *new_provider);
    require_rows(*store, 80);
    require_intact(*store);
  }
  const Bytes header_reopened = read_bytes(db, 0, layout::kHeaderBytes);
  CHECK(all_zero(slot_bytes(header_reopened, old_slot)));
  CHECK(slot_bytes(header_reopened, 1 - old_slot) == slot_bytes(header_after, 1 - old_slot));

  const Status old_open = open_error(dir, *old_provider);
  INFO(old_open.to_string());
  CHECK(old_open.code() == ErrorCode::kWrongKey);
  auto store = open_ok(dir, *new_provider);
  require_rows(*store, 80);
}

// ---- data-key rotation ---------------------------------------------------------

TEST_CASE("rotate_data_key re-encrypts every page under a new key and keeps every row", "[rotate]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  const fs::path db = Store::db_path(dir);
  auto provider = key_file_provider(tmp / "wrapping.key");
  make_store(dir, *provider, 600);
  const Bytes old_file = read_bytes(db);
  const Bytes old_id = store_id(dir);

  std::vector<RotationStep> steps;
  {
    auto store = open_ok(dir, *provider);
    const Status st = store->rotate_data_key([&](RotationStep step) { steps.push_back(step); });
    INFO(st.to_string());
    REQUIRE(st);
    require_rows(*store, 600);
    require_intact(*store);
    REQUIRE(store->checkpoint());
    REQUIRE(store->close());
  }
  CHECK(steps == std::vector<RotationStep>{RotationStep::kCheckpointed, RotationStep::kCopied,
                                           RotationStep::kCopySynced, RotationStep::kOldClosed,
                                           RotationStep::kRenamed, RotationStep::kDone});
  CHECK_FALSE(rotation_leftovers(dir));

  const Bytes new_file = read_bytes(db);
  const Bytes new_id = store_id(dir);
  CHECK(new_id != old_id);
  const std::set<Bytes> old_pages = pages_of(old_file);
  std::size_t reused = 0;
  for (const Bytes& page : pages_of(new_file)) reused += old_pages.count(page);
  CHECK(reused == 0);
  CHECK(new_file.size() > layout::kHeaderBytes + 100 * layout::kPageSize);

  auto store = open_ok(dir, *provider);
  require_rows(*store, 600);
  require_intact(*store);
  // Writes after the rotation (WAL under the new key) survive a reopen.
  require_insert(*store, 601, 40);
  REQUIRE(store->close());
  store = open_ok(dir, *provider);
  require_rows(*store, 640);
  require_intact(*store);
}

TEST_CASE("rotate_data_key after rewrap wraps the new key with the new provider", "[rotate][rewrap]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  auto old_provider = passphrase_provider("old");
  auto new_provider = passphrase_provider("new");
  make_store(dir, *old_provider, 60);
  {
    auto store = open_ok(dir, *old_provider);
    REQUIRE(store->rewrap(*new_provider));
    const Status st = store->rotate_data_key();
    INFO(st.to_string());
    REQUIRE(st);
    require_rows(*store, 60);
  }
  CHECK(open_error(dir, *old_provider).code() == ErrorCode::kWrongKey);
  auto store = open_ok(dir, *new_provider);
  require_rows(*store, 60);
  require_intact(*store);
}

TEST_CASE("a crash at every step of rotate_data_key leaves a store that opens with the old or the new key",
          "[rotate][crash]") {
  constexpr RotationStep kSteps[] = {RotationStep::kCheckpointed, RotationStep::kCopied,
                                     RotationStep::kCopySynced,   RotationStep::kOldClosed,
                                     RotationStep::kRenamed,      RotationStep::kDone};
  for (const RotationStep crash_at : kSteps) {
    INFO("the child dies right after " << step_name(crash_at));
    TempDir tmp;
    const fs::path dir = tmp / "store";
    auto provider = key_file_provider(tmp / "wrapping.key");
    make_store(dir, *provider, 200);
    const Bytes old_id = store_id(dir);

    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      // The child: no Catch assertions, only exit codes.
      auto store = Store::open(store_options(dir, *provider));
      if (!store) ::_exit(10);
      // Rows 201..250 are committed to the WAL only: the rotation must checkpoint them.
      if (!insert_rows(*store.value(), 201, 50)) ::_exit(11);
      const Status st = store.value()->rotate_data_key([&](RotationStep step) {
        if (step == crash_at) ::_exit(0);
      });
      ::_exit(st ? 12 : 13);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    INFO("child wait status " << status);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    const bool copy_pending = crash_at == RotationStep::kCopied || crash_at == RotationStep::kCopySynced ||
                              crash_at == RotationStep::kOldClosed;
    CHECK(fs::exists(rotation_copy(dir)) == copy_pending);  // the crash really was mid-rotation

    {
      auto store = open_ok(dir, *provider);
      require_intact(*store);
      require_rows(*store, 250);
      CHECK_FALSE(rotation_leftovers(dir));
      const bool renamed = crash_at == RotationStep::kRenamed || crash_at == RotationStep::kDone;
      if (renamed) {
        CHECK(store_id(dir) != old_id);
      } else {
        CHECK(store_id(dir) == old_id);
      }
      // The recovered store rotates again.
      const Status st = store->rotate_data_key();
      INFO(st.to_string());
      CHECK(st);
      require_rows(*store, 250);
    }
    CHECK_FALSE(rotation_leftovers(dir));
  }
}

TEST_CASE("SIGKILL at a random moment of rotate_data_key on a multi-megabyte store", "[rotate][crash][kill]") {
  constexpr std::int64_t kRows = 3000;  // about 3 MB of payload
  constexpr int kKills = 8;
  TempDir tmp;
  const fs::path dir = tmp / "store";
  auto provider = key_file_provider(tmp / "wrapping.key");
  make_store(dir, *provider, kRows);
  REQUIRE(fs::file_size(Store::db_path(dir)) > (3u << 20));

  // How long one rotation takes here, to spread the kills over it.
  std::chrono::microseconds rotation_time{};
  {
    auto store = open_ok(dir, *provider);
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(store->rotate_data_key());
    rotation_time = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  }
  const std::uint32_t seed = std::random_device{}();
  INFO("seed " << seed << ", one rotation takes " << rotation_time.count() << " us");
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::int64_t> delay_us(0, rotation_time.count() * 5 / 4);

  int kept_old = 0, got_new = 0, mid_copy = 0;
  for (int kill = 0; kill < kKills; ++kill) {
    const Bytes old_id = store_id(dir);
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(ready[0]);
      auto store = Store::open(store_options(dir, *provider));
      if (!store) ::_exit(10);
      const char byte = 'r';
      if (::write(ready[1], &byte, 1) != 1) ::_exit(11);
      ::_exit(store.value()->rotate_data_key() ? 0 : 12);
    }
    ::close(ready[1]);
    char byte = 0;
    const ssize_t got = ::read(ready[0], &byte, 1);
    ::close(ready[0]);
    const std::int64_t delay = delay_us(rng);
    if (got == 1) std::this_thread::sleep_for(std::chrono::microseconds(delay));
    ::kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    INFO("kill " << kill << " after " << delay << " us; child wait status " << status);
    REQUIRE(got == 1);  // the child opened the store
    REQUIRE((WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0)));
    mid_copy += fs::exists(rotation_copy(dir)) ? 1 : 0;

    auto store = open_ok(dir, *provider);
    require_intact(*store);
    require_rows(*store, kRows);
    CHECK_FALSE(rotation_leftovers(dir));
    (store_id(dir) == old_id ? kept_old : got_new) += 1;
  }
  WARN("SIGKILL during rotation (seed " << seed << ", rotation " << rotation_time.count() << " us): " << kept_old
                                        << " kept the old key, " << got_new << " had the new key, " << mid_copy
                                        << " left a half-made copy");
}

// ---- erasure -------------------------------------------------------------------

TEST_CASE("erase removes every file of the store and a reopen starts empty", "[erase]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  auto provider = confidant::make_in_memory_key_provider();
  auto store = open_ok(dir, *provider);
  require_insert(*store, 1, 100);
  REQUIRE(fs::exists(Store::db_path(dir)));
  REQUIRE(fs::exists(Store::db_path(dir).string() + "-wal"));

  const Status st = store->erase();
  INFO(st.to_string());
  REQUIRE(st);
  CHECK(list_directory(dir).empty());
  CHECK(store->exec("SELECT 1").code() == ErrorCode::kClosed);

  StoreOptions fresh;
  fresh.dir = dir;
  fresh.key_provider = provider.get();
  auto reopened = Store::open(fresh);
  INFO(reopened.status().to_string());
  REQUIRE(reopened);
  auto version = reopened.value()->schema_version();
  REQUIRE(version);
  CHECK(version.value() == 0);
  auto tables = reopened.value()->prepare("SELECT count(*) FROM sqlite_master");
  REQUIRE(tables);
  REQUIRE(tables->step().value());
  CHECK(tables->column_int64(0) == 0);
}

TEST_CASE("erase shreds the key slots before unlinking: a hard link to the old file opens nowhere", "[erase]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  const fs::path db = Store::db_path(dir);
  auto provider = passphrase_provider("erase me");
  auto store = open_ok(dir, *provider);
  require_insert(*store, 1, 200);
  REQUIRE(store->checkpoint());
  fs::create_directories(tmp / "backup");
  const fs::path link = tmp / "backup" / "linked.db";
  fs::create_hard_link(db, link);
  const Bytes header_before = read_bytes(db, 0, layout::kHeaderBytes);

  REQUIRE(store->erase());
  CHECK(list_directory(dir).empty());

  // The inode survives through the link; its header must not.
  const Bytes shredded = read_bytes(link);
  REQUIRE(shredded.size() > layout::kHeaderBytes);
  for (int slot = 0; slot < 2; ++slot) {
    INFO("key slot " << slot);
    CHECK(slot_bytes(shredded, slot) != slot_bytes(header_before, slot));
  }

  // A backup of that inode is not a store any more, even for the right key.
  const fs::path copy = tmp / "copy";
  fs::create_directories(copy);
  write_bytes(Store::db_path(copy), shredded);
  const Status as_is = open_error(copy, *provider);
  INFO(as_is.to_string());
  CHECK(as_is.code() == ErrorCode::kNotAStore);

  // Even with the plain part of the header put back, no key slot survives.
  const fs::path repaired = tmp / "repaired";
  fs::create_directories(repaired);
  Bytes patched = shredded;
  std::copy(header_before.begin(), header_before.begin() + layout::kKeySlotOffset[0], patched.begin());
  write_bytes(Store::db_path(repaired), patched);
  const Status with_header = open_error(repaired, *provider);
  INFO(with_header.to_string());
  CHECK(with_header.code() == ErrorCode::kTampered);
  CHECK_THAT(with_header.message(), Catch::Contains("no intact key slot"));
}

TEST_CASE("erase_files removes a crash image of an open store, WAL included", "[erase]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  const fs::path image = tmp / "image";
  const fs::path image_check = tmp / "image-check";
  auto provider = confidant::make_in_memory_key_provider();
  {
    auto store = open_ok(dir, *provider);
    for (int commit = 0; commit < 5; ++commit) require_insert(*store, 1 + commit * 20, 20);
    copy_directory(dir, image);  // what a crash (or a backup) would leave right now
    copy_directory(dir, image_check);
  }
  const fs::path image_wal = Store::db_path(image).string() + "-wal";
  REQUIRE(fs::exists(image_wal));
  CHECK(fs::file_size(image_wal) > layout::kHeaderBytes);
  {
    // The image is a real store: its committed rows live in the WAL.
    auto store = open_ok(image_check, *provider);
    require_rows(*store, 100);
  }

  write_bytes(rotation_copy(image), Bytes(8192, 0x42));  // a rotation's leftover, too
  const Status st = Store::erase_files(image);
  INFO(st.to_string());
  REQUIRE(st);
  CHECK(list_directory(image).empty());

  // Nothing to erase is not an error.
  CHECK(Store::erase_files(image));
  CHECK(Store::erase_files(tmp / "never-existed"));
}

TEST_CASE("erase_files shreds a rotation's leftover copy too, not only the database", "[erase][rotate]") {
  // A rotation that dies after its copy is complete (or that fails after it,
  // e.g. at the rename) leaves confidant.db.rotate: the whole database under a
  // new data key, wrapped in that file's own header by the same provider.
  // erase_files() is documented as the way to erase such a store without
  // opening it; the copy's key slots must be shredded like the database's.
  TempDir tmp;
  const fs::path dir = tmp / "store";
  auto provider = key_file_provider(tmp / "wrapping.key");
  make_store(dir, *provider, 100);

  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    auto store = Store::open(store_options(dir, *provider));
    if (!store) ::_exit(10);
    const Status st = store.value()->rotate_data_key([](RotationStep step) {
      if (step == RotationStep::kCopySynced) ::_exit(0);
    });
    ::_exit(st ? 12 : 13);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(fs::exists(rotation_copy(dir)));

  fs::create_directories(tmp / "backup");
  const fs::path link = tmp / "backup" / "linked.rotate";
  fs::create_hard_link(rotation_copy(dir), link);

  const Status st = Store::erase_files(dir);
  INFO(st.to_string());
  REQUIRE(st);
  for (const auto& name : list_directory(dir)) UNSCOPED_INFO("left: " << name);
  CHECK(list_directory(dir).empty());

  const fs::path copy = tmp / "copy";
  fs::create_directories(copy);
  write_bytes(Store::db_path(copy), read_bytes(link));
  std::int64_t readable_rows = -1;
  Status reopened = Status::ok();
  {
    auto leaked = Store::open(store_options(copy, *provider));
    reopened = leaked.status();
    if (leaked) {
      auto rows = leaked.value()->prepare("SELECT count(*) FROM item");
      if (rows && rows->step().value()) readable_rows = rows->column_int64(0);
    }
  }
  INFO("opening the bytes of the erased store's rotation copy: " << reopened.to_string() << "; rows readable: "
                                                                  << readable_rows);
  CHECK(reopened.code() == ErrorCode::kNotAStore);
}

// ---- one handle per store -------------------------------------------------------

TEST_CASE("a second open of the same store in one process is busy, the first keeps working", "[busy]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  auto provider = confidant::make_in_memory_key_provider();
  auto first = open_ok(dir, *provider);
  require_insert(*first, 1, 20);

  fs::create_directory_symlink(dir, tmp / "alias");
  fs::create_directories(dir / "sub");
  for (const fs::path& spelling : {dir, dir / ".", dir / "sub" / "..", tmp / "alias"}) {
    INFO("second open through " << spelling);
    const Status second = open_error(spelling, *provider);
    INFO(second.to_string());
    CHECK(second.code() == ErrorCode::kBusy);
    require_rows(*first, 20);  // the first handle is unharmed
  }
  require_insert(*first, 21, 20);
  require_rows(*first, 40);
  REQUIRE(first->checkpoint());
  REQUIRE(first->rotate_data_key());  // closes and reopens its own connection
  require_rows(*first, 40);
  require_intact(*first);
  REQUIRE(first->close());

  auto again = open_ok(dir, *provider);  // closing released the store
  require_rows(*again, 40);
}

TEST_CASE("an open from another process while the store is open is busy", "[busy]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  auto provider = key_file_provider(tmp / "wrapping.key");
  auto first = open_ok(dir, *provider);
  require_insert(*first, 1, 20);

  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    auto second = Store::open(store_options(dir, *provider));
    ::_exit(second ? 100 : static_cast<int>(second.status().code()));
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == static_cast<int>(ErrorCode::kBusy));

  require_insert(*first, 21, 20);
  require_rows(*first, 40);
  REQUIRE(first->close());
  auto again = open_ok(dir, *provider);
  require_rows(*again, 40);
  require_intact(*again);
}

// ---- erasure reaches copies made earlier -------------------------------------------

TEST_CASE("erase destroys the provider's wrapping key: a backup taken before erase opens nowhere", "[erase]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  const fs::path key = tmp / "wrapping.key";
  auto provider = key_file_provider(key);
  make_store(dir, *provider, 50);
  const fs::path backup = tmp / "backup";
  copy_directory(dir, backup);
  REQUIRE(open_error(backup, *provider).is_ok());  // the backup is a working store before the erase

  auto store = open_ok(dir, *provider);
  REQUIRE(store->erase().is_ok());
  CHECK_FALSE(fs::exists(key));       // the wrapping key is gone with the store
  CHECK(open_error(backup, *provider).code() == ErrorCode::kWrongKey);  // even the old provider object
  auto recreated = confidant::make_key_file_provider(key, true);       // a new key file is a new key
  REQUIRE(recreated);
  CHECK(open_error(backup, *recreated.value()).code() == ErrorCode::kWrongKey);
}

// ---- statements and the connection ----------------------------------------------

TEST_CASE("close, rotation and erase refuse while a Statement lives, close works once it is gone", "[busy][rotate]") {
  TempDir tmp;
  const fs::path dir = tmp / "store";
  auto provider = key_file_provider(tmp / "wrapping.key");
  make_store(dir, *provider, 10);
  auto store = open_ok(dir, *provider);
  {
    auto live = store->prepare("SELECT count(*) FROM item");
    REQUIRE(live);
    CHECK(store->close().code() == ErrorCode::kBusy);
    CHECK(store->rotate_data_key().code() == ErrorCode::kBusy);
    CHECK(store->erase().code() == ErrorCode::kBusy);
    CHECK(fs::exists(Store::db_path(dir)));  // the refused erase touched nothing
    REQUIRE(live->step().value());  // the refused calls left the connection working
    CHECK(live->column_int64(0) == 10);
  }
  REQUIRE(store->rotate_data_key().is_ok());
  REQUIRE(store->close().is_ok());
  CHECK(store->close().code() == ErrorCode::kClosed);
  CHECK(open_error(dir, *provider).is_ok());  // no lock left behind
}

// Tampering is detected, reported with a typed error naming the place, and
// never answered with wrong data: single-byte flips in every page and every
// log unit, swapped pages, and a page copied from another store under the
// same data key.
#include <sodium.h>

#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "confidant/key_provider.hpp"
#include "store/file_layout.hpp"
#include "store/page_codec.hpp"
#include "store/store.hpp"
#include "support/files.hpp"
#include "support/notes_store.hpp"

using namespace confidant;
using namespace confidant::store;
using confidant::testing::flip_byte;
using confidant::testing::read_bytes;
using confidant::testing::TempDir;
using confidant::testing::write_bytes;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kPage = layout::kPageSize;
constexpr std::uint64_t kHeader = layout::kHeaderBytes;


// Opens and reads everything. Returns ok only if the contents equal `expected`;
// a tamper error is returned as such; anything else fails the test.
Status open_and_read(const fs::path& dir, KeyProvider& provider, const std::string& expected) {
  auto store = Store::open(confidant::testing::notes_store_options(dir, provider, false));
  if (!store) return store.status();
  auto integrity = store.value()->integrity_check();
  if (!integrity) return integrity.status();
  const std::string contents = confidant::testing::dump_notes(*store.value());
  if (contents.rfind("error: ", 0) == 0) return {ErrorCode::kTampered, contents};
  if (integrity.value() != "ok" || contents != expected) {
    return {ErrorCode::kInternal, "SILENT CHANGE: integrity=" + integrity.value()};
  }
  return Status::ok();
}

struct Fixture {
  TempDir dir;
  std::unique_ptr<KeyProvider> provider = make_in_memory_key_provider();
  std::string expected;

  Fixture() {
    auto store = Store::open(confidant::testing::notes_store_options(dir.path(), *provider, true));
    REQUIRE(store.is_ok());
    confidant::testing::fill_notes(*store.value(), 0, 120);
    expected = confidant::testing::dump_notes(*store.value());
  }
  fs::path db() const { return Store::db_path(dir.path()); }
};

std::uint64_t page_count(const fs::path& db) { return (fs::file_size(db) - kHeader) / kPage; }

}  // namespace

TEST_CASE("a flipped byte in any page is detected, names the page, and writes nothing") {
  Fixture f;
  const std::uint64_t pages = page_count(f.db());
  REQUIRE(pages >= 5);
  const auto untouched = read_bytes(f.db());
  // Start, middle and end of the encrypted body, the nonce and the tag.
  for (std::uint64_t pgno = 1; pgno <= pages; ++pgno) {
    for (std::uint64_t at : std::initializer_list<std::uint64_t>{0, 100, 2048, kPage - 41, kPage - 40, kPage - 17, kPage - 16, kPage - 1}) {
      const std::uint64_t offset = kHeader + (pgno - 1) * kPage + at;
      flip_byte(f.db(), offset);
      const auto tampered = read_bytes(f.db());
      const Status st = open_and_read(f.dir.path(), *f.provider, f.expected);
      INFO("page " << pgno << " byte " << at << ": " << st.to_string());
      CHECK(st.code() == ErrorCode::kTampered);
      CHECK(st.message().find("page " + std::to_string(pgno) + " ") != std::string::npos);
      CHECK(read_bytes(f.db()) == tampered);  // detection wrote nothing
      CHECK_FALSE(fs::exists(f.dir.path() / "confidant.db-wal"));
      write_bytes(f.db(), untouched);
    }
  }
  CHECK(open_and_read(f.dir.path(), *f.provider, f.expected).is_ok());
}

TEST_CASE("every single byte of one page, flipped in turn, is detected") {
  Fixture f;
  const auto untouched = read_bytes(f.db());
  const std::uint64_t pgno = 2;
  int detected = 0;
  for (std::uint64_t at = 0; at < kPage; ++at) {
    flip_byte(f.db(), kHeader + (pgno - 1) * kPage + at, 0x80);
    const Status st = open_and_read(f.dir.path(), *f.provider, f.expected);
    if (st.code() == ErrorCode::kTampered) ++detected;
    else FAIL_CHECK("byte " << at << " not detected: " << st.to_string());
    write_bytes(f.db(), untouched);
  }
  CHECK(detected == static_cast<int>(kPage));
}

TEST_CASE("swapped pages are detected") {
  Fixture f;
  auto bytes = read_bytes(f.db());
  std::swap_ranges(bytes.begin() + static_cast<std::ptrdiff_t>(kHeader + 1 * kPage),
                   bytes.begin() + static_cast<std::ptrdiff_t>(kHeader + 2 * kPage),
                   bytes.begin() + static_cast<std::ptrdiff_t>(kHeader + 2 * kPage));
  write_bytes(f.db(), bytes);
  const Status st = open_and_read(f.dir.path(), *f.provider, f.expected);
  INFO(st.to_string());
  CHECK(st.code() == ErrorCode::kTampered);
}

TEST_CASE("a page copied from another store under the same data key is detected") {
  Fixture a;
  // Build store B: A's pages re-sealed under A's data key but a new store id,
  // so the two stores share a key and differ only in the id bound to each page.
  auto bytes = read_bytes(a.db());
  layout::DbHeader header;
  REQUIRE(layout::parse_db_header(bytes, bytes.size(), header) == layout::HeaderState::kValid);
  const auto& slot = header.slots[0] ? *header.slots[0] : *header.slots[1];
  crypto::SecureKey data_key, data_key_copy;
  REQUIRE(a.provider->unwrap(slot.wrapped, layout::key_slot_context(header.id, slot.generation), data_key.bytes()).is_ok());
  std::copy(data_key.data(), data_key.data() + 32, data_key_copy.bytes().begin());
  const StoreKeys keys_a = StoreKeys::from_data_key(header.id, std::move(data_key));
  layout::StoreId id_b;
  randombytes_buf(id_b.data(), id_b.size());
  const StoreKeys keys_b = StoreKeys::from_data_key(id_b, std::move(data_key_copy));

  layout::DbHeader header_b;
  header_b.id = id_b;
  auto wrapped = a.provider->wrap(keys_b.data_key.bytes(), layout::key_slot_context(id_b, 1));
  REQUIRE(wrapped.is_ok());
  header_b.slots[0] = layout::KeySlot{1, a.provider->kind(), wrapped.value()};
  std::vector<std::uint8_t> b = layout::serialize_db_header(header_b);
  std::vector<std::uint8_t> page(kPage), sealed(kPage);
  for (std::uint64_t pgno = 1; pgno <= page_count(a.db()); ++pgno) {
    std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(kHeader + (pgno - 1) * kPage), kPage, page.begin());
    REQUIRE(open_page(keys_a, pgno, page.data()));
    seal_page(keys_b, pgno, page.data(), sealed.data());
    b.insert(b.end(), sealed.begin(), sealed.end());
  }
  TempDir dir_b;
  write_bytes(Store::db_path(dir_b.path()), b);
  REQUIRE(open_and_read(dir_b.path(), *a.provider, a.expected).is_ok());  // B is a valid store

  // Page 3 of A, dropped into B at the same place.
  std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(kHeader + 2 * kPage), kPage,
              b.begin() + static_cast<std::ptrdiff_t>(kHeader + 2 * kPage));
  write_bytes(Store::db_path(dir_b.path()), b);
  const Status st = open_and_read(dir_b.path(), *a.provider, a.expected);
  INFO(st.to_string());
  CHECK(st.code() == ErrorCode::kTampered);
  CHECK(st.message().find("page 3 ") != std::string::npos);
}

TEST_CASE("a flipped byte in any WAL unit is detected, a damaged seal loses nothing") {
  Fixture f;
  TempDir image;
  std::string expected;
  {
    // A crash image: the files as they are while the store is open after
    // several synced commits, with the log not yet checkpointed.
    auto o = confidant::testing::notes_store_options(f.dir.path(), *f.provider, false);
    auto store = Store::open(o);
    REQUIRE(store.is_ok());
    for (int t = 0; t < 6; ++t) confidant::testing::fill_notes(*store.value(), 1000 + t * 10, 10);
    expected = confidant::testing::dump_notes(*store.value());
    for (const auto& name : {"confidant.db", "confidant.db-wal"}) fs::copy_file(f.dir.path() / name, image.path() / name);
  }
  const fs::path wal = image.path() / "confidant.db-wal";
  const auto db_bytes = read_bytes(Store::db_path(image.path()));
  const auto wal_bytes = read_bytes(wal);
  const auto geometry = layout::wal_geometry();
  const std::uint64_t units = geometry.complete_units(wal_bytes.size());
  REQUIRE(units >= 7);
  REQUIRE(open_and_read(image.path(), *f.provider, expected).is_ok());
  write_bytes(Store::db_path(image.path()), db_bytes);
  write_bytes(wal, wal_bytes);

  for (std::uint64_t unit = 0; unit < units; ++unit) {
    const std::uint64_t start = geometry.physical_start(unit);
    const std::uint64_t size = geometry.stored_size(unit);
    // nonce, length, frame header, head tag, then the page: body, nonce, tag
    for (std::uint64_t at : std::initializer_list<std::uint64_t>{0, 24, 30, 40, 60, 83, 84, size / 2, size - 40,
                                                                 size - 17, size - 1}) {
      if (at >= size) continue;
      flip_byte(wal, start + at);
      const Status st = open_and_read(image.path(), *f.provider, expected);
      INFO("unit " << unit << " byte " << at << ": " << st.to_string());
      CHECK(st.code() == ErrorCode::kTampered);
      CHECK(read_bytes(wal).size() == wal_bytes.size());  // nothing truncated or rewritten
      write_bytes(Store::db_path(image.path()), db_bytes);
      write_bytes(wal, wal_bytes);
    }
  }
  // The log header names its store: a changed id is not this store's log.
  flip_byte(wal, 40);
  CHECK(open_and_read(image.path(), *f.provider, expected).code() == ErrorCode::kTampered);
  write_bytes(wal, wal_bytes);
  // A damaged seal falls back to the older one: the data is all there, or the
  // damage is reported; it is never silently lost.
  for (std::uint64_t at : std::initializer_list<std::uint64_t>{layout::kSealOffset[0] + 30, layout::kSealOffset[1] + 30}) {
    flip_byte(wal, at);
    const Status st = open_and_read(image.path(), *f.provider, expected);
    INFO("seal byte " << at << ": " << st.to_string());
    CHECK((st.is_ok() || st.code() == ErrorCode::kTampered));
    write_bytes(Store::db_path(image.path()), db_bytes);
    write_bytes(wal, wal_bytes);
  }
}

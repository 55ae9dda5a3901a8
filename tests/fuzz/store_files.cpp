// A store directory whose files are hostile: a page or WAL frame of a valid
// store, under its valid key, overwritten, cut or extended with fuzzed bytes.
//
// Once per process a template store is made (a table, then transactions that
// stay in the WAL: the files are copied while the store is open, before any
// checkpoint folds them). Each input then lays the template's files in a
// scratch directory, damages one of them, and opens the store with the
// template's key provider.
//
// The input: byte 0 picks the file (bit 0: the database or the WAL) and the
// damage (bits 1-2: overwrite, truncate, extend, overwrite near a page or
// frame boundary); bytes 1-4 the offset (little endian, modulo the file's
// size); the rest the bytes written.
//
// Properties:
//   - nothing crashes or hangs (libFuzzer's -timeout catches a hang);
//   - a refused open is a typed error (tampered, not_a_store, wrong_key, io,
//     unsupported) with a message, and changes no file of the store (bytes
//     and sizes as before the attempt);
//   - an open that succeeds reads every row or fails with a typed error,
//     and a row it reads is one the template wrote.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "confidant/key_provider.hpp"
#include "fuzz_support.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;
using confidant::ErrorCode;
using confidant::Status;

constexpr int kRows = 40;
constexpr std::size_t kPage = 4096;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_all(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string row_text(int i) { return "row-" + std::to_string(i) + std::string(200, static_cast<char>('a' + i % 26)); }

struct Template {
  fs::path root;
  std::unique_ptr<confidant::KeyProvider> provider = confidant::make_in_memory_key_provider();
  std::string db;
  std::string wal;
  std::set<std::string> rows;

  Template() {
    char pattern[] = "/tmp/confidant-fuzz-store-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) std::abort();
    root = pattern;
    confidant::store::StoreOptions options = options_for(root / "template");
    options.create_if_missing = true;
    auto store = confidant::store::Store::open(options);
    FUZZ_REQUIRE(store.is_ok(), store.status().to_string());
    FUZZ_REQUIRE(store.value()->exec("CREATE TABLE items(id INTEGER PRIMARY KEY, body TEXT NOT NULL)").is_ok(), "");
    FUZZ_REQUIRE(store.value()->checkpoint().is_ok(), "");  // the table in the database file...
    for (int i = 0; i < kRows; ++i) {  // ...the rows in the WAL, one transaction each
      const Status st = store.value()->transaction([&] {
        return store.value()->exec("INSERT INTO items(body) VALUES ('" + row_text(i) + "')");
      });
      FUZZ_REQUIRE(st.is_ok(), st.to_string());
      rows.insert(row_text(i));
    }
    db = read_all(root / "template" / "confidant.db");
    wal = read_all(root / "template" / "confidant.db-wal");
    FUZZ_REQUIRE(!wal.empty(), "the template's WAL holds its commits");
    FUZZ_REQUIRE(store.value()->close().is_ok(), "");
  }
  ~Template() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }

  confidant::store::StoreOptions options_for(const fs::path& dir) const {
    confidant::store::StoreOptions options;
    options.dir = dir;
    options.key_provider = provider.get();
    options.create_if_missing = false;
    return options;
  }
};

Template& the_template() {
  static Template instance;
  return instance;
}

bool typed_refusal(ErrorCode code) {
  return code == ErrorCode::kTampered || code == ErrorCode::kNotAStore || code == ErrorCode::kWrongKey ||
         code == ErrorCode::kIo || code == ErrorCode::kUnsupported;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Template& t = the_template();
  FuzzedDataProvider input(data, size);
  const std::uint8_t choice = input.ConsumeIntegral<std::uint8_t>();
  const std::uint32_t offset_seed = input.ConsumeIntegral<std::uint32_t>();
  const std::string bytes = input.ConsumeRemainingBytesAsString();

  const bool on_wal = (choice & 1) != 0;
  std::string db = t.db;
  std::string wal = t.wal;
  std::string& target = on_wal ? wal : db;
  const std::size_t offset = target.empty() ? 0 : offset_seed % target.size();
  switch ((choice >> 1) & 3) {
    case 0: target.replace(offset, std::min(bytes.size(), target.size() - offset), bytes); break;
    case 1: target.resize(offset); break;
    case 2: target += bytes; break;
    case 3: {  // around a page (or a frame's start): headers and boundaries
      const std::size_t near = (offset / kPage) * kPage + (offset_seed >> 24) % 64;
      if (near < target.size()) target.replace(near, std::min(bytes.size(), target.size() - near), bytes);
      break;
    }
  }

  const fs::path dir = t.root / "case";
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  fs::create_directories(dir);
  write_all(dir / "confidant.db", db);
  write_all(dir / "confidant.db-wal", wal);

  auto store = confidant::store::Store::open(t.options_for(dir));
  if (!store.is_ok()) {
    const Status st = store.status();
    FUZZ_REQUIRE(typed_refusal(st.code()), st.to_string());
    FUZZ_REQUIRE(!st.message().empty(), "a refusal says why");
    FUZZ_REQUIRE(read_all(dir / "confidant.db") == db, "a refused open changed the database: " + st.to_string());
    const bool wal_kept = fs::exists(dir / "confidant.db-wal") && read_all(dir / "confidant.db-wal") == wal;
    FUZZ_REQUIRE(wal_kept, "a refused open changed or removed the WAL: " + st.to_string());
    return 0;
  }
  auto stmt = store.value()->prepare("SELECT body FROM items ORDER BY id");
  if (stmt.is_ok()) {
    while (true) {
      auto row = stmt->step();
      if (!row.is_ok()) {
        FUZZ_REQUIRE(typed_refusal(row.status().code()), row.status().to_string());
        break;
      }
      if (!row.value()) break;
      const std::string body(stmt->column_text(0));
      FUZZ_REQUIRE(t.rows.count(body) == 1, "a row the template never wrote: " + body.substr(0, 64));
    }
  } else {
    FUZZ_REQUIRE(typed_refusal(stmt.status().code()), stmt.status().to_string());
  }
  stmt = confidant::Status{ErrorCode::kClosed, "released"};  // no live statement at close
  (void)store.value()->close();
  return 0;
}

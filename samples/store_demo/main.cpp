// A walk through the encrypted store: create it, write, reopen, read back, and
// look at the files on disk for the plaintext (there is none to find).
//
//   confidant-store-demo [DIR]     (default: a fresh directory under /tmp)
//
// The store is the foundation the SDK facade is built on; until that facade
// lands, this sample drives the store layer directly.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "confidant/key_provider.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using confidant::store::Store;
using confidant::store::StoreOptions;

namespace {

constexpr const char* kSecret = "oat milk latte, grande, every weekday at 8:05";

int fail(const confidant::Status& st) {
  std::fprintf(stderr, "error: %s\n", st.to_string().c_str());
  return 1;
}

bool file_contains(const fs::path& path, const std::string& needle) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return bytes.find(needle) != std::string::npos;
}

int scan(const fs::path& dir, const char* moment) {
  std::printf("\n%s — files in %s:\n", moment, dir.c_str());
  int leaks = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const bool leak = file_contains(entry.path(), kSecret) || file_contains(entry.path(), "oat milk");
    leaks += leak ? 1 : 0;
    std::printf("  %-22s %8ju bytes   plaintext found: %s\n", entry.path().filename().c_str(),
                static_cast<std::uintmax_t>(entry.file_size()), leak ? "YES" : "no");
  }
  return leaks;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / ("confidant-demo-" + std::to_string(::getpid()));
  // A passphrase keeps the demo self-contained; on a phone the OS keystore wraps the key.
  auto provider = confidant::make_passphrase_key_provider("correct horse battery staple");
  StoreOptions options;
  options.dir = dir;
  options.key_provider = provider.get();
  options.migrations = {{1, "CREATE TABLE orders(id INTEGER PRIMARY KEY, note TEXT NOT NULL)"}};

  std::printf("Confidant encrypted store demo\nstore directory: %s\n", dir.c_str());
  int leaks = 0;
  {
    auto store = Store::open(options);
    if (!store) return fail(store.status());
    auto& s = *store.value();
    if (auto st = s.exec("BEGIN"); !st) return fail(st);
    auto insert = s.prepare("INSERT INTO orders(note) VALUES (?)");
    if (!insert) return fail(insert.status());
    for (int i = 0; i < 50; ++i) {
      if (auto st = insert->reset(); !st) return fail(st);
      if (auto st = insert->bind(1, std::string_view(kSecret)).run(); !st) return fail(st);
    }
    if (auto st = s.exec("COMMIT"); !st) return fail(st);
    std::printf("wrote 50 orders: \"%s\"\n", kSecret);
    leaks += scan(dir, "While open (the write-ahead log holds the new pages)");
  }
  leaks += scan(dir, "After close (the log was checkpointed into the database)");

  {
    auto store = Store::open(options);
    if (!store) return fail(store.status());
    auto count = store.value()->prepare("SELECT count(*), min(note) FROM orders");
    if (!count) return fail(count.status());
    if (auto row = count->step(); !row || !row.value()) return fail(row.status());
    std::printf("\nreopened with the passphrase: %lld orders, first: \"%.*s\"\n",
                static_cast<long long>(count->column_int64(0)), static_cast<int>(count->column_text(1).size()),
                count->column_text(1).data());
  }

  auto wrong = confidant::make_passphrase_key_provider("wrong passphrase");
  options.key_provider = wrong.get();
  auto refused = Store::open(options);
  const bool wrong_key = !refused && refused.status().code() == confidant::ErrorCode::kWrongKey;
  std::printf("opening with a wrong passphrase: %s\n", refused ? "opened (BUG)" : refused.status().to_string().c_str());

  if (auto st = Store::erase_files(dir); !st) return fail(st);
  std::printf("erased: %s\n", fs::exists(Store::db_path(dir)) ? "files remain (BUG)" : "key slots shredded, files removed");
  fs::remove(dir);
  const bool ok = leaks == 0 && wrong_key;
  std::printf("\n%s\n", ok ? "OK: no plaintext on disk at any point; the wrong key was refused" : "FAILED");
  return ok ? 0 : 1;
}

// The process dies mid-stream: a child commits transactions to a real on-disk
// store and reports each acknowledged commit through a pipe; the parent kills
// it with SIGKILL after a few hundred, then reopens the store. Every
// acknowledged transaction must be there, complete, and nothing partial.
//
// A killed process loses only what it had not yet handed to the kernel, so
// this holds for Durability::kNormal as well as kFull: a loss here means the
// store kept an acknowledged commit in user-space buffers.
//
// Each round continues the same store (the child resumes after the last
// transaction present), so recovery is exercised on top of recovery.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "confidant/key_provider.hpp"
#include "store/store.hpp"
#include "support/files.hpp"

namespace {

namespace fs = std::filesystem;
using confidant::KeyProvider;
using confidant::Status;
using confidant::store::Durability;
using confidant::store::Migration;
using confidant::store::Store;
using confidant::store::StoreOptions;
using confidant::testing::TempDir;
using Bytes = std::vector<std::uint8_t>;

// ---- the transactions and what they leave behind ----------------------------

int rows_of(std::int64_t t) { return 1 + static_cast<int>(t % 3); }

Bytes payload(std::int64_t t, int seq) {
  const auto mix = static_cast<std::size_t>(t * 97 + seq * 13);
  const std::size_t size = (t + seq) % 7 == 0 ? 5000 + mix % 5000 : 16 + mix % 400;  // some overflow a page
  Bytes out(size);
  std::uint64_t x = static_cast<std::uint64_t>(t) * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(seq);
  for (std::size_t i = 0; i < size; i += 8) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const std::uint64_t word = x ^ (x >> 29);
    std::memcpy(out.data() + i, &word, std::min<std::size_t>(8, size - i));
  }
  return out;
}

std::vector<Migration> migrations() {
  return {{1,
           "CREATE TABLE item(txn INTEGER NOT NULL, seq INTEGER NOT NULL, payload BLOB NOT NULL,"
           "                  PRIMARY KEY(txn, seq));"
           "CREATE TABLE counter(id INTEGER PRIMARY KEY, last INTEGER NOT NULL);"
           "INSERT INTO counter VALUES(1, 0);"}};
}

StoreOptions options(const fs::path& dir, KeyProvider& provider, Durability durability) {
  StoreOptions o;
  o.dir = dir;
  o.key_provider = &provider;
  o.migrations = migrations();
  o.durability = durability;
  return o;
}

Status commit_transaction(Store& store, std::int64_t t) {
  if (auto st = store.exec("BEGIN"); !st) return st;
  {
    auto insert = store.prepare("INSERT INTO item(txn, seq, payload) VALUES(?, ?, ?)");
    if (!insert) return insert.status();
    for (int seq = 0; seq < rows_of(t); ++seq) {
      const Bytes p = payload(t, seq);
      if (auto st = insert->bind(1, t).bind(2, std::int64_t{seq}).bind_blob(3, p).run(); !st) return st;
      if (auto st = insert->reset(); !st) return st;
    }
    if (auto st = store.exec("UPDATE counter SET last = " + std::to_string(t) + " WHERE id = 1"); !st) return st;
  }
  return store.exec("COMMIT");
}

// "" when the store is intact and holds exactly transactions 1..m.
std::string check_contents(Store& store, std::int64_t* present) {
  *present = -1;
  auto integrity = store.integrity_check();
  if (!integrity) return "integrity_check failed: " + integrity.status().to_string();
  if (integrity.value() != "ok") return "integrity_check: " + integrity.value();
  std::int64_t last = -1;
  {
    auto counter = store.prepare("SELECT last FROM counter WHERE id = 1");
    if (!counter) return "select counter: " + counter.status().to_string();
    auto row = counter->step();
    if (!row || !row.value()) return "counter row missing";
    last = counter->column_int64(0);
  }
  auto items = store.prepare("SELECT txn, seq, payload FROM item ORDER BY txn, seq");
  if (!items) return "select item: " + items.status().to_string();
  std::int64_t txn_expected = 1;
  int seq_expected = 0;
  for (;;) {
    auto row = items->step();
    if (!row) return "select item: " + row.status().to_string();
    if (!row.value()) break;
    const std::int64_t txn = items->column_int64(0);
    const auto seq = static_cast<int>(items->column_int64(1));
    if (txn != txn_expected || seq != seq_expected) {
      return "item (" + std::to_string(txn) + ", " + std::to_string(seq) + ") where (" +
             std::to_string(txn_expected) + ", " + std::to_string(seq_expected) + ") was expected";
    }
    const Bytes want = payload(txn, seq);
    const auto got = items->column_blob(2);
    if (!std::equal(got.begin(), got.end(), want.begin(), want.end())) {
      return "item (" + std::to_string(txn) + ", " + std::to_string(seq) + ") has the wrong payload";
    }
    if (++seq_expected == rows_of(txn)) {
      seq_expected = 0;
      ++txn_expected;
    }
  }
  if (seq_expected != 0) return "transaction " + std::to_string(txn_expected) + " is partial";
  const std::int64_t m = txn_expected - 1;
  if (last != m) return "counter says " + std::to_string(last) + " but " + std::to_string(m) + " transactions present";
  *present = m;
  return "";
}

// ---- the child --------------------------------------------------------------

// Exit codes of a child that stopped on its own (it should only ever be killed).
enum ChildExit { kNoKey = 10, kOpenFailed = 11, kResumeFailed = 12, kCommitFailed = 13, kPipeFailed = 14,
                 kRanOut = 15 };

[[noreturn]] void child_main(const fs::path& store_dir, const fs::path& key_path, Durability durability, int ack_fd) {
  auto provider = confidant::make_key_file_provider(key_path, /*create_if_missing=*/false);
  if (!provider) ::_exit(kNoKey);
  auto store = Store::open(options(store_dir, *provider.value(), durability));
  if (!store) ::_exit(kOpenFailed);
  std::int64_t start = 0;
  {
    auto last = store.value()->prepare("SELECT last FROM counter WHERE id = 1");
    if (!last) ::_exit(kResumeFailed);
    auto row = last->step();
    if (!row || !row.value()) ::_exit(kResumeFailed);
    start = last->column_int64(0);
  }
  for (std::int64_t t = start + 1; t < start + 1'000'000; ++t) {
    if (!commit_transaction(*store.value(), t)) ::_exit(kCommitFailed);
    if (t % 64 == 0 && !store.value()->checkpoint()) ::_exit(kCommitFailed);
    // Acknowledged: tell the parent. A pipe write of 8 bytes is atomic.
    if (::write(ack_fd, &t, sizeof t) != static_cast<ssize_t>(sizeof t)) ::_exit(kPipeFailed);
  }
  ::_exit(kRanOut);
}

// ---- the parent -------------------------------------------------------------

// Reads one acknowledgement; false at end of stream.
bool read_ack(int fd, std::int64_t& t) {
  std::size_t got = 0;
  auto* out = reinterpret_cast<char*>(&t);
  while (got < sizeof t) {
    const ssize_t n = ::read(fd, out + got, sizeof t - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

struct Round {
  std::int64_t acknowledged = 0;  // the last acknowledged transaction
  std::int64_t acks = 0;          // acknowledgements received this round
  int status = 0;                 // waitpid's
};

// Runs one child until `target` acknowledgements (plus a random delay), kills
// it, and collects every acknowledgement it sent.
Round run_child(const fs::path& store_dir, const fs::path& key_path, Durability durability, int target,
                std::chrono::microseconds delay) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    child_main(store_dir, key_path, durability, fds[1]);
  }
  ::close(fds[1]);
  Round round;
  std::int64_t t = 0;
  while (round.acks < target && read_ack(fds[0], t)) {
    if (round.acks > 0) CHECK(t == round.acknowledged + 1);
    round.acknowledged = t;
    ++round.acks;
  }
  std::this_thread::sleep_for(delay);  // land anywhere inside a commit
  ::kill(pid, SIGKILL);
  while (::waitpid(pid, &round.status, 0) < 0 && errno == EINTR) {
  }
  // What the child wrote before dying was acknowledged too.
  while (read_ack(fds[0], t)) {
    CHECK(t == round.acknowledged + 1);
    round.acknowledged = t;
    ++round.acks;
  }
  ::close(fds[0]);
  return round;
}

TEST_CASE("Store keeps every acknowledged commit when its process is killed", "[store][sigkill]") {
  const auto started = std::chrono::steady_clock::now();
  TempDir temp("confidant-sigkill");
  const fs::path key_path = temp.path() / "store.key";
  const fs::path store_dir = temp.path() / "store";
  auto provider = confidant::make_key_file_provider(key_path, /*create_if_missing=*/true);
  REQUIRE(provider);

  std::mt19937 rng(12345);
  std::int64_t before = 0;  // transactions present before the round
  std::int64_t total_acks = 0;
  constexpr int kRounds = 6;
  for (int r = 0; r < kRounds; ++r) {
    const Durability durability = r % 2 == 0 ? Durability::kFull : Durability::kNormal;
    const int target = 150 + static_cast<int>(rng() % 250);
    const auto delay = std::chrono::microseconds(rng() % 3000);
    INFO("round " << r << (durability == Durability::kFull ? " (kFull)" : " (kNormal)") << ", kill after " << target
                  << " acks + " << delay.count() << " us");

    const Round round = run_child(store_dir, key_path, durability, target, delay);
    INFO("child status " << round.status << ", last acknowledged " << round.acknowledged);
    // The child must have been killed, not have stopped on its own.
    REQUIRE(WIFSIGNALED(round.status));
    REQUIRE(WTERMSIG(round.status) == SIGKILL);
    REQUIRE(round.acks >= target);
    CHECK(round.acknowledged == before + round.acks);
    total_acks += round.acks;

    auto store = Store::open(options(store_dir, *provider.value(), durability));
    INFO("reopen: " << store.status().to_string());
    REQUIRE(store);
    std::int64_t present = -1;
    const std::string problem = check_contents(*store.value(), &present);
    INFO("transactions present: " << present);
    CHECK(problem == "");
    CHECK(present >= round.acknowledged);      // nothing acknowledged was lost
    CHECK(present <= round.acknowledged + 1);  // at most the one in flight
    REQUIRE(store.value()->close());
    before = present;
  }
  // Only the key file and the store's own files are left behind.
  for (const auto& entry : fs::directory_iterator(store_dir)) {
    const std::string name = entry.path().filename().string();
    CHECK((name == "confidant.db" || name == "confidant.db-wal"));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  WARN(kRounds << " rounds, " << total_acks << " acknowledged commits, " << before << " transactions in the end, "
               << seconds << " s");
}

}  // namespace

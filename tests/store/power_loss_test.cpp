// Power loss at every write of the encrypted store.
//
// The store does its physical I/O through a FaultVfs (tests/support), a disk
// with a volatile write cache. A workload of kTransactions durable (kFull)
// transactions (with checkpoints, and the store's own creation and close)
// performs N mutating operations; for every k in 1..N the disk loses power at
// the k-th one, the unsynced writes are dropped, kept or torn (random fates,
// all dropped, all kept, only the newest per file kept; optionally all torn),
// and the store must reopen intact,
// holding exactly the transactions 1..m where m is the last acknowledged one
// or the one in flight; then it must take one more transaction and reopen.
//
// The transactions are deterministic, so the content of the whole database is
// a function of m (see Model) and is compared byte for byte.
//
// Rather than replaying the workload up to each k, the test forks the process
// at every write (CrashForker), several children at a time
// (CONFIDANT_PL_JOBS, default: the number of cores, at most 8). The reboots
// tried at each k are chosen with CONFIDANT_PL_FATES (see fates_to_run).
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "confidant/key_provider.hpp"
#include "store/store.hpp"
#include "support/child_run.hpp"
#include "support/fault_vfs.hpp"

namespace {

using confidant::KeyProvider;
using confidant::store::Durability;
using confidant::store::Migration;
using confidant::store::Store;
using confidant::store::StoreOptions;
using confidant::testing::Fate;
using confidant::testing::FaultVfs;
using Bytes = std::vector<std::uint8_t>;

constexpr std::int64_t kTransactions = 200;
constexpr std::int64_t kCheckpointEvery = 40;
constexpr const char* kVfsName = "power-loss-fault";  // reused: the encrypting VFS finds its base by name
constexpr const char* kDir = "/pl";

// ---- the workload and what it leaves behind ---------------------------------

struct Model {
  // Rows inserted by transaction t.
  static int rows_of(std::int64_t t) { return 2 + static_cast<int>(t % 4); }

  // Transaction u rewrites row (u-5, 0) when u is a multiple of 5, and deletes
  // row (u-11, 1) when u is a multiple of 11: the database frees and reuses
  // pages, and overflow chains grow and shrink.
  static bool rewrites(std::int64_t u) { return u > 5 && u % 5 == 0; }
  static bool deletes(std::int64_t u) { return u > 11 && u % 11 == 0; }

  // Version 0 is the inserted payload; version u the one rewritten by u.
  static Bytes payload(std::int64_t t, int seq, std::int64_t version) {
    const bool big = version == 0 ? (seq == 0 && t % 3 == 0) : (version % 2 == 0);
    const auto mix = static_cast<std::size_t>(t * 131 + seq * 17 + version * 7);
    const std::size_t size = big ? 4500 + mix % 7000 : 20 + mix % 600;  // big ones overflow a 4096-byte page
    Bytes out(size);
    std::uint64_t x = static_cast<std::uint64_t>(t) * 0x9E3779B97F4A7C15ull ^
                      static_cast<std::uint64_t>(seq) << 48 ^ static_cast<std::uint64_t>(version) << 32;
    for (std::size_t i = 0; i < size; i += 8) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      const std::uint64_t word = x ^ (x >> 29);
      std::memcpy(out.data() + i, &word, std::min<std::size_t>(8, size - i));
    }
    return out;
  }

  struct Row {
    std::int64_t txn;
    int seq;
    std::int64_t version;
  };

  // Every item row after transactions 1..m, ordered by (txn, seq).
  static std::vector<Row> rows_after(std::int64_t m) {
    std::vector<Row> rows;
    for (std::int64_t t = 1; t <= m; ++t) {
      for (int seq = 0; seq < rows_of(t); ++seq) {
        if (seq == 1 && deletes(t + 11) && t + 11 <= m) continue;
        const std::int64_t version = (seq == 0 && rewrites(t + 5) && t + 5 <= m) ? t + 5 : 0;
        rows.push_back({t, seq, version});
      }
    }
    return rows;
  }

  static std::int64_t inserted_after(std::int64_t m) {
    std::int64_t n = 0;
    for (std::int64_t t = 1; t <= m; ++t) n += rows_of(t);
    return n;
  }
};

std::vector<Migration> migrations() {
  return {{1,
           "CREATE TABLE txn(id INTEGER PRIMARY KEY, nrows INTEGER NOT NULL);"
           "CREATE TABLE item(txn INTEGER NOT NULL, seq INTEGER NOT NULL, payload BLOB NOT NULL,"
           "                  PRIMARY KEY(txn, seq)) WITHOUT ROWID;"
           "CREATE INDEX item_size ON item(length(payload));"
           "CREATE TABLE counter(id INTEGER PRIMARY KEY, last INTEGER NOT NULL, inserted INTEGER NOT NULL);"
           "INSERT INTO counter VALUES(1, 0, 0);"}};
}

StoreOptions options(KeyProvider& provider, const std::string& vfs) {
  StoreOptions o;
  o.dir = kDir;
  o.key_provider = &provider;
  o.migrations = migrations();
  o.durability = Durability::kFull;
  o.create_if_missing = true;
  o.base_vfs = vfs;
  return o;
}

// Commits transaction t. Any error stops it (the caller stops the workload).
confidant::Status commit_transaction(Store& store, std::int64_t t) {
  if (auto st = store.exec("BEGIN"); !st) return st;
  {
    auto txn = store.prepare("INSERT INTO txn(id, nrows) VALUES(?, ?)");
    if (!txn) return txn.status();
    if (auto st = txn->bind(1, t).bind(2, std::int64_t{Model::rows_of(t)}).run(); !st) return st;

    auto insert = store.prepare("INSERT INTO item(txn, seq, payload) VALUES(?, ?, ?)");
    if (!insert) return insert.status();
    for (int seq = 0; seq < Model::rows_of(t); ++seq) {
      const Bytes p = Model::payload(t, seq, 0);
      if (auto st = insert->bind(1, t).bind(2, std::int64_t{seq}).bind_blob(3, p).run(); !st) return st;
      if (auto st = insert->reset(); !st) return st;
    }
    if (Model::rewrites(t)) {
      auto update = store.prepare("UPDATE item SET payload = ? WHERE txn = ? AND seq = 0");
      if (!update) return update.status();
      const Bytes p = Model::payload(t - 5, 0, t);
      if (auto st = update->bind_blob(1, p).bind(2, t - 5).run(); !st) return st;
    }
    if (Model::deletes(t)) {
      if (auto st = store.exec("DELETE FROM item WHERE txn = " + std::to_string(t - 11) + " AND seq = 1"); !st) {
        return st;
      }
    }
    if (auto st = store.exec("UPDATE counter SET last = " + std::to_string(t) +
                             ", inserted = inserted + " + std::to_string(Model::rows_of(t)) + " WHERE id = 1");
        !st) {
      return st;
    }
  }  // statements finalized before COMMIT
  return store.exec("COMMIT");
}

struct RunResult {
  std::int64_t acknowledged = 0;  // the last transaction whose commit returned ok
  bool opened = false;
  bool finished = false;          // every transaction, checkpoint and the close returned ok
  std::string first_error;
};

// Opens the store, commits transactions 1..kTransactions with a checkpoint
// every kCheckpointEvery, and closes it; stops at the first error.
RunResult run_workload(KeyProvider& provider, const std::string& vfs) {
  RunResult r;
  auto opened = Store::open(options(provider, vfs));
  if (!opened) {
    r.first_error = "open: " + opened.status().to_string();
    return r;
  }
  r.opened = true;
  std::unique_ptr<Store> store = std::move(opened).value();
  for (std::int64_t t = 1; t <= kTransactions; ++t) {
    if (auto st = commit_transaction(*store, t); !st) {
      r.first_error = "commit " + std::to_string(t) + ": " + st.to_string();
      return r;
    }
    r.acknowledged = t;
    if (t % kCheckpointEvery == 0) {
      if (auto st = store->checkpoint(); !st) {
        r.first_error = "checkpoint after " + std::to_string(t) + ": " + st.to_string();
        return r;
      }
    }
  }
  if (auto st = store->close(); !st) {
    r.first_error = "close: " + st.to_string();
    return r;
  }
  r.finished = true;
  return r;
}

// "" when the store holds exactly transactions 1..m (m returned in `present`),
// else what is wrong.
std::string check_contents(Store& store, std::int64_t* present) {
  auto integrity = store.integrity_check();
  if (!integrity) return "integrity_check failed: " + integrity.status().to_string();
  if (integrity.value() != "ok") return "integrity_check: " + integrity.value();

  auto version = store.schema_version();
  if (!version) return "schema_version: " + version.status().to_string();
  if (version.value() != 1) return "schema version " + std::to_string(version.value());

  std::int64_t m = 0;
  {
    auto txns = store.prepare("SELECT id, nrows FROM txn ORDER BY id");
    if (!txns) return "select txn: " + txns.status().to_string();
    for (;;) {
      auto row = txns->step();
      if (!row) return "select txn: " + row.status().to_string();
      if (!row.value()) break;
      const std::int64_t id = txns->column_int64(0);
      if (id != m + 1) return "transaction " + std::to_string(id) + " present without " + std::to_string(m + 1);
      if (txns->column_int64(1) != Model::rows_of(id)) return "txn row " + std::to_string(id) + " altered";
      m = id;
    }
  }
  *present = m;
  {
    auto counter = store.prepare("SELECT last, inserted FROM counter WHERE id = 1");
    if (!counter) return "select counter: " + counter.status().to_string();
    auto row = counter->step();
    if (!row || !row.value()) return "counter row missing";
    if (counter->column_int64(0) != m || counter->column_int64(1) != Model::inserted_after(m)) {
      return "counter (" + std::to_string(counter->column_int64(0)) + ", " + std::to_string(counter->column_int64(1)) +
             ") disagrees with " + std::to_string(m) + " transactions present (partial transaction)";
    }
  }
  const std::vector<Model::Row> expected = Model::rows_after(m);
  auto items = store.prepare("SELECT txn, seq, payload FROM item ORDER BY txn, seq");
  if (!items) return "select item: " + items.status().to_string();
  std::size_t i = 0;
  for (;; ++i) {
    auto row = items->step();
    if (!row) return "select item: " + row.status().to_string();
    if (!row.value()) break;
    const std::int64_t txn = items->column_int64(0);
    const auto seq = static_cast<int>(items->column_int64(1));
    if (i >= expected.size() || expected[i].txn != txn || expected[i].seq != seq) {
      return "unexpected item (" + std::to_string(txn) + ", " + std::to_string(seq) + ") with " + std::to_string(m) +
             " transactions present (partial transaction)";
    }
    const Bytes want = Model::payload(txn, seq, expected[i].version);
    const auto got = items->column_blob(2);
    if (!std::equal(got.begin(), got.end(), want.begin(), want.end())) {
      return "item (" + std::to_string(txn) + ", " + std::to_string(seq) + ") has the wrong payload";
    }
  }
  if (i != expected.size()) {
    return "item (" + std::to_string(expected[i].txn) + ", " + std::to_string(expected[i].seq) +
           ") missing with " + std::to_string(m) + " transactions present (partial transaction)";
  }
  return "";
}

// After the reboot: the store opens, is intact, holds a prefix 1..m with
// acknowledged <= m <= acknowledged + 1, takes one more transaction and still
// holds everything after a clean reopen.
std::string verify_after_reboot(KeyProvider& provider, const std::string& vfs, std::int64_t acknowledged,
                                std::int64_t* present) {
  *present = -1;
  std::int64_t m = 0;
  {
    // A crash while the store was being created (nothing acknowledged) may
    // leave no store, or a header with no schema yet: creating or finishing a
    // fresh empty store is then the right outcome.
    auto store = Store::open(options(provider, vfs));
    if (!store) return "reopen: " + store.status().to_string();
    if (std::string problem = check_contents(*store.value(), &m); !problem.empty()) return problem;
    *present = m;
    if (m < acknowledged) {
      return "lost acknowledged transactions: " + std::to_string(m) + " present, " + std::to_string(acknowledged) +
             " acknowledged";
    }
    if (m > acknowledged + 1) {
      return std::to_string(m) + " present but only " + std::to_string(acknowledged) + " acknowledged";
    }
    // The recovered store must keep working: recovery may leave stale bytes
    // (old log units, torn tails) that only bite on the next write.
    if (auto st = commit_transaction(*store.value(), m + 1); !st) return "commit after recovery: " + st.to_string();
    if (auto st = store.value()->close(); !st) return "close after recovery: " + st.to_string();
  }
  auto store = Store::open(options(provider, vfs));
  if (!store) return "second reopen: " + store.status().to_string();
  std::int64_t again = 0;
  if (std::string problem = check_contents(*store.value(), &again); !problem.empty()) {
    return "after one more transaction: " + problem;
  }
  if (again != m + 1) return "after one more transaction: " + std::to_string(again) + " present, not " +
                             std::to_string(m + 1);
  return "";
}

std::uint64_t seed_for(std::uint64_t k) { return k * 0x9E3779B97F4A7C15ull ^ 0x5eed0f0041e5ull; }

// ---- crashing at every write --------------------------------------------------

enum class Reboot { kRandom, kAllDrop, kAllKeep, kNewestOnly, kAllTear };

const char* reboot_name(Reboot how) {
  switch (how) {
    case Reboot::kRandom: return "random fates";
    case Reboot::kAllDrop: return "all dropped";
    case Reboot::kAllKeep: return "all kept";
    case Reboot::kNewestOnly: return "newest op per file only";
    case Reboot::kAllTear: return "all torn";
  }
  return "?";
}

void reboot(FaultVfs& fault, Reboot how, std::uint64_t k) {
  switch (how) {
    case Reboot::kRandom: fault.reboot(seed_for(k)); break;
    case Reboot::kAllDrop: fault.reboot(Fate::kDrop); break;
    case Reboot::kAllKeep: fault.reboot(Fate::kKeep); break;
    case Reboot::kNewestOnly:
      // A disk that wrote back its cache newest first: only the last unsynced
      // operation of each file made it (metadata written before data is lost).
      fault.reboot([](const FaultVfs::PendingOp& op) { return op.index + 1 == op.count ? Fate::kKeep : Fate::kDrop; });
      break;
    case Reboot::kAllTear: fault.reboot(Fate::kTear, seed_for(k)); break;
  }
}

// What became of one crash point under one kind of reboot.
struct Outcome {
  std::uint64_t k = 0;
  Reboot how = Reboot::kRandom;
  std::int64_t acknowledged = -1;
  std::int64_t present = -1;
  std::string stopped_at;  // the workload's first error
  std::string problem;     // "" when the store recovered correctly
};

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return text;
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

// Forks the process at every crash point: each child is the workload frozen
// just before write k, which then loses power. One child per kind of reboot;
// at most `parallel` children run at once. This visits the same states as
// replaying the workload on a fresh disk with arm_crash_at(k) (see the
// "[.replay]" test), in O(N) instead of O(N^2).
class CrashForker {
 public:
  CrashForker(std::vector<Reboot> fates, unsigned parallel) : fates_(std::move(fates)), parallel_(parallel) {}
  CrashForker(const CrashForker&) = delete;
  CrashForker& operator=(const CrashForker&) = delete;
  ~CrashForker() {
    if (!in_child_) wait_all();
  }

  // The FaultVfs crash hook. In the parent: forks the children for write k
  // and returns false (the parent's disk keeps its power). In a child: true.
  bool at(std::uint64_t k) {
    if (in_child_) return false;
    for (Reboot how : fates_) {
      while (running_.size() >= parallel_) reap_one();
      int fds[2];
      if (::pipe(fds) != 0) {
        done_.push_back({k, how, -1, -1, "", std::string("pipe: ") + std::strerror(errno)});
        continue;
      }
      const pid_t pid = ::fork();
      if (pid == 0) {
        ::close(fds[0]);
        ::alarm(300);  // a hung child is a failure, not a hung test
        in_child_ = true;
        child_ = {k, how, fds[1]};
        return true;
      }
      ::close(fds[1]);
      if (pid < 0) {
        ::close(fds[0]);
        done_.push_back({k, how, -1, -1, "", std::string("fork: ") + std::strerror(errno)});
        continue;
      }
      running_[pid] = {k, how, fds[0]};
    }
    return false;
  }

  bool in_child() const { return in_child_; }

  // In a child, after its workload stopped: reboot, verify, report, exit.
  [[noreturn]] void finish_child(FaultVfs& fault, KeyProvider& provider, const RunResult& r) {
    reboot(fault, child_.how, child_.k);
    std::int64_t present = -1;
    const std::string problem = verify_after_reboot(provider, fault.name(), r.acknowledged, &present);
    auto line = [](const std::string& text) {
      std::string one = text.substr(0, 1500);
      for (char& c : one) c = c == '\n' ? ' ' : c;
      return one + "\n";
    };
    confidant::testing::write_all(child_.fd, std::to_string(r.acknowledged) + "\n" + std::to_string(present) + "\n" +
                             line(r.first_error) + line(problem));
    ::close(child_.fd);
    ::_exit(0);  // no atexit handlers, no flushing the parent's buffered output twice
  }

  std::vector<Outcome> wait_all() {
    while (!running_.empty()) reap_one();
    return std::move(done_);
  }

 private:
  struct Running {
    std::uint64_t k;
    Reboot how;
    int fd;
  };

  void reap_one() {
    int status = 0;
    pid_t pid = -1;
    do {
      pid = ::waitpid(-1, &status, 0);
    } while (pid < 0 && errno == EINTR);
    if (pid < 0) {  // no child left that we know of: give up on the rest
      for (auto& [lost_pid, child] : running_) {
        ::close(child.fd);
        done_.push_back({child.k, child.how, -1, -1, "", "child " + std::to_string(lost_pid) + " vanished"});
      }
      running_.clear();
      return;
    }
    auto it = running_.find(pid);
    if (it == running_.end()) return;
    const Running child = it->second;
    running_.erase(it);
    std::istringstream report(read_all(child.fd));
    ::close(child.fd);
    Outcome o{child.k, child.how, -1, -1, "", ""};
    std::string number;
    std::getline(report, number);
    if (!number.empty()) o.acknowledged = std::stoll(number);
    number.clear();
    std::getline(report, number);
    if (!number.empty()) o.present = std::stoll(number);
    std::getline(report, o.stopped_at);
    const bool reported = static_cast<bool>(std::getline(report, o.problem));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !reported) {
      o.problem = "child " + std::to_string(pid) +
                  (WIFSIGNALED(status) ? " killed by signal " + std::to_string(WTERMSIG(status))
                                       : " exited with " + std::to_string(WEXITSTATUS(status))) +
                  " before reporting (see its stderr); " + o.problem;
    }
    done_.push_back(std::move(o));
  }

  std::vector<Reboot> fates_;
  unsigned parallel_;
  std::map<pid_t, Running> running_;
  std::vector<Outcome> done_;
  bool in_child_ = false;
  Running child_{};
};

unsigned parallelism() {
  if (const char* jobs = std::getenv("CONFIDANT_PL_JOBS"); jobs != nullptr && std::atoi(jobs) > 0) {
    return static_cast<unsigned>(std::atoi(jobs));
  }
  return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
}

// The problem with its numbers blanked, to group failures by kind.
std::string kind_of(const std::string& problem) {
  std::string out;
  for (char c : problem) {
    if (c >= '0' && c <= '9') {
      if (out.empty() || out.back() != '#') out += '#';
    } else {
      out += c;
    }
  }
  return out;
}

void sweep(const std::vector<Reboot>& fates) {
  const auto started = std::chrono::steady_clock::now();
  auto provider = confidant::make_in_memory_key_provider();  // cheap; the same one for every reopen
  FaultVfs fault(kVfsName);
  CrashForker forker(fates, parallelism());
  fault.set_crash_hook([&forker](std::uint64_t k) { return forker.at(k); });
  const RunResult r = run_workload(*provider, fault.name());
  if (forker.in_child()) forker.finish_child(fault, *provider, r);  // never returns
  fault.set_crash_hook({});
  const std::uint64_t n = fault.ops();

  // The parent's disk never lost power: its store is complete.
  INFO("uncrashed run: " << r.first_error);
  CHECK(r.finished);
  CHECK(r.acknowledged == kTransactions);
  std::int64_t m = -1;
  {
    auto store = Store::open(options(*provider, fault.name()));
    REQUIRE(store);
    CHECK(check_contents(*store.value(), &m) == "");
    CHECK(m == kTransactions);
  }
  CHECK(n > 1000);  // sanity: about ten writes and syncs per transaction

  const std::vector<Outcome> outcomes = forker.wait_all();
  CHECK(outcomes.size() == n * fates.size());
  std::map<Reboot, std::uint64_t> failed, in_flight;
  std::map<std::string, std::uint64_t> kinds;
  std::uint64_t failures = 0;
  std::ostringstream listing;
  for (const Outcome& o : outcomes) {
    if (o.present == o.acknowledged + 1) ++in_flight[o.how];
    if (o.problem.empty()) continue;
    ++failed[o.how];
    ++kinds[std::string(reboot_name(o.how)) + ": " + kind_of(o.problem)];
    if (++failures <= 10) {
      INFO("k=" << o.k << " of " << n << ", " << reboot_name(o.how) << " (seed " << seed_for(o.k)
                << "); the workload stopped at: " << o.stopped_at << "; acknowledged " << o.acknowledged);
      CHECK(o.problem == "");
    }
    if (failures <= 100) listing << "  k=" << o.k << " " << reboot_name(o.how) << ": " << o.problem << "\n";
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::ostringstream summary;
  summary << n << " crash points x " << fates.size() << " reboots in " << seconds << " s with "
          << parallelism() << " parallel children\n";
  for (Reboot how : fates) {
    summary << "  " << reboot_name(how) << ": " << failed[how] << " failed, " << in_flight[how]
            << " kept the in-flight transaction\n";
  }
  for (const auto& [kind, count] : kinds) summary << "  " << count << " x " << kind << "\n";
  WARN(summary.str());
  INFO("first failures:\n" << listing.str());
  CHECK(failures == 0);
}

// CONFIDANT_PL_FATES picks the reboots, e.g. "random,drop,keep,newest,tear"
// (all torn is off by default: random fates tear too, and time is bounded).
std::vector<Reboot> fates_to_run() {
  const char* text = std::getenv("CONFIDANT_PL_FATES");
  const std::string list = text == nullptr ? "random,drop,keep,newest" : text;
  std::vector<Reboot> fates;
  if (list.find("random") != std::string::npos) fates.push_back(Reboot::kRandom);
  if (list.find("drop") != std::string::npos) fates.push_back(Reboot::kAllDrop);
  if (list.find("keep") != std::string::npos) fates.push_back(Reboot::kAllKeep);
  if (list.find("newest") != std::string::npos) fates.push_back(Reboot::kNewestOnly);
  if (list.find("tear") != std::string::npos) fates.push_back(Reboot::kAllTear);
  return fates;
}

TEST_CASE("Store survives power loss at every write", "[store][power_loss]") {
  const std::vector<Reboot> fates = fates_to_run();
  REQUIRE_FALSE(fates.empty());
  sweep(fates);
}

// One crash point without fork(), for a debugger:
//   CONFIDANT_PL_K=462 CONFIDANT_PL_FATE=random store_power_loss_test "[.replay]"
// (FATE: random, drop, keep, newest or tear). Replays the workload on a fresh disk.
TEST_CASE("Replay one crash point", "[.replay]") {
  const char* k_text = std::getenv("CONFIDANT_PL_K");
  const char* fate_text = std::getenv("CONFIDANT_PL_FATE");
  REQUIRE(k_text != nullptr);
  const std::uint64_t k = std::strtoull(k_text, nullptr, 10);
  const std::string fate = fate_text == nullptr ? "random" : fate_text;
  const Reboot how = fate == "drop" ? Reboot::kAllDrop
                     : fate == "keep" ? Reboot::kAllKeep
                     : fate == "tear" ? Reboot::kAllTear
                     : fate == "newest" ? Reboot::kNewestOnly
                                      : Reboot::kRandom;
  auto provider = confidant::make_in_memory_key_provider();
  FaultVfs fault(kVfsName);
  fault.arm_crash_at(k);
  const RunResult r = run_workload(*provider, fault.name());
  REQUIRE(fault.crashed());
  reboot(fault, how, k);
  std::int64_t present = -1;
  const std::string problem = verify_after_reboot(*provider, fault.name(), r.acknowledged, &present);
  INFO("k=" << k << ", " << reboot_name(how) << "; stopped at: " << r.first_error << "; acknowledged "
            << r.acknowledged << ", present " << present);
  CHECK(problem == "");
}

}  // namespace

// Checks the fault-injecting VFS itself, first through its raw file methods,
// then with plain (unencrypted) SQLite in the mode the store uses: exclusive
// locking, WAL, synchronous=FULL. SQLite is the known-good reference here: if
// a sweep over every crash point fails with plain SQLite, the VFS is wrong,
// not the store.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

#include "support/fault_vfs.hpp"

namespace {

using confidant::testing::Fate;
using confidant::testing::FaultVfs;
using Bytes = std::vector<std::uint8_t>;

// Direct access to one file through the VFS methods, without SQLite's pager.
class RawFile {
 public:
  RawFile(const FaultVfs& fault, const std::string& name, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
      : vfs_(sqlite3_vfs_find(fault.name().c_str())),
        memory_(static_cast<std::size_t>(vfs_->szOsFile) / sizeof(std::max_align_t) + 1) {
    file_ = reinterpret_cast<sqlite3_file*>(memory_.data());
    open_rc_ = vfs_->xOpen(vfs_, name.c_str(), file_, flags, nullptr);
  }
  ~RawFile() {
    if (file_->pMethods != nullptr) file_->pMethods->xClose(file_);
  }
  RawFile(const RawFile&) = delete;
  RawFile& operator=(const RawFile&) = delete;

  int open_rc() const { return open_rc_; }
  int write(std::int64_t offset, const Bytes& bytes) {
    return file_->pMethods->xWrite(file_, bytes.data(), static_cast<int>(bytes.size()), offset);
  }
  int read(std::int64_t offset, Bytes& out) {
    return file_->pMethods->xRead(file_, out.data(), static_cast<int>(out.size()), offset);
  }
  int sync() { return file_->pMethods->xSync(file_, SQLITE_SYNC_FULL); }
  int truncate(std::int64_t size) { return file_->pMethods->xTruncate(file_, size); }
  std::int64_t size() {
    sqlite3_int64 n = -1;
    return file_->pMethods->xFileSize(file_, &n) == SQLITE_OK ? n : -1;
  }
  sqlite3_file* file() { return file_; }

 private:
  sqlite3_vfs* vfs_;
  std::vector<std::max_align_t> memory_;
  sqlite3_file* file_;
  int open_rc_;
};

Bytes filled(std::size_t n, std::uint8_t value) { return Bytes(n, value); }

// Runs of bytes one after another: runs({{1000, 1}, {200, 2}}) is 1000 ones
// then 200 twos. Sized once and filled in place: growing a vector with
// resize(n, value) makes GCC 12 at -O3 report a false -Warray-bounds in
// libstdc++'s fill-insert.
struct Run {
  std::size_t n;
  std::uint8_t value;
};
Bytes runs(std::initializer_list<Run> parts) {
  std::size_t total = 0;
  for (const Run& r : parts) total += r.n;
  Bytes out(total);
  auto at = out.begin();
  for (const Run& r : parts) at = std::fill_n(at, r.n, r.value);
  return out;
}

TEST_CASE("FaultVfs: reads see pending writes, sync makes them durable, kDrop and kKeep", "[fault_vfs]") {
  FaultVfs fault("fault-raw-basic");
  {
    RawFile f(fault, "/raw/a");
    REQUIRE(f.open_rc() == SQLITE_OK);
    REQUIRE(f.write(0, filled(1000, 1)) == SQLITE_OK);
    REQUIRE(f.sync() == SQLITE_OK);
    REQUIRE(f.write(1000, filled(500, 2)) == SQLITE_OK);
    REQUIRE(f.truncate(1200) == SQLITE_OK);
    CHECK(f.size() == 1200);
    CHECK(fault.durable_bytes("/raw/a") == filled(1000, 1));
    const Bytes expected = runs({{1000, 1}, {200, 2}});
    CHECK(fault.current_bytes("/raw/a") == expected);
    CHECK(fault.ops() == 4);

    Bytes got(300);
    CHECK(f.read(900, got) == SQLITE_OK);
    CHECK(got == Bytes(expected.begin() + 900, expected.end() - 0));

    // A short read zero-fills the rest of the buffer.
    Bytes tail(400, 0xEE);
    CHECK(f.read(1000, tail) == SQLITE_IOERR_SHORT_READ);
    CHECK(Bytes(tail.begin(), tail.begin() + 200) == filled(200, 2));
    CHECK(Bytes(tail.begin() + 200, tail.end()) == filled(200, 0));
    Bytes beyond(10, 0xEE);
    CHECK(f.read(5000, beyond) == SQLITE_IOERR_SHORT_READ);
    CHECK(beyond == filled(10, 0));

    fault.reboot(Fate::kDrop);
    // The handle died with the power.
    CHECK(f.read(0, got) != SQLITE_OK);
    CHECK(f.write(0, filled(10, 9)) != SQLITE_OK);
    CHECK(f.sync() != SQLITE_OK);
  }
  CHECK(fault.durable_bytes("/raw/a") == filled(1000, 1));
  CHECK(fault.current_bytes("/raw/a") == filled(1000, 1));

  {
    RawFile f(fault, "/raw/a");
    REQUIRE(f.open_rc() == SQLITE_OK);
    CHECK(f.size() == 1000);
    REQUIRE(f.write(1000, filled(500, 2)) == SQLITE_OK);
    REQUIRE(f.truncate(1200) == SQLITE_OK);
    fault.reboot(Fate::kKeep);
  }
  const Bytes kept = runs({{1000, 1}, {200, 2}});
  CHECK(fault.durable_bytes("/raw/a") == kept);
}

TEST_CASE("FaultVfs: sync is per file", "[fault_vfs]") {
  FaultVfs fault("fault-raw-perfile");
  {
    RawFile a(fault, "/raw/a");
    RawFile b(fault, "/raw/b");
    REQUIRE(a.write(0, filled(100, 1)) == SQLITE_OK);
    REQUIRE(b.write(0, filled(100, 2)) == SQLITE_OK);
    REQUIRE(b.sync() == SQLITE_OK);
    fault.reboot(Fate::kDrop);
  }
  CHECK(fault.file_names() == std::vector<std::string>{"/raw/a", "/raw/b"});  // creation is durable
  CHECK(fault.durable_bytes("/raw/a").empty());
  CHECK(fault.durable_bytes("/raw/b") == filled(100, 2));
}

TEST_CASE("FaultVfs: torn writes keep a prefix cut at a 512-byte boundary", "[fault_vfs]") {
  std::set<std::size_t> cuts_seen;
  for (std::uint64_t seed = 0; seed < 64; ++seed) {
    FaultVfs fault("fault-raw-tear");
    {
      RawFile f(fault, "/raw/t");
      REQUIRE(f.write(0, filled(8192, 0xAA)) == SQLITE_OK);
      REQUIRE(f.sync() == SQLITE_OK);
      REQUIRE(f.write(4096, filled(4096, 0xBB)) == SQLITE_OK);    // boundaries inside: 4608 .. 7680
      REQUIRE(f.write(100, filled(1000, 0xCC)) == SQLITE_OK);     // boundaries inside: 512, 1024
      REQUIRE(f.write(1500, filled(20, 0xDD)) == SQLITE_OK);      // inside one sector: cannot tear
      REQUIRE(f.write(8192, filled(1024, 0xEE)) == SQLITE_OK);    // appends: boundary 8704
      fault.reboot(Fate::kTear, seed);
    }
    const Bytes d = fault.durable_bytes("/raw/t");
    INFO("seed " << seed);
    REQUIRE(d.size() >= 8192);

    std::size_t cut = 4096;
    while (cut < 8192 && d[cut] == 0xBB) ++cut;
    CHECK(cut % 512 == 0);
    CHECK(cut > 4096);  // a tear is never the whole write nor nothing when boundaries exist inside
    CHECK(cut < 8192);
    for (std::size_t i = cut; i < 8192; ++i) REQUIRE(d[i] == 0xAA);
    cuts_seen.insert(cut);

    std::size_t small_cut = 100;
    while (small_cut < 1100 && d[small_cut] == 0xCC) ++small_cut;
    CHECK((small_cut == 512 || small_cut == 1024));
    for (std::size_t i = small_cut; i < 1100; ++i) REQUIRE(d[i] == 0xAA);
    for (std::size_t i = 1500; i < 1520; ++i) REQUIRE(d[i] == 0xAA);
    REQUIRE(d.size() == 8704);
    for (std::size_t i = 8192; i < 8704; ++i) REQUIRE(d[i] == 0xEE);
  }
  CHECK(cuts_seen.size() >= 4);  // the cut point really varies with the seed
}

TEST_CASE("FaultVfs: random fates are independent and reproducible", "[fault_vfs]") {
  auto run = [](std::uint64_t seed) {
    FaultVfs fault("fault-raw-random");
    {
      RawFile f(fault, "/raw/r");
      for (int i = 0; i < 64; ++i) {
        REQUIRE(f.write(i * 1024, filled(1024, static_cast<std::uint8_t>(i + 1))) == SQLITE_OK);
      }
      fault.reboot(seed);
    }
    return fault.durable_bytes("/raw/r");
  };
  const Bytes first = run(42);
  CHECK(first == run(42));
  CHECK(first != run(43));
  // 64 independent writes: some survive whole, some not at all, some torn.
  int whole = 0, none = 0, torn = 0;
  for (int i = 0; i < 64; ++i) {
    const std::size_t start = static_cast<std::size_t>(i) * 1024;
    int mine = 0;
    for (std::size_t j = start; j < start + 1024 && j < first.size(); ++j) mine += first[j] == i + 1;
    if (mine == 1024) ++whole;
    else if (mine == 0) ++none;
    else {
      ++torn;
      CHECK(mine == 512);
    }
  }
  CHECK(whole > 0);
  CHECK(none > 0);
  CHECK(torn > 0);
}

TEST_CASE("FaultVfs: a fate policy sees every pending op in order, per file", "[fault_vfs]") {
  FaultVfs fault("fault-raw-policy");
  {
    RawFile a(fault, "/raw/a");
    RawFile b(fault, "/raw/b");
    REQUIRE(a.write(0, filled(100, 1)) == SQLITE_OK);
    REQUIRE(a.sync() == SQLITE_OK);
    REQUIRE(a.write(0, filled(100, 2)) == SQLITE_OK);
    REQUIRE(b.write(0, filled(10, 7)) == SQLITE_OK);
    REQUIRE(a.truncate(50) == SQLITE_OK);
    REQUIRE(a.write(200, filled(100, 3)) == SQLITE_OK);
    std::vector<std::string> seen;
    fault.reboot([&seen](const FaultVfs::PendingOp& op) {
      seen.push_back(op.file + " " + std::to_string(op.index) + "/" + std::to_string(op.count) +
                     (op.truncate ? " truncate " : " write ") + std::to_string(op.offset) + " " +
                     std::to_string(op.size));
      return op.index + 1 == op.count ? Fate::kKeep : Fate::kDrop;  // only the newest op of each file
    });
    CHECK(seen == std::vector<std::string>{"/raw/a 0/3 write 0 100", "/raw/a 1/3 truncate 50 0",
                                           "/raw/a 2/3 write 200 100", "/raw/b 0/1 write 0 10"});
  }
  // The truncate and the rewrite were lost, the append kept.
  const Bytes a = runs({{100, 1}, {100, 0}, {100, 3}});
  CHECK(fault.durable_bytes("/raw/a") == a);
  CHECK(fault.durable_bytes("/raw/b") == filled(10, 7));
}

TEST_CASE("FaultVfs: a crash fails the k-th mutating op and everything after it", "[fault_vfs]") {
  FaultVfs fault("fault-raw-crash");
  fault.arm_crash_at(3);
  {
    RawFile f(fault, "/raw/c");
    REQUIRE(f.write(0, filled(512, 1)) == SQLITE_OK);  // op 1
    REQUIRE(f.sync() == SQLITE_OK);                    // op 2
    CHECK_FALSE(fault.crashed());
    CHECK(f.write(512, filled(512, 2)) == SQLITE_IOERR_WRITE);  // op 3: the power goes
    CHECK(fault.crashed());
    CHECK(fault.ops() == 2);
    CHECK(fault.current_bytes("/raw/c") == filled(512, 1));  // no effect
    Bytes got(512);
    CHECK(f.read(0, got) != SQLITE_OK);
    CHECK(f.sync() != SQLITE_OK);
    CHECK(f.truncate(0) != SQLITE_OK);
    RawFile other(fault, "/raw/d");
    CHECK(other.open_rc() != SQLITE_OK);
    CHECK(fault.ops() == 2);
    fault.reboot(Fate::kKeep);
  }
  CHECK_FALSE(fault.crashed());
  CHECK(fault.durable_bytes("/raw/c") == filled(512, 1));
  CHECK_FALSE(fault.exists("/raw/d"));
  RawFile again(fault, "/raw/c");
  REQUIRE(again.open_rc() == SQLITE_OK);
  CHECK(again.write(512, filled(512, 2)) == SQLITE_OK);  // disarmed
  CHECK(fault.ops() == 3);
}

TEST_CASE("FaultVfs: the crash hook picks the crash point", "[fault_vfs]") {
  FaultVfs fault("fault-raw-hook");
  std::vector<std::uint64_t> asked;
  fault.set_crash_hook([&asked](std::uint64_t k) {
    asked.push_back(k);
    return k == 3;
  });
  RawFile f(fault, "/raw/h");
  CHECK(f.write(0, filled(10, 1)) == SQLITE_OK);
  CHECK(f.sync() == SQLITE_OK);
  CHECK(f.truncate(5) != SQLITE_OK);  // op 3
  CHECK(fault.crashed());
  CHECK(f.write(0, filled(10, 1)) != SQLITE_OK);
  CHECK(asked == std::vector<std::uint64_t>{1, 2, 3});  // not asked again once the power is off
  CHECK(fault.ops() == 2);
}

TEST_CASE("FaultVfs: names, access, delete, locks", "[fault_vfs]") {
  FaultVfs fault("fault-raw-names");
  sqlite3_vfs* vfs = sqlite3_vfs_find("fault-raw-names");
  REQUIRE(vfs != nullptr);
  CHECK(sqlite3_vfs_find(nullptr) != vfs);  // not the default

  char full[64];
  REQUIRE(vfs->xFullPathname(vfs, "/x/y.db", sizeof full, full) == SQLITE_OK);
  CHECK(std::string(full) == "/x/y.db");

  int result = -1;
  REQUIRE(vfs->xAccess(vfs, "/x/y.db", SQLITE_ACCESS_EXISTS, &result) == SQLITE_OK);
  CHECK(result == 0);
  {
    RawFile missing(fault, "/x/y.db", SQLITE_OPEN_READWRITE);
    CHECK(missing.open_rc() == SQLITE_CANTOPEN);
  }
  RawFile f(fault, "/x/y.db");
  REQUIRE(f.open_rc() == SQLITE_OK);
  REQUIRE(vfs->xAccess(vfs, "/x/y.db", SQLITE_ACCESS_EXISTS, &result) == SQLITE_OK);
  CHECK(result == 0);  // empty files do not count, as with the unix VFS
  REQUIRE(f.write(0, filled(10, 1)) == SQLITE_OK);
  REQUIRE(vfs->xAccess(vfs, "/x/y.db", SQLITE_ACCESS_EXISTS, &result) == SQLITE_OK);
  CHECK(result == 1);

  RawFile second(fault, "/x/y.db");
  int reserved = -1;
  REQUIRE(second.file()->pMethods->xCheckReservedLock(second.file(), &reserved) == SQLITE_OK);
  CHECK(reserved == 0);
  REQUIRE(f.file()->pMethods->xLock(f.file(), SQLITE_LOCK_SHARED) == SQLITE_OK);
  REQUIRE(f.file()->pMethods->xLock(f.file(), SQLITE_LOCK_RESERVED) == SQLITE_OK);
  REQUIRE(second.file()->pMethods->xCheckReservedLock(second.file(), &reserved) == SQLITE_OK);
  CHECK(reserved == 1);
  REQUIRE(f.file()->pMethods->xUnlock(f.file(), SQLITE_LOCK_SHARED) == SQLITE_OK);
  REQUIRE(second.file()->pMethods->xCheckReservedLock(second.file(), &reserved) == SQLITE_OK);
  CHECK(reserved == 0);

  const std::uint64_t before = fault.ops();
  REQUIRE(vfs->xDelete(vfs, "/x/y.db", 1) == SQLITE_OK);
  CHECK(fault.ops() == before + 1);
  CHECK_FALSE(fault.exists("/x/y.db"));
  CHECK(vfs->xDelete(vfs, "/x/y.db", 1) == SQLITE_IOERR_DELETE_NOENT);
  Bytes got(10);
  CHECK(f.read(0, got) == SQLITE_OK);  // an open handle keeps the unlinked file
  CHECK(got == filled(10, 1));
}

// ---------------------------------------------------------------------------
// Plain SQLite over the FaultVfs.

constexpr int kRowsPerTxn = 3;

// Deterministic payload of row `seq` of transaction `txn`; every third
// transaction carries a row that overflows a 4096-byte page.
Bytes payload(std::int64_t txn, int seq) {
  const std::size_t size = (seq == 0 && txn % 3 == 0) ? 6000 + static_cast<std::size_t>(txn) * 37 % 3000
                                                      : 50 + static_cast<std::size_t>(txn * 31 + seq * 17) % 400;
  Bytes out(size);
  std::uint64_t x = static_cast<std::uint64_t>(txn) * 1000003u + static_cast<std::uint64_t>(seq);
  for (auto& b : out) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    b = static_cast<std::uint8_t>(x >> 56);
  }
  return out;
}

class Db {
 public:
  Db() = default;
  ~Db() { close(); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  int open(const std::string& vfs, const std::string& path, const char* synchronous) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs.c_str());
    if (rc != SQLITE_OK) return rc;
    const std::string pragmas = std::string("PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; ") +
                                "PRAGMA journal_mode=WAL; PRAGMA synchronous=" + synchronous + ";";
    return exec(pragmas);
  }
  int exec(const std::string& sql) { return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); }
  sqlite3* get() { return db_; }
  int close() {
    int rc = SQLITE_OK;
    if (db_ != nullptr) rc = sqlite3_close_v2(db_);
    db_ = nullptr;
    return rc;
  }

 private:
  sqlite3* db_ = nullptr;
};

// Runs until the first error (or to the end); returns the last acknowledged
// transaction. Transactions are numbered from 1; 0 means none.
std::int64_t run_workload(const std::string& vfs, const char* synchronous, int transactions, bool* completed) {
  *completed = false;
  Db db;
  if (db.open(vfs, "/w/test.db", synchronous) != SQLITE_OK) return 0;
  if (db.exec("BEGIN; CREATE TABLE IF NOT EXISTS t(txn INTEGER NOT NULL, seq INTEGER NOT NULL, "
              "payload BLOB NOT NULL, PRIMARY KEY(txn, seq)); "
              "CREATE TABLE IF NOT EXISTS c(id INTEGER PRIMARY KEY, last INTEGER); "
              "INSERT OR IGNORE INTO c VALUES(1, 0); COMMIT;") != SQLITE_OK) {
    return 0;
  }
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_prepare_v2(db.get(), "INSERT INTO t VALUES(?, ?, ?)", -1, &insert, nullptr) != SQLITE_OK) return 0;
  std::int64_t acknowledged = 0;
  bool failed = false;
  for (std::int64_t txn = 1; txn <= transactions && !failed; ++txn) {
    if (db.exec("BEGIN") != SQLITE_OK) break;
    for (int seq = 0; seq < kRowsPerTxn && !failed; ++seq) {
      const Bytes p = payload(txn, seq);
      sqlite3_bind_int64(insert, 1, txn);
      sqlite3_bind_int(insert, 2, seq);
      sqlite3_bind_blob(insert, 3, p.data(), static_cast<int>(p.size()), SQLITE_TRANSIENT);
      failed = sqlite3_step(insert) != SQLITE_DONE;
      sqlite3_reset(insert);
    }
    if (failed || db.exec("UPDATE c SET last = " + std::to_string(txn) + " WHERE id = 1") != SQLITE_OK ||
        db.exec("COMMIT") != SQLITE_OK) {
      break;
    }
    acknowledged = txn;
    if (txn % 10 == 0 && db.exec("PRAGMA wal_checkpoint(TRUNCATE)") != SQLITE_OK) break;
  }
  sqlite3_finalize(insert);
  *completed = acknowledged == transactions && db.close() == SQLITE_OK;
  return acknowledged;
}

// After a reboot: "" when the database is intact and holds exactly the
// transactions 1..m for some m in [acknowledged, acknowledged + 1], else what
// is wrong.
std::string verify(const std::string& vfs, std::int64_t acknowledged, std::int64_t* present) {
  *present = 0;
  Db db;
  if (db.open(vfs, "/w/test.db", "FULL") != SQLITE_OK) return std::string("reopen failed: ") + sqlite3_errmsg(db.get());
  std::string integrity;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(), "PRAGMA integrity_check", -1, &stmt, nullptr) != SQLITE_OK) {
    return std::string("integrity_check failed: ") + sqlite3_errmsg(db.get());
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) integrity += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  if (integrity != "ok") return "integrity_check: " + integrity;

  if (sqlite3_prepare_v2(db.get(), "SELECT count(*) FROM sqlite_schema WHERE name IN ('t', 'c')", -1, &stmt,
                         nullptr) != SQLITE_OK) {
    return "schema query failed";
  }
  sqlite3_step(stmt);
  const int tables = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  if (tables != 2) {
    return acknowledged == 0 ? "" : "lost: tables missing after " + std::to_string(acknowledged) + " acknowledged";
  }

  std::int64_t last = -1;
  sqlite3_prepare_v2(db.get(), "SELECT last FROM c WHERE id = 1", -1, &stmt, nullptr);
  if (sqlite3_step(stmt) == SQLITE_ROW) last = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);

  std::string problem;
  std::int64_t expected_txn = 1;
  int expected_seq = 0;
  sqlite3_prepare_v2(db.get(), "SELECT txn, seq, payload FROM t ORDER BY txn, seq", -1, &stmt, nullptr);
  while (problem.empty() && sqlite3_step(stmt) == SQLITE_ROW) {
    const std::int64_t txn = sqlite3_column_int64(stmt, 0);
    const int seq = sqlite3_column_int(stmt, 1);
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, 2));
    const Bytes got(data, data + sqlite3_column_bytes(stmt, 2));
    if (txn != expected_txn || seq != expected_seq) {
      problem = "row (" + std::to_string(txn) + "," + std::to_string(seq) + ") where (" +
                std::to_string(expected_txn) + "," + std::to_string(expected_seq) + ") was expected";
    } else if (got != payload(txn, seq)) {
      problem = "payload of (" + std::to_string(txn) + "," + std::to_string(seq) + ") differs";
    }
    if (++expected_seq == kRowsPerTxn) {
      expected_seq = 0;
      ++expected_txn;
    }
  }
  sqlite3_finalize(stmt);
  if (!problem.empty()) return problem;
  if (expected_seq != 0) return "transaction " + std::to_string(expected_txn) + " is partial";
  *present = expected_txn - 1;
  if (last != *present) return "counter says " + std::to_string(last) + ", rows say " + std::to_string(*present);
  if (*present < acknowledged) {
    return "lost: acknowledged " + std::to_string(acknowledged) + " but only " + std::to_string(*present) +
           " present";
  }
  if (*present > acknowledged + 1) {
    return std::to_string(*present) + " present but only " + std::to_string(acknowledged) + " acknowledged";
  }
  return "";
}

struct SweepOutcome {
  std::uint64_t crash_points = 0;
  int reboots = 0;
  int lost_acknowledged = 0;  // verifications that failed only because acknowledged commits vanished
  std::vector<std::string> other_failures;
};

// For every crash point k of the workload and several fates: crash, reboot, verify.
SweepOutcome sweep(const char* synchronous, int transactions) {
  SweepOutcome outcome;
  {
    FaultVfs counting("fault-sweep-count");
    bool completed = false;
    REQUIRE(run_workload(counting.name(), synchronous, transactions, &completed) == transactions);
    REQUIRE(completed);
    outcome.crash_points = counting.ops();
  }
  for (std::uint64_t k = 1; k <= outcome.crash_points; ++k) {
    for (int variant = 0; variant < 4; ++variant) {
      FaultVfs fault("fault-sweep");
      fault.arm_crash_at(k);
      bool completed = false;
      const std::int64_t acknowledged = run_workload(fault.name(), synchronous, transactions, &completed);
      if (!fault.crashed()) {
        outcome.other_failures.push_back("k=" + std::to_string(k) + ": no crash happened");
        continue;
      }
      switch (variant) {
        case 0: fault.reboot(k * 7919 + 1); break;
        case 1: fault.reboot(Fate::kDrop); break;
        case 2: fault.reboot(Fate::kKeep); break;
        default: fault.reboot(Fate::kTear, k); break;
      }
      ++outcome.reboots;
      std::int64_t present = 0;
      const std::string problem = verify(fault.name(), acknowledged, &present);
      if (problem.rfind("lost: ", 0) == 0) {
        ++outcome.lost_acknowledged;
      } else if (!problem.empty()) {
        outcome.other_failures.push_back("k=" + std::to_string(k) + " variant=" + std::to_string(variant) + ": " +
                                         problem);
      }
    }
  }
  return outcome;
}

TEST_CASE("FaultVfs + SQLite: committed rows survive a power cut, unsynced ones do not", "[fault_vfs][sqlite]") {
  FaultVfs fault("fault-sqlite-basic");
  {
    Db db;
    REQUIRE(db.open(fault.name(), "/s/test.db", "FULL") == SQLITE_OK);
    REQUIRE(db.exec("CREATE TABLE t(x INTEGER)") == SQLITE_OK);
    for (int i = 0; i < 20; ++i) REQUIRE(db.exec("INSERT INTO t VALUES(" + std::to_string(i) + ")") == SQLITE_OK);
    // Nothing is pending: synchronous=FULL synced every commit.
    CHECK(fault.durable_bytes("/s/test.db-wal") == fault.current_bytes("/s/test.db-wal"));
    REQUIRE(db.exec("PRAGMA synchronous=OFF") == SQLITE_OK);
    for (int i = 20; i < 30; ++i) REQUIRE(db.exec("INSERT INTO t VALUES(" + std::to_string(i) + ")") == SQLITE_OK);
    CHECK(fault.durable_bytes("/s/test.db-wal") != fault.current_bytes("/s/test.db-wal"));
    fault.reboot(Fate::kDrop);
    // The connection's files died with the power; closing must still work.
    CHECK(db.close() == SQLITE_OK);
  }
  auto count_rows = [&fault]() {
    Db db;
    REQUIRE(db.open(fault.name(), "/s/test.db", "FULL") == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db.get(), "SELECT count(*) FROM t", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    const int n = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
  };
  CHECK(count_rows() == 20);  // the 10 unsynced commits vanished, the 20 synced ones stayed

  {
    Db db;
    REQUIRE(db.open(fault.name(), "/s/test.db", "OFF") == SQLITE_OK);
    for (int i = 20; i < 30; ++i) REQUIRE(db.exec("INSERT INTO t VALUES(" + std::to_string(i) + ")") == SQLITE_OK);
    fault.reboot(Fate::kKeep);
  }
  CHECK(count_rows() == 30);  // kept by the disk although never synced
}

TEST_CASE("FaultVfs + SQLite: every crash point of a WAL workload recovers (synchronous=FULL)",
          "[fault_vfs][sqlite][sweep]") {
  const SweepOutcome outcome = sweep("FULL", 30);
  INFO("crash points " << outcome.crash_points << ", reboots " << outcome.reboots);
  CHECK(outcome.crash_points > 100);
  CHECK(outcome.lost_acknowledged == 0);
  CHECK(outcome.other_failures.empty());
  for (std::size_t i = 0; i < outcome.other_failures.size() && i < 10; ++i) {
    FAIL_CHECK(outcome.other_failures[i]);
  }
}

TEST_CASE("FaultVfs + SQLite: the sweep notices lost commits when commits are not synced (synchronous=NORMAL)",
          "[fault_vfs][sqlite][sweep]") {
  // In WAL mode synchronous=NORMAL syncs only at checkpoints: a power cut may
  // lose acknowledged commits but never consistency. If the sweep found no
  // lost commit here, it (or the VFS) would be unable to see one.
  const SweepOutcome outcome = sweep("NORMAL", 30);
  INFO("crash points " << outcome.crash_points << ", reboots " << outcome.reboots);
  CHECK(outcome.lost_acknowledged > 0);
  CHECK(outcome.other_failures.empty());
  for (std::size_t i = 0; i < outcome.other_failures.size() && i < 10; ++i) {
    FAIL_CHECK(outcome.other_failures[i]);
  }
}

}  // namespace

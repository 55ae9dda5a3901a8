// FaultVfs: an in-memory SQLite VFS that models a disk with a volatile write
// cache, so tests can cut the power at any write and see what survives.
//
// Each file is its durable bytes plus an ordered list of pending operations
// (write at an offset, truncate to a size) that the cache has accepted but not
// yet made durable. Reads see the durable bytes with the pending operations
// applied in order, as the OS page cache would show them. xSync of a file
// makes that file's pending operations durable (and no other file's).
//
// A crash is armed at the k-th mutating operation (xWrite, xSync, xTruncate,
// xDelete; counted from 1 across all files). That operation and every later
// call that touches the disk fail with SQLITE_IOERR* and have no effect: the
// machine is off. reboot() then decides, per pending operation, whether the
// disk had written it (kKeep), not (kDrop), or only a prefix of it cut at a
// 512-byte sector boundary (kTear), and turns the outcome into the new
// durable state. Handles opened before the reboot are dead afterwards.
//
// Simplifications, on purpose:
//  - File creation (xOpen with SQLITE_OPEN_CREATE) and xDelete are durable at
//    once: there is no directory to fsync. A deleted file still open keeps
//    working through its handles (like an unlinked inode) until closed.
//  - Locks are no-ops (one process), but each handle's level is tracked so
//    xCheckReservedLock answers as a real VFS would.
//  - No shared memory and no memory mapping (io_methods version 1): SQLite
//    must use PRAGMA locking_mode=EXCLUSIVE for WAL mode.
//  - Temporary files (a NULL name) are refused: use temp_store=MEMORY.
//  - xAccess(EXISTS) is true only for a non-empty file, like the unix VFS.
//
// Thread-safety: every call takes one mutex, so SQLite connections on several
// threads may share a FaultVfs. The FaultVfs must outlive every connection
// and file handle that uses it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace confidant::testing {

// What became of a pending operation when the power came back.
enum class Fate {
  kDrop,  // never reached the platter
  kKeep,  // fully written
  kTear,  // writes: a prefix ending at a 512-byte sector boundary inside the write
          // survived (none, when the write crosses no boundary); truncates cannot
          // tear and are kept
};

class FaultVfs {
 public:
  static constexpr std::uint32_t kTearSectorBytes = 512;
  static constexpr int kSectorSize = 4096;  // what xSectorSize reports

  // Registers the VFS under `name` (not as the default). Names must be unique
  // among live FaultVfs objects. The destructor unregisters it.
  explicit FaultVfs(std::string name);
  ~FaultVfs();
  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;

  const std::string& name() const;

  // The mutating operation that would make ops() reach k (1-based, counted
  // since construction) loses power instead. k == 0 disarms.
  void arm_crash_at(std::uint64_t k);
  // Mutating operations that took effect so far (xWrite, xSync, xTruncate,
  // xDelete). A run without a crash tells how many crash points a workload has.
  std::uint64_t ops() const;
  bool crashed() const;

  // Called before each mutating operation with the number it would get
  // (ops() + 1), while no crash has happened, and without the internal lock
  // held: returning true makes that operation the crash point, as
  // arm_crash_at() would. This lets a single-threaded test fork() the process
  // at every crash point instead of replaying its workload up to each one.
  // An empty function removes the hook.
  void set_crash_hook(std::function<bool(std::uint64_t)> hook);

  // Power comes back. Every pending operation independently gets a fate drawn
  // from a PRNG seeded with `seed` (writes: drop, keep or tear with equal
  // odds; truncates: drop or keep). Handles die, the crash is disarmed, the op
  // counter keeps counting. Also valid without a crash (a clean power cut).
  void reboot(std::uint64_t seed);
  // Same, with one fate for every pending operation; tear points are drawn
  // from `seed`.
  void reboot(Fate all, std::uint64_t seed = 0);

  // One operation a reboot decides about.
  struct PendingOp {
    const std::string& file;
    std::size_t index;       // position among its file's pending operations, oldest first
    std::size_t count;       // how many its file has pending
    bool truncate;
    std::uint64_t offset;    // truncate: the new size
    std::uint64_t size;      // bytes written (0 for a truncate)
  };
  // Same, with the fate of each pending operation chosen by `fate_of`
  // (adversarial disks: "only the newest write reached the platter", ...).
  // It is called file by file (in name order), oldest operation first, with
  // the internal lock held: it must not call this FaultVfs.
  void reboot(const std::function<Fate(const PendingOp&)>& fate_of, std::uint64_t seed = 0);

  // Files that exist, sorted.
  std::vector<std::string> file_names() const;
  // What a power cut right now with every pending operation dropped would
  // leave. Empty when the file does not exist.
  std::vector<std::uint8_t> durable_bytes(const std::string& name) const;
  // What reads show now (durable bytes plus pending operations).
  std::vector<std::uint8_t> current_bytes(const std::string& name) const;
  bool exists(const std::string& name) const;

  struct State;  // implementation detail, public for the C callbacks

 private:
  std::unique_ptr<State> state_;
};

}  // namespace confidant::testing

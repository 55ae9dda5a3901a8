#include "support/fault_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

namespace confidant::testing {
// Named (not anonymous) because FaultVfs::State, which has linkage, holds them.
namespace fault_vfs_internal {

struct Op {
  bool truncate = false;
  std::uint64_t offset = 0;  // truncate: the new size
  std::vector<std::uint8_t> data;
};

// One file, the inode: it outlives its name while a handle still holds it.
struct Node {
  std::vector<std::uint8_t> durable;
  std::vector<std::uint8_t> current;  // durable + pending, kept up to date
  std::vector<Op> pending;
};

void apply_write(std::vector<std::uint8_t>& bytes, std::uint64_t offset, const std::uint8_t* data, std::size_t n) {
  if (n == 0) return;
  if (bytes.size() < offset + n) bytes.resize(offset + n, 0);
  std::memcpy(bytes.data() + offset, data, n);
}

void apply_op(std::vector<std::uint8_t>& bytes, const Op& op) {
  if (op.truncate) {
    bytes.resize(op.offset, 0);
  } else {
    apply_write(bytes, op.offset, op.data.data(), op.data.size());
  }
}

// splitmix64: tiny, and the same sequence on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : x_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (x_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }

 private:
  std::uint64_t x_;
};

// How many bytes of `op` survive a tear: up to a sector boundary strictly
// inside the write, chosen at random; 0 when the write crosses none.
std::size_t torn_prefix(const Op& op, Rng& rng) {
  const std::uint64_t sector = FaultVfs::kTearSectorBytes;
  const std::uint64_t end = op.offset + op.data.size();
  const std::uint64_t first = (op.offset / sector + 1) * sector;
  if (first >= end) return 0;
  const std::uint64_t boundaries = (end - 1 - first) / sector + 1;
  const std::uint64_t cut = first + rng.below(boundaries) * sector;
  return static_cast<std::size_t>(cut - op.offset);
}

struct HandleImpl;

// What SQLite allocates (szOsFile bytes): kept standard-layout so the cast
// from sqlite3_file* is well defined; the C++ state lives behind `impl`.
struct Handle {
  sqlite3_file base;
  HandleImpl* impl;
};

}  // namespace fault_vfs_internal
using namespace fault_vfs_internal;

struct FaultVfs::State {
  std::string name;
  sqlite3_vfs vfs{};
  sqlite3_vfs* os = nullptr;  // the default VFS, for time, randomness and errors

  mutable std::mutex mu;
  std::map<std::string, std::shared_ptr<Node>> files;
  std::set<HandleImpl*> handles;
  std::uint64_t ops = 0;
  std::uint64_t crash_at = 0;
  bool crashed = false;
  std::uint64_t epoch = 0;  // bumped by reboot(); older handles are dead
  std::function<bool(std::uint64_t)> crash_hook;

  // Called before a mutating operation (through `handle`, unless null),
  // without `mu` held: the hook may fork.
  void consult_crash_hook(const HandleImpl* handle);

  // Called under `mu` before a mutating operation: false when the power is off.
  bool begin_mutation() {
    if (crashed) return false;
    if (crash_at != 0 && ops + 1 >= crash_at) {
      crashed = true;
      return false;
    }
    ++ops;
    return true;
  }

  void reboot_with(const std::function<Fate(const FaultVfs::PendingOp&)>& fate_of, Rng& rng) {
    for (auto& [file_name, node] : files) {
      for (std::size_t i = 0; i < node->pending.size(); ++i) {
        const Op& op = node->pending[i];
        const FaultVfs::PendingOp info{file_name, i, node->pending.size(), op.truncate, op.offset,
                                       op.truncate ? 0 : op.data.size()};
        switch (fate_of(info)) {
          case Fate::kDrop:
            break;
          case Fate::kKeep:
            apply_op(node->durable, op);
            break;
          case Fate::kTear:
            if (op.truncate) {
              apply_op(node->durable, op);
            } else {
              apply_write(node->durable, op.offset, op.data.data(), torn_prefix(op, rng));
            }
            break;
        }
      }
      node->pending.clear();
      node->current = node->durable;
    }
    ++epoch;
    crashed = false;
    crash_at = 0;
  }
};

namespace fault_vfs_internal {

struct HandleImpl {
  FaultVfs::State* state;
  std::shared_ptr<Node> node;
  std::string name;
  std::uint64_t epoch;
  int lock = SQLITE_LOCK_NONE;
  bool delete_on_close = false;

  bool alive() const { return !state->crashed && epoch == state->epoch; }
};

}  // namespace fault_vfs_internal

void FaultVfs::State::consult_crash_hook(const HandleImpl* handle) {
  std::function<bool(std::uint64_t)> hook;
  std::uint64_t next = 0;
  {
    std::lock_guard lock(mu);
    if (!crash_hook || crashed || (handle != nullptr && !handle->alive())) return;
    hook = crash_hook;
    next = ops + 1;
  }
  if (hook(next)) {
    std::lock_guard lock(mu);
    crash_at = next;
  }
}

namespace {

HandleImpl& impl_of(sqlite3_file* file) { return *reinterpret_cast<Handle*>(file)->impl; }
FaultVfs::State& state_of(sqlite3_vfs* vfs) { return *static_cast<FaultVfs::State*>(vfs->pAppData); }

int x_close(sqlite3_file* file) {
  HandleImpl* h = &impl_of(file);
  {
    std::lock_guard lock(h->state->mu);
    h->state->handles.erase(h);
    if (h->delete_on_close && h->alive()) {
      auto it = h->state->files.find(h->name);
      if (it != h->state->files.end() && it->second == h->node) h->state->files.erase(it);
    }
  }
  delete h;
  file->pMethods = nullptr;
  return SQLITE_OK;
}

int x_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  HandleImpl& h = impl_of(file);
  std::lock_guard lock(h.state->mu);
  if (!h.alive()) return SQLITE_IOERR_READ;
  const auto& bytes = h.node->current;
  const auto want = static_cast<std::uint64_t>(amount);
  const auto start = static_cast<std::uint64_t>(offset);
  const std::uint64_t have = start >= bytes.size() ? 0 : std::min<std::uint64_t>(want, bytes.size() - start);
  if (have > 0) std::memcpy(out, bytes.data() + start, have);
  if (have < want) {
    std::memset(static_cast<std::uint8_t*>(out) + have, 0, want - have);
    return SQLITE_IOERR_SHORT_READ;
  }
  return SQLITE_OK;
}

int x_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  HandleImpl& h = impl_of(file);
  h.state->consult_crash_hook(&h);
  std::lock_guard lock(h.state->mu);
  if (!h.alive() || !h.state->begin_mutation()) return SQLITE_IOERR_WRITE;
  Op op;
  op.offset = static_cast<std::uint64_t>(offset);
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  op.data.assign(bytes, bytes + amount);
  apply_op(h.node->current, op);
  h.node->pending.push_back(std::move(op));
  return SQLITE_OK;
}

int x_truncate(sqlite3_file* file, sqlite3_int64 size) {
  HandleImpl& h = impl_of(file);
  h.state->consult_crash_hook(&h);
  std::lock_guard lock(h.state->mu);
  if (!h.alive() || !h.state->begin_mutation()) return SQLITE_IOERR_TRUNCATE;
  Op op;
  op.truncate = true;
  op.offset = static_cast<std::uint64_t>(size);
  apply_op(h.node->current, op);
  h.node->pending.push_back(std::move(op));
  return SQLITE_OK;
}

int x_sync(sqlite3_file* file, int /*flags*/) {
  HandleImpl& h = impl_of(file);
  h.state->consult_crash_hook(&h);
  std::lock_guard lock(h.state->mu);
  if (!h.alive() || !h.state->begin_mutation()) return SQLITE_IOERR_FSYNC;
  for (const Op& op : h.node->pending) apply_op(h.node->durable, op);
  h.node->pending.clear();
  return SQLITE_OK;
}

int x_file_size(sqlite3_file* file, sqlite3_int64* size) {
  HandleImpl& h = impl_of(file);
  std::lock_guard lock(h.state->mu);
  if (!h.alive()) return SQLITE_IOERR_FSTAT;
  *size = static_cast<sqlite3_int64>(h.node->current.size());
  return SQLITE_OK;
}

int x_lock(sqlite3_file* file, int level) {
  HandleImpl& h = impl_of(file);
  std::lock_guard lock(h.state->mu);
  if (!h.alive()) return SQLITE_IOERR_LOCK;
  h.lock = std::max(h.lock, level);
  return SQLITE_OK;
}

int x_unlock(sqlite3_file* file, int level) {
  HandleImpl& h = impl_of(file);
  std::lock_guard lock(h.state->mu);
  if (!h.alive()) return SQLITE_IOERR_UNLOCK;
  h.lock = std::min(h.lock, level);
  return SQLITE_OK;
}

int x_check_reserved_lock(sqlite3_file* file, int* reserved) {
  HandleImpl& h = impl_of(file);
  std::lock_guard lock(h.state->mu);
  if (!h.alive()) return SQLITE_IOERR_CHECKRESERVEDLOCK;
  *reserved = 0;
  for (const HandleImpl* other : h.state->handles) {
    if (other->node == h.node && other->alive() && other->lock >= SQLITE_LOCK_RESERVED) *reserved = 1;
  }
  return SQLITE_OK;
}

int x_file_control(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int x_sector_size(sqlite3_file*) { return FaultVfs::kSectorSize; }
int x_device_characteristics(sqlite3_file*) { return SQLITE_IOCAP_POWERSAFE_OVERWRITE; }

const sqlite3_io_methods kIoMethods = {
    1,  // iVersion: no shared memory, no mmap
    x_close,
    x_read,
    x_write,
    x_truncate,
    x_sync,
    x_file_size,
    x_lock,
    x_unlock,
    x_check_reserved_lock,
    x_file_control,
    x_sector_size,
    x_device_characteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int x_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  FaultVfs::State& s = state_of(vfs);
  file->pMethods = nullptr;
  if (name == nullptr) return SQLITE_CANTOPEN;  // temp files: use temp_store=MEMORY
  std::lock_guard lock(s.mu);
  if (s.crashed) return SQLITE_IOERR;
  auto it = s.files.find(name);
  if (it == s.files.end()) {
    if ((flags & SQLITE_OPEN_CREATE) == 0) return SQLITE_CANTOPEN;
    it = s.files.emplace(name, std::make_shared<Node>()).first;
  } else if ((flags & SQLITE_OPEN_EXCLUSIVE) != 0) {
    return SQLITE_CANTOPEN;
  }
  auto* h = new HandleImpl{&s, it->second, name, s.epoch};
  h->delete_on_close = (flags & SQLITE_OPEN_DELETEONCLOSE) != 0;
  s.handles.insert(h);
  reinterpret_cast<Handle*>(file)->impl = h;
  file->pMethods = &kIoMethods;
  if (out_flags != nullptr) *out_flags = flags;
  return SQLITE_OK;
}

int x_delete(sqlite3_vfs* vfs, const char* name, int /*sync_dir*/) {
  FaultVfs::State& s = state_of(vfs);
  {
    std::lock_guard lock(s.mu);
    if (s.crashed) return SQLITE_IOERR_DELETE;
    if (s.files.count(name) == 0) return SQLITE_IOERR_DELETE_NOENT;  // not a mutation: no crash point
  }
  s.consult_crash_hook(nullptr);
  std::lock_guard lock(s.mu);
  if (s.crashed) return SQLITE_IOERR_DELETE;
  auto it = s.files.find(name);
  if (it == s.files.end()) return SQLITE_IOERR_DELETE_NOENT;
  if (!s.begin_mutation()) return SQLITE_IOERR_DELETE;
  s.files.erase(it);
  return SQLITE_OK;
}

int x_access(sqlite3_vfs* vfs, const char* name, int flags, int* result) {
  FaultVfs::State& s = state_of(vfs);
  std::lock_guard lock(s.mu);
  if (s.crashed) return SQLITE_IOERR_ACCESS;
  auto it = s.files.find(name);
  if (it == s.files.end()) {
    *result = 0;
  } else if (flags == SQLITE_ACCESS_EXISTS) {
    *result = it->second->current.empty() ? 0 : 1;  // as the unix VFS: empty files do not count
  } else {
    *result = 1;
  }
  return SQLITE_OK;
}

int x_full_pathname(sqlite3_vfs*, const char* name, int out_size, char* out) {
  const std::size_t n = std::strlen(name);
  if (n + 1 > static_cast<std::size_t>(out_size)) return SQLITE_CANTOPEN;
  std::memcpy(out, name, n + 1);
  return SQLITE_OK;
}

sqlite3_vfs* os_of(sqlite3_vfs* vfs) { return state_of(vfs).os; }

void* x_dl_open(sqlite3_vfs* vfs, const char* path) { return os_of(vfs)->xDlOpen(os_of(vfs), path); }
void x_dl_error(sqlite3_vfs* vfs, int n, char* out) { os_of(vfs)->xDlError(os_of(vfs), n, out); }
void (*x_dl_sym(sqlite3_vfs* vfs, void* lib, const char* symbol))(void) {
  return os_of(vfs)->xDlSym(os_of(vfs), lib, symbol);
}
void x_dl_close(sqlite3_vfs* vfs, void* lib) { os_of(vfs)->xDlClose(os_of(vfs), lib); }
int x_randomness(sqlite3_vfs* vfs, int n, char* out) { return os_of(vfs)->xRandomness(os_of(vfs), n, out); }
int x_sleep(sqlite3_vfs* vfs, int micros) { return os_of(vfs)->xSleep(os_of(vfs), micros); }
int x_current_time(sqlite3_vfs* vfs, double* out) { return os_of(vfs)->xCurrentTime(os_of(vfs), out); }
int x_get_last_error(sqlite3_vfs* vfs, int n, char* out) {
  return os_of(vfs)->xGetLastError != nullptr ? os_of(vfs)->xGetLastError(os_of(vfs), n, out) : 0;
}
int x_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  sqlite3_vfs* os = os_of(vfs);
  if (os->iVersion >= 2 && os->xCurrentTimeInt64 != nullptr) return os->xCurrentTimeInt64(os, out);
  double days = 0;
  const int rc = os->xCurrentTime(os, &days);
  *out = static_cast<sqlite3_int64>(days * 86400000.0);
  return rc;
}

}  // namespace

FaultVfs::FaultVfs(std::string name) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.name = std::move(name);
  s.os = sqlite3_vfs_find(nullptr);
  if (s.os == nullptr) throw std::runtime_error("FaultVfs: SQLite has no default VFS");
  s.vfs.iVersion = 2;
  s.vfs.szOsFile = sizeof(Handle);
  s.vfs.mxPathname = 1024;
  s.vfs.zName = s.name.c_str();
  s.vfs.pAppData = &s;
  s.vfs.xOpen = x_open;
  s.vfs.xDelete = x_delete;
  s.vfs.xAccess = x_access;
  s.vfs.xFullPathname = x_full_pathname;
  s.vfs.xDlOpen = x_dl_open;
  s.vfs.xDlError = x_dl_error;
  s.vfs.xDlSym = x_dl_sym;
  s.vfs.xDlClose = x_dl_close;
  s.vfs.xRandomness = x_randomness;
  s.vfs.xSleep = x_sleep;
  s.vfs.xCurrentTime = x_current_time;
  s.vfs.xGetLastError = x_get_last_error;
  s.vfs.xCurrentTimeInt64 = x_current_time_int64;
  const int rc = sqlite3_vfs_register(&s.vfs, /*makeDflt=*/0);
  if (rc != SQLITE_OK) throw std::runtime_error("FaultVfs: sqlite3_vfs_register failed: " + std::to_string(rc));
}

FaultVfs::~FaultVfs() { sqlite3_vfs_unregister(&state_->vfs); }

const std::string& FaultVfs::name() const { return state_->name; }

void FaultVfs::arm_crash_at(std::uint64_t k) {
  std::lock_guard lock(state_->mu);
  state_->crash_at = k;
}

void FaultVfs::set_crash_hook(std::function<bool(std::uint64_t)> hook) {
  std::lock_guard lock(state_->mu);
  state_->crash_hook = std::move(hook);
}

std::uint64_t FaultVfs::ops() const {
  std::lock_guard lock(state_->mu);
  return state_->ops;
}

bool FaultVfs::crashed() const {
  std::lock_guard lock(state_->mu);
  return state_->crashed;
}

void FaultVfs::reboot(std::uint64_t seed) {
  std::lock_guard lock(state_->mu);
  Rng rng(seed);
  state_->reboot_with(
      [&rng](const PendingOp& op) {
        if (op.truncate) return rng.below(2) == 0 ? Fate::kDrop : Fate::kKeep;
        switch (rng.below(3)) {
          case 0: return Fate::kDrop;
          case 1: return Fate::kKeep;
          default: return Fate::kTear;
        }
      },
      rng);
}

void FaultVfs::reboot(Fate all, std::uint64_t seed) {
  std::lock_guard lock(state_->mu);
  Rng rng(seed);
  state_->reboot_with([all](const PendingOp&) { return all; }, rng);
}

void FaultVfs::reboot(const std::function<Fate(const PendingOp&)>& fate_of, std::uint64_t seed) {
  std::lock_guard lock(state_->mu);
  Rng rng(seed);
  state_->reboot_with(fate_of, rng);
}

std::vector<std::string> FaultVfs::file_names() const {
  std::lock_guard lock(state_->mu);
  std::vector<std::string> names;
  for (const auto& [file_name, node] : state_->files) names.push_back(file_name);
  return names;
}

std::vector<std::uint8_t> FaultVfs::durable_bytes(const std::string& file_name) const {
  std::lock_guard lock(state_->mu);
  auto it = state_->files.find(file_name);
  return it == state_->files.end() ? std::vector<std::uint8_t>{} : it->second->durable;
}

std::vector<std::uint8_t> FaultVfs::current_bytes(const std::string& file_name) const {
  std::lock_guard lock(state_->mu);
  auto it = state_->files.find(file_name);
  return it == state_->files.end() ? std::vector<std::uint8_t>{} : it->second->current;
}

bool FaultVfs::exists(const std::string& file_name) const {
  std::lock_guard lock(state_->mu);
  return state_->files.count(file_name) != 0;
}

}  // namespace confidant::testing

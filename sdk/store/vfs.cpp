#include "store/vfs.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <new>

#include "store/encrypted_file.hpp"

namespace confidant::store {
namespace {

// What SQLite allocates per open file: its handle, then ours.
struct Handle {
  sqlite3_file file;
  EncryptedFile* impl;
};

EncryptedFile& impl(sqlite3_file* f) { return *reinterpret_cast<Handle*>(f)->impl; }

// Every entry point converts exceptions (allocation failure) into SQLite codes:
// nothing may unwind through SQLite's C frames.
template <typename F>
int guarded(int error_rc, F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return error_rc;
  }
}

int x_close(sqlite3_file* f) {
  auto* h = reinterpret_cast<Handle*>(f);
  const int rc = guarded(SQLITE_IOERR_CLOSE, [&] { return h->impl->close(); });
  delete h->impl;
  h->impl = nullptr;
  return rc;
}
int x_read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  return guarded(SQLITE_IOERR_READ, [&] { return impl(f).read(out, amount, offset); });
}
int x_write(sqlite3_file* f, const void* in, int amount, sqlite3_int64 offset) {
  return guarded(SQLITE_IOERR_WRITE, [&] { return impl(f).write(in, amount, offset); });
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return guarded(SQLITE_IOERR_TRUNCATE, [&] { return impl(f).truncate(size); });
}
int x_sync(sqlite3_file* f, int flags) {
  return guarded(SQLITE_IOERR_FSYNC, [&] { return impl(f).sync(flags); });
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  return guarded(SQLITE_IOERR_FSTAT, [&] { return impl(f).file_size(size); });
}
int x_lock(sqlite3_file* f, int level) { return impl(f).lock(level); }
int x_unlock(sqlite3_file* f, int level) { return impl(f).unlock(level); }
int x_check_reserved_lock(sqlite3_file* f, int* out) { return impl(f).check_reserved_lock(out); }
int x_file_control(sqlite3_file* f, int op, void* arg) {
  return guarded(SQLITE_ERROR, [&] { return impl(f).file_control(op, arg); });
}
// Fixed, so the journal's header unit is always one 4096-byte sector.
int x_sector_size(sqlite3_file*) { return 4096; }
int x_device_characteristics(sqlite3_file* f) { return impl(f).device_characteristics(); }

// Version 1: no shared memory (hence no -shm file) and no memory mapping.
const sqlite3_io_methods kMethods = {
    1,           x_close,     x_read,        x_write,        x_truncate,
    x_sync,      x_file_size, x_lock,        x_unlock,       x_check_reserved_lock,
    x_file_control, x_sector_size, x_device_characteristics,
    nullptr,     nullptr,     nullptr,       nullptr,        nullptr,
    nullptr};

// Looked up on every use rather than kept: a test may unregister its base VFS
// and register a fresh one under the same name.
sqlite3_vfs* base_of(sqlite3_vfs* vfs) { return find_base_vfs(*static_cast<const std::string*>(vfs->pAppData)); }

// The database path a -wal or -journal name belongs to.
std::string owner_of(const char* name, int flags) {
  if (flags & (SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) return sqlite3_filename_database(name);
  return name;
}

int x_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* h = reinterpret_cast<Handle*>(f);
  h->file.pMethods = nullptr;  // SQLite calls xClose only when this is set
  h->impl = nullptr;
  constexpr int kAllowed = SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL;
  if (name == nullptr || (flags & kAllowed) == 0) {
    sqlite3_log(SQLITE_CANTOPEN, "confidant: refused to open a temporary file on disk");
    return SQLITE_CANTOPEN;
  }
  return guarded(SQLITE_CANTOPEN, [&] {
    auto context = find_context(owner_of(name, flags));
    if (!context) {
      sqlite3_log(SQLITE_CANTOPEN, "confidant: %s is not a registered store", name);
      return SQLITE_CANTOPEN;
    }
    // Checked here, not only when the Store opens: SQLite opens a log (or a
    // journal it thinks hot) long after, and a file swapped in by then must
    // not block the open or lead it elsewhere. The store is left untouched.
    if (Status st = check_regular_file(name); !st) {
      context->fail(std::move(st), /*poison=*/true);
      return SQLITE_CANTOPEN;
    }
    std::unique_ptr<EncryptedFile> file;
    if (flags & SQLITE_OPEN_MAIN_DB) {
      file = make_page_file(base_of(vfs), context, name);
    } else {
      file = make_log_file(base_of(vfs), context, name,
                           (flags & SQLITE_OPEN_WAL) ? layout::FileKind::kWal : layout::FileKind::kJournal);
    }
    const int rc = file->open(flags, out_flags);
    if (rc != SQLITE_OK) return rc;
    h->impl = file.release();
    h->file.pMethods = &kMethods;
    return SQLITE_OK;
  });
}

// An empty log holds nothing; the one SQLite created while opening a damaged
// store may go again, so the directory is left as it was found.
bool is_empty(sqlite3_vfs* base, const char* name) {
  BaseFile file(base);
  int flags = 0;
  if (file.open(name, SQLITE_OPEN_READONLY | SQLITE_OPEN_WAL, &flags) != SQLITE_OK) return false;
  sqlite3_int64 size = -1;
  return file.size(&size) == SQLITE_OK && size == 0;
}

int x_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  return guarded(SQLITE_IOERR_DELETE, [&] {
    std::string owner = name;
    for (const char* suffix : {"-wal", "-journal"}) {
      const std::size_t n = std::strlen(suffix);
      if (owner.size() > n && owner.compare(owner.size() - n, n, suffix) == 0) owner.resize(owner.size() - n);
    }
    auto context = find_context(owner);
    // SQLite deletes a log it finds beside an empty database: what is not a
    // regular file there is no log of ours and stays (the open fails instead).
    // Checked first: is_empty() below would block opening a FIFO.
    if (Status st = check_regular_file(name); !st) {
      if (context) context->fail(std::move(st), /*poison=*/true);
      return SQLITE_IOERR_DELETE;
    }
    // A damaged store is left exactly as found.
    if (context && context->poisoned() && !is_empty(base_of(vfs), name)) return SQLITE_IOERR_DELETE;
    return base_of(vfs)->xDelete(base_of(vfs), name, sync_dir);
  });
}
int x_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return base_of(vfs)->xAccess(base_of(vfs), name, flags, out);
}
int x_full_pathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
  return base_of(vfs)->xFullPathname(base_of(vfs), name, n, out);
}
void* x_dl_open(sqlite3_vfs* vfs, const char* name) { return base_of(vfs)->xDlOpen(base_of(vfs), name); }
void x_dl_error(sqlite3_vfs* vfs, int n, char* out) { base_of(vfs)->xDlError(base_of(vfs), n, out); }
void (*x_dl_sym(sqlite3_vfs* vfs, void* lib, const char* sym))(void) {
  return base_of(vfs)->xDlSym(base_of(vfs), lib, sym);
}
void x_dl_close(sqlite3_vfs* vfs, void* lib) { base_of(vfs)->xDlClose(base_of(vfs), lib); }
int x_randomness(sqlite3_vfs* vfs, int n, char* out) { return base_of(vfs)->xRandomness(base_of(vfs), n, out); }
int x_sleep(sqlite3_vfs* vfs, int us) { return base_of(vfs)->xSleep(base_of(vfs), us); }
int x_current_time(sqlite3_vfs* vfs, double* out) { return base_of(vfs)->xCurrentTime(base_of(vfs), out); }
int x_get_last_error(sqlite3_vfs* vfs, int n, char* out) {
  return base_of(vfs)->xGetLastError ? base_of(vfs)->xGetLastError(base_of(vfs), n, out) : 0;
}
int x_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  sqlite3_vfs* base = base_of(vfs);
  if (base->iVersion >= 2 && base->xCurrentTimeInt64) return base->xCurrentTimeInt64(base, out);
  double days = 0;
  const int rc = base->xCurrentTime(base, &days);
  *out = static_cast<sqlite3_int64>(days * 86400000.0);
  return rc;
}

}  // namespace

sqlite3_vfs* find_base_vfs(const std::string& name) { return sqlite3_vfs_find(name.empty() ? nullptr : name.c_str()); }

Status check_regular_file(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode)) return Status::ok();
  const char* what = S_ISFIFO(st.st_mode)  ? "a FIFO"
                     : S_ISDIR(st.st_mode) ? "a directory"
                     : S_ISLNK(st.st_mode) ? "a symbolic link"
                     : S_ISSOCK(st.st_mode) ? "a socket"
                                            : "a device or other special file";
  return {ErrorCode::kNotAStore, path + " is " + what + ", not a regular file (a store file must be one)"};
}

Result<std::string> encrypting_vfs(const std::string& base_vfs) {
  static std::mutex mutex;
  struct Entry {
    sqlite3_vfs vfs;
    std::string name;
    std::string base_name;
  };
  static std::map<std::string, std::unique_ptr<Entry>> registered;
  std::lock_guard lock(mutex);
  if (auto it = registered.find(base_vfs); it != registered.end()) return it->second->name;

  sqlite3_vfs* base = find_base_vfs(base_vfs);
  if (base == nullptr) return Status{ErrorCode::kInvalidArgument, "base_vfs: no SQLite VFS named '" + base_vfs + "'"};
  auto entry = std::make_unique<Entry>();
  entry->name = base_vfs.empty() ? "confidant" : "confidant-over-" + base_vfs;
  entry->base_name = base_vfs;
  sqlite3_vfs& v = entry->vfs;
  std::memset(&v, 0, sizeof v);
  v.iVersion = 2;
  v.szOsFile = sizeof(Handle);
  v.mxPathname = std::max(base->mxPathname, 512);
  v.zName = entry->name.c_str();
  v.pAppData = &entry->base_name;
  v.xOpen = x_open;
  v.xDelete = x_delete;
  v.xAccess = x_access;
  v.xFullPathname = x_full_pathname;
  v.xDlOpen = x_dl_open;
  v.xDlError = x_dl_error;
  v.xDlSym = x_dl_sym;
  v.xDlClose = x_dl_close;
  v.xRandomness = x_randomness;
  v.xSleep = x_sleep;
  v.xCurrentTime = x_current_time;
  v.xGetLastError = x_get_last_error;
  v.xCurrentTimeInt64 = x_current_time_int64;
  if (int rc = sqlite3_vfs_register(&v, 0); rc != SQLITE_OK) {
    return Status{ErrorCode::kInternal, std::string("cannot register the encrypting VFS: ") + sqlite3_errstr(rc)};
  }
  std::string name = entry->name;
  registered.emplace(base_vfs, std::move(entry));
  return name;
}

}  // namespace confidant::store

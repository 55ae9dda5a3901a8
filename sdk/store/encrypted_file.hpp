// The pieces the encrypting VFS is made of: BaseFile (a file of the VFS that
// does the physical I/O) and EncryptedFile (what SQLite's io_methods call).
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include "store/store_context.hpp"

namespace confidant::store {

// Owns one open file of the underlying VFS.
class BaseFile {
 public:
  explicit BaseFile(sqlite3_vfs* vfs) : vfs_(vfs), storage_(static_cast<std::size_t>(vfs->szOsFile), 0) {}
  ~BaseFile() { close(); }
  BaseFile(const BaseFile&) = delete;
  BaseFile& operator=(const BaseFile&) = delete;

  int open(const char* name, int flags, int* out_flags) {
    const int rc = vfs_->xOpen(vfs_, name, file(), flags, out_flags);
    open_ = file()->pMethods != nullptr;
    return rc;
  }
  int close() {
    if (!open_) return SQLITE_OK;
    open_ = false;
    return file()->pMethods->xClose(file());
  }

  int read(void* out, int amount, sqlite3_int64 offset) { return m()->xRead(file(), out, amount, offset); }
  int write(const void* in, int amount, sqlite3_int64 offset) { return m()->xWrite(file(), in, amount, offset); }
  int truncate(sqlite3_int64 size) { return m()->xTruncate(file(), size); }
  int sync(int flags) { return m()->xSync(file(), flags); }
  int size(sqlite3_int64* out) { return m()->xFileSize(file(), out); }
  int lock(int level) { return m()->xLock(file(), level); }
  int unlock(int level) { return m()->xUnlock(file(), level); }
  int check_reserved_lock(int* out) { return m()->xCheckReservedLock(file(), out); }
  int file_control(int op, void* arg) { return m()->xFileControl(file(), op, arg); }
  int device_characteristics() { return m()->xDeviceCharacteristics(file()); }
  sqlite3_vfs* vfs() const { return vfs_; }

 private:
  sqlite3_file* file() { return reinterpret_cast<sqlite3_file*>(storage_.data()); }
  const sqlite3_io_methods* m() { return file()->pMethods; }

  sqlite3_vfs* vfs_;
  std::vector<unsigned char> storage_;  // the base VFS's sqlite3_file lives here
  bool open_ = false;
};

// One file SQLite opened through the encrypting VFS. Offsets and sizes in this
// interface are the logical ones SQLite sees.
class EncryptedFile {
 public:
  EncryptedFile(sqlite3_vfs* base_vfs, std::shared_ptr<StoreContext> context, std::string name)
      : base_(base_vfs), context_(std::move(context)), name_(std::move(name)) {}
  virtual ~EncryptedFile() = default;

  // Opens the physical file and reads whatever must be known before use.
  virtual int open(int flags, int* out_flags) = 0;
  virtual int read(void* out, int amount, sqlite3_int64 offset) = 0;
  virtual int write(const void* in, int amount, sqlite3_int64 offset) = 0;
  virtual int truncate(sqlite3_int64 size) = 0;
  virtual int sync(int flags) = 0;
  virtual int file_size(sqlite3_int64* size) = 0;
  virtual int file_control(int op, void* arg) { return base_.file_control(op, arg); }
  virtual int close() { return base_.close(); }

  int lock(int level) { return base_.lock(level); }
  int unlock(int level) { return base_.unlock(level); }
  int check_reserved_lock(int* out) { return base_.check_reserved_lock(out); }
  // A unit is not written atomically by the layer below, so no atomic-write
  // promise survives; powersafe overwrite does (units never straddle SQLite's writes of separate pages).
  int device_characteristics() {
    return base_.device_characteristics() & SQLITE_IOCAP_POWERSAFE_OVERWRITE;
  }

 protected:
  // Records `status` as the store's error; `poison` when the store's files
  // must not be written any more (authentication failures).
  int fail(int rc, Status status, bool poison) {
    context_->fail(std::move(status), poison);
    return rc;
  }
  bool writes_forbidden() const { return context_->poisoned(); }

  BaseFile base_;
  std::shared_ptr<StoreContext> context_;
  std::string name_;
};

std::unique_ptr<EncryptedFile> make_page_file(sqlite3_vfs* base_vfs, std::shared_ptr<StoreContext> context,
                                              std::string name);
std::unique_ptr<EncryptedFile> make_log_file(sqlite3_vfs* base_vfs, std::shared_ptr<StoreContext> context,
                                             std::string name, layout::FileKind kind);

// File-control op codes of our own (outside SQLite's range).
inline constexpr int kFcntlRewrap = 0x43460001;  // arg: KeyProvider*; re-wraps the data key

}  // namespace confidant::store

#include "store/store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "crypto/secure_key.hpp"
#include "store/encrypted_file.hpp"
#include "store/file_layout.hpp"
#include "store/store_context.hpp"
#include "store/vfs.hpp"

namespace confidant::store {
namespace {

constexpr const char* kDbFileName = "confidant.db";
constexpr const char* kRotationSuffix = ".rotate";
constexpr int kReserve = static_cast<int>(layout::kReserveBytes);

Result<std::string> full_pathname(const std::string& base_vfs, const std::string& path) {
  sqlite3_vfs* base = sqlite3_vfs_find(base_vfs.empty() ? nullptr : base_vfs.c_str());
  if (base == nullptr) return Status{ErrorCode::kInvalidArgument, "base_vfs: no SQLite VFS named '" + base_vfs + "'"};
  std::string out(static_cast<std::size_t>(base->mxPathname) + 1, '\0');
  const int rc = base->xFullPathname(base, path.c_str(), base->mxPathname + 1, out.data());
  if (rc != SQLITE_OK && rc != SQLITE_OK_SYMLINK) {
    return Status{ErrorCode::kIo, "cannot resolve the path " + path};
  }
  out.resize(std::strlen(out.c_str()));
  return out;
}

Status errno_status(const std::string& what) { return {ErrorCode::kIo, what + ": " + std::strerror(errno)}; }

Status fsync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return errno_status("open " + path.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::ok() : errno_status("fsync " + path.string());
}

void remove_quietly(const std::filesystem::path& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

void remove_rotation_leftovers(const std::filesystem::path& db) {
  const std::string tmp = db.string() + kRotationSuffix;
  for (const char* suffix : {"", "-wal", "-journal"}) remove_quietly(tmp + suffix);
}

}  // namespace

class Store::Impl {
 public:
  explicit Impl(const StoreOptions& options)
      : provider_(options.key_provider),
        durability_(options.durability),
        base_vfs_(options.base_vfs),
        create_if_missing_(options.create_if_missing) {}

  ~Impl() { close_connection(); }

  // The store's own error when the VFS recorded one (wrong key, tampering),
  // otherwise SQLite's, classified.
  Status map_error(int rc, sqlite3* db) const {
    if (context_) {
      if (Status st = context_->error(); !st.is_ok()) return st;
    }
    const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB: return {ErrorCode::kTampered, "database corrupt: " + detail};
      case SQLITE_BUSY:
      case SQLITE_LOCKED: return {ErrorCode::kBusy, "store busy: " + detail};
      case SQLITE_IOERR:
      case SQLITE_FULL:
      case SQLITE_CANTOPEN:
      case SQLITE_READONLY:
      case SQLITE_PERM: return {ErrorCode::kIo, "storage error: " + detail};
      case SQLITE_ERROR:
      case SQLITE_CONSTRAINT:
      case SQLITE_MISMATCH:
      case SQLITE_RANGE:
      case SQLITE_TOOBIG: return {ErrorCode::kInvalidArgument, detail};
      default: return {ErrorCode::kInternal, "SQLite: " + detail};
    }
  }

  std::function<Status(int, sqlite3*)> error_mapper() const {
    return [this](int rc, sqlite3* db) { return map_error(rc, db); };
  }

  Status open_connection(const std::string& db_path) {
    auto vfs = encrypting_vfs(base_vfs_);
    if (!vfs) return vfs.status();
    auto full = full_pathname(base_vfs_, db_path);
    if (!full) return full.status();
    db_full_path_ = full.value();
    auto context = std::make_shared<StoreContext>(provider_, create_if_missing_);
    auto registration = ContextRegistration::create(db_full_path_, context);
    if (!registration) return registration.status();
    context_ = std::move(context);
    registration_ = std::move(registration.value());
    const int flags = SQLITE_OPEN_READWRITE | (create_if_missing_ ? SQLITE_OPEN_CREATE : 0) |
                      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    const int rc = sqlite3_open_v2(db_full_path_.c_str(), &db_, flags, vfs->c_str());
    if (rc != SQLITE_OK) {
      Status st = map_error(rc, db_);
      close_connection();
      return st;
    }
    if (Status st = configure(); !st) {
      close_connection();
      return st;
    }
    return Status::ok();
  }

  Status exec(std::string_view sql) {
    if (db_ == nullptr) return {ErrorCode::kClosed, "the store is closed"};
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::ok() : map_error(rc, db_);
  }

  Result<Statement> prepare(std::string_view sql) {
    if (db_ == nullptr) return Status{ErrorCode::kClosed, "the store is closed"};
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) return map_error(rc, db_);
    return Statement(stmt, db_, error_mapper());
  }

  Result<std::int64_t> query_int(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt) return stmt.status();
    auto row = stmt->step();
    if (!row) return row.status();
    if (!row.value()) return Status{ErrorCode::kInternal, std::string(sql) + " returned no row"};
    return stmt->column_int64(0);
  }

  Status migrate(const std::vector<Migration>& migrations) {
    for (std::size_t i = 0; i < migrations.size(); ++i) {
      if (migrations[i].version != static_cast<int>(i) + 1) {
        return {ErrorCode::kInvalidArgument, "migrations[" + std::to_string(i) + "].version: expected " +
                                                 std::to_string(i + 1) + ", got " +
                                                 std::to_string(migrations[i].version)};
      }
    }
    auto current = query_int("PRAGMA user_version");
    if (!current) return current.status();
    if (current.value() > static_cast<std::int64_t>(migrations.size())) {
      return {ErrorCode::kUnsupported, "the store's schema version " + std::to_string(current.value()) +
                                           " is newer than this build knows (" + std::to_string(migrations.size()) + ")"};
    }
    for (auto i = static_cast<std::size_t>(current.value()); i < migrations.size(); ++i) {
      const std::string version = std::to_string(migrations[i].version);
      Status st = exec("BEGIN IMMEDIATE");
      if (st) st = exec(migrations[i].sql);
      if (st) st = exec("PRAGMA user_version = " + version);
      if (st) st = exec("COMMIT");
      if (!st) {
        (void)exec("ROLLBACK");
        return {st.code(), "migration to schema version " + version + " failed: " + st.message()};
      }
    }
    return Status::ok();
  }

  Status checkpoint() {
    auto stmt = prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!stmt) return stmt.status();
    auto row = stmt->step();
    if (!row) return row.status();
    if (row.value() && stmt->column_int64(0) != 0) return {ErrorCode::kBusy, "checkpoint could not complete"};
    return Status::ok();
  }

  Status rewrap(KeyProvider& provider) {
    if (db_ == nullptr) return {ErrorCode::kClosed, "the store is closed"};
    KeyProvider* target = &provider;
    const int rc = sqlite3_file_control(db_, "main", kFcntlRewrap, target);
    if (rc != SQLITE_OK) return map_error(rc, nullptr);
    provider_ = &provider;
    return Status::ok();
  }

  Status rotate(const std::filesystem::path& dir, const std::function<void(RotationStep)>& hook) {
    if (db_ == nullptr) return {ErrorCode::kClosed, "the store is closed"};
    if (!base_vfs_.empty()) {
      return {ErrorCode::kUnsupported, "rotate_data_key needs the platform filesystem (it renames files)"};
    }
    const auto report = [&](RotationStep step) {
      if (hook) hook(step);
    };
    const std::filesystem::path db = Store::db_path(dir);
    const std::filesystem::path copy = db.string() + kRotationSuffix;
    // The log must be empty: after the rename, no unit under the old key may remain.
    if (Status st = checkpoint(); !st) return st;
    report(RotationStep::kCheckpointed);
    remove_rotation_leftovers(db);
    {
      auto copy_full = full_pathname(base_vfs_, copy.string());
      if (!copy_full) return copy_full.status();
      auto copy_context = std::make_shared<StoreContext>(provider_, true);  // a fresh id and data key
      auto registration = ContextRegistration::create(copy_full.value(), copy_context);
      if (!registration) return registration.status();
      auto stmt = prepare("VACUUM INTO ?");
      if (!stmt) return stmt.status();
      stmt->bind(1, std::string_view(copy_full.value()));
      if (Status st = stmt->run(); !st) {
        Status cause = copy_context->error();
        remove_rotation_leftovers(db);
        return cause.is_ok() ? st : cause;
      }
    }
    report(RotationStep::kCopied);
    if (Status st = fsync_path(copy, O_RDONLY); !st) return st;
    report(RotationStep::kCopySynced);
    close_connection();
    report(RotationStep::kOldClosed);
    if (::rename(copy.c_str(), db.c_str()) != 0) return errno_status("rename " + copy.string());
    if (Status st = fsync_path(dir, O_RDONLY | O_DIRECTORY); !st) return st;
    report(RotationStep::kRenamed);
    if (Status st = open_connection(db.string()); !st) return st;
    report(RotationStep::kDone);
    return Status::ok();
  }

  void close_connection() {
    if (db_ != nullptr) {
      sqlite3_close_v2(db_);
      db_ = nullptr;
    }
    registration_.reset();
    context_.reset();
  }

  bool is_open() const { return db_ != nullptr; }
  Status recorded_error() const { return context_ ? context_->error() : Status::ok(); }

 private:
  Status configure() {
    // EXCLUSIVE before the first read: the VFS offers no shared memory, so WAL
    // works only with the index in heap memory (and no -shm file).
    Status st = exec("PRAGMA locking_mode=EXCLUSIVE; PRAGMA page_size=4096;");
    if (!st) return st;
    int reserve = kReserve;
    if (int rc = sqlite3_file_control(db_, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve); rc != SQLITE_OK) {
      return map_error(rc, db_);
    }
    auto mode = prepare("PRAGMA journal_mode=WAL");
    if (!mode) return mode.status();
    auto row = mode->step();
    if (!row) return row.status();
    if (!row.value() || mode->column_text(0) != "wal") {
      return {ErrorCode::kInternal, "the store could not enter WAL mode"};
    }
    const char* sync = durability_ == Durability::kFull ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
    st = exec(std::string(sync) + "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=0; PRAGMA trusted_schema=OFF;");
    if (!st) return st;
    int actual = -1;
    sqlite3_file_control(db_, "main", SQLITE_FCNTL_RESERVE_BYTES, &actual);
    if (actual < kReserve) {
      return {ErrorCode::kUnsupported, "the database reserves " + std::to_string(actual) + " bytes per page, not 40"};
    }
    return Status::ok();
  }

  KeyProvider* provider_;
  Durability durability_;
  std::string base_vfs_;
  bool create_if_missing_;
  std::string db_full_path_;
  std::shared_ptr<StoreContext> context_;
  std::unique_ptr<ContextRegistration> registration_;
  sqlite3* db_ = nullptr;
};

// ---- Store -------------------------------------------------------------------

Store::Store(std::unique_ptr<Impl> impl, std::filesystem::path dir) : impl_(std::move(impl)), dir_(std::move(dir)) {}
Store::~Store() = default;

std::filesystem::path Store::db_path(const std::filesystem::path& dir) { return dir / kDbFileName; }

Result<std::unique_ptr<Store>> Store::open(const StoreOptions& options) {
  if (options.dir.empty()) return Status{ErrorCode::kInvalidArgument, "dir: required"};
  if (options.key_provider == nullptr) return Status{ErrorCode::kInvalidArgument, "key_provider: required"};
  if (!crypto::ensure_sodium()) return Status{ErrorCode::kInternal, "libsodium could not initialise"};
  const auto db = db_path(options.dir);
  if (options.base_vfs.empty()) {
    std::error_code ec;
    if (options.create_if_missing) std::filesystem::create_directories(options.dir, ec);
    if (ec) return Status{ErrorCode::kIo, "dir: cannot create " + options.dir.string() + ": " + ec.message()};
    // A rotation cut short leaves its unfinished copy; the store itself is intact.
    remove_rotation_leftovers(db);
  }
  auto impl = std::make_unique<Impl>(options);
  if (Status st = impl->open_connection(db.string()); !st) return st;
  if (Status st = impl->migrate(options.migrations); !st) return st;
  return std::unique_ptr<Store>(new Store(std::move(impl), options.dir));
}

Status Store::exec(std::string_view sql) { return impl_->exec(sql); }
Result<Statement> Store::prepare(std::string_view sql) { return impl_->prepare(sql); }

Result<int> Store::schema_version() {
  auto v = impl_->query_int("PRAGMA user_version");
  if (!v) return v.status();
  return static_cast<int>(v.value());
}

Result<std::string> Store::integrity_check() {
  auto stmt = impl_->prepare("PRAGMA integrity_check");
  if (!stmt) return stmt.status();
  std::string report;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status();
    if (!row.value()) break;
    if (!report.empty()) report += '\n';
    report += stmt->column_text(0);
  }
  // integrity_check folds read errors into its report; the VFS knows the cause.
  if (Status cause = impl_->recorded_error(); !cause) return cause;
  return report;
}

Status Store::checkpoint() { return impl_->checkpoint(); }
Status Store::rewrap(KeyProvider& new_provider) { return impl_->rewrap(new_provider); }
Status Store::rotate_data_key(const std::function<void(RotationStep)>& hook) { return impl_->rotate(dir_, hook); }

Status Store::close() {
  if (!impl_->is_open()) return {ErrorCode::kClosed, "the store is closed"};
  impl_->close_connection();
  return Status::ok();
}

Status Store::erase() {
  impl_->close_connection();
  return erase_files(dir_);
}

Status Store::erase_files(const std::filesystem::path& dir) {
  const auto db = db_path(dir);
  // Shred the wrapped keys first: once they are gone, the pages are noise even
  // if removing a file fails below or a backup of the files survives.
  const int fd = ::open(db.c_str(), O_RDWR | O_CLOEXEC);
  if (fd >= 0) {
    std::vector<std::uint8_t> noise(layout::kHeaderBytes);
    randombytes_buf(noise.data(), noise.size());
    const bool ok = ::pwrite(fd, noise.data(), noise.size(), 0) == static_cast<ssize_t>(noise.size()) &&
                    ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return errno_status("erase: cannot shred the key slots of " + db.string());
  } else if (errno != ENOENT) {
    return errno_status("erase: open " + db.string());
  }
  for (const char* suffix : {"", "-wal", "-journal"}) remove_quietly(db.string() + suffix);
  remove_rotation_leftovers(db);
  std::error_code ec;
  if (std::filesystem::exists(db, ec)) return {ErrorCode::kIo, "erase: could not remove " + db.string()};
  if (std::filesystem::exists(dir, ec)) (void)fsync_path(dir, O_RDONLY | O_DIRECTORY);
  return Status::ok();
}

}  // namespace confidant::store

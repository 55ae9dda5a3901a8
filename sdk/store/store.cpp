#include "store/store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <system_error>

#include "crypto/bytes.hpp"
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
  sqlite3_vfs* base = find_base_vfs(base_vfs);
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

// Deletes `path` and the logs SQLite derives from it, through the VFS that
// holds them (so stores on a test's in-memory VFS are handled alike).
void delete_with_logs(sqlite3_vfs* base, const std::string& path) {
  // Unconditionally: xAccess reports an empty file as absent.
  for (const char* suffix : {"-wal", "-journal", ""}) base->xDelete(base, (path + suffix).c_str(), /*syncDir=*/1);
}

// Overwrites a store file's header — and with it both wrapped keys — with
// random bytes and syncs. What the header protected is noise from then on.
Status shred_header(sqlite3_vfs* base, const std::string& path) {
  int exists = 0;
  if (base->xAccess(base, path.c_str(), SQLITE_ACCESS_EXISTS, &exists) != SQLITE_OK || !exists) return Status::ok();
  BaseFile file(base);
  int flags = 0;
  if (file.open(path.c_str(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_MAIN_DB, &flags) != SQLITE_OK) {
    return {ErrorCode::kIo, "erase: cannot open " + path};
  }
  std::vector<std::uint8_t> noise(layout::kHeaderBytes);
  crypto::random_bytes(noise);
  if (file.write(noise.data(), static_cast<int>(noise.size()), 0) != SQLITE_OK || file.sync(SQLITE_SYNC_FULL) != SQLITE_OK) {
    return {ErrorCode::kIo, "erase: cannot shred the key slots of " + path};
  }
  return Status::ok();
}

std::string rotation_copy(const std::string& db) { return db + kRotationSuffix; }

Status check_migrations(const std::vector<Migration>& migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return {ErrorCode::kInvalidArgument, "migrations[" + std::to_string(i) + "].version: expected " +
                                               std::to_string(i + 1) + ", got " + std::to_string(migrations[i].version)};
    }
  }
  return Status::ok();
}

// The store's own error when the VFS recorded one (wrong key, tampering),
// otherwise SQLite's, classified. Corruption SQLite finds (e.g. pages a cut
// database lacks, which read as zeros) poisons the store like a page that
// fails authentication: its files are not written again, so a checkpoint on
// close cannot build on the damage or drop the log.
Status map_sqlite_error(int rc, sqlite3* db, StoreContext* context) {
  if (context != nullptr) {
    if (Status st = context->error(); !st.is_ok()) return st;
  }
  const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: {
      Status st{ErrorCode::kTampered, "database corrupt: " + detail};
      if (context != nullptr) context->fail(st, /*poison=*/true);
      return st;
    }
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
    case SQLITE_MISUSE: return {ErrorCode::kClosed, "the statement's store connection was closed or replaced"};
    default: return {ErrorCode::kInternal, "SQLite: " + detail};
  }
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

  std::function<Status(int, sqlite3*)> error_mapper() const {
    return [context = context_](int rc, sqlite3* db) { return map_sqlite_error(rc, db, context.get()); };
  }
  Status map_error(int rc, sqlite3* db) const { return map_sqlite_error(rc, db, context_.get()); }

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
    // NOFOLLOW: the path is resolved already; a link appearing in it since is refused.
    const int flags = SQLITE_OPEN_READWRITE | (create_if_missing_ ? SQLITE_OPEN_CREATE : 0) |
                      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOFOLLOW;
    const int rc = sqlite3_open_v2(db_full_path_.c_str(), &db_, flags, vfs->c_str());
    if (rc != SQLITE_OK) return refuse(map_error(rc, db_));
    if (Status st = configure(); !st) return refuse(st);
    return Status::ok();
  }

  // Ends an open that failed. The store is poisoned first, so closing the
  // connection writes, truncates and deletes nothing: without it SQLite would
  // checkpoint the log into a database it just found damaged, then delete it.
  Status refuse(Status st) {
    if (context_) context_->fail(st, /*poison=*/true);
    close_connection();
    return st;
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

  Status transaction(const std::function<Status()>& body) {
    if (db_ == nullptr) return {ErrorCode::kClosed, "the store is closed"};
    if (in_transaction()) return {ErrorCode::kInternal, "transaction: one is already open (transactions do not nest)"};
    if (Status st = exec("BEGIN IMMEDIATE"); !st) return st;
    Status outcome;
    try {
      outcome = body();
    } catch (const std::exception& e) {
      outcome = Status{ErrorCode::kInternal, std::string("unexpected exception: ") + e.what()};
    } catch (...) {
      outcome = Status{ErrorCode::kInternal, "unexpected non-standard exception"};
    }
    if (outcome) outcome = exec("COMMIT");
    // When COMMIT itself failed SQLite may have rolled back already; a
    // ROLLBACK with no transaction open is then harmless.
    if (!outcome && in_transaction()) (void)exec("ROLLBACK");
    return outcome;
  }

  bool in_transaction() const { return db_ != nullptr && sqlite3_get_autocommit(db_) == 0; }

  Status migrate(const std::vector<Migration>& migrations) {
    auto current = query_int("PRAGMA user_version");
    if (!current) return current.status();
    if (current.value() > static_cast<std::int64_t>(migrations.size())) {
      return {ErrorCode::kUnsupported, "the store's schema version " + std::to_string(current.value()) +
                                           " is newer than this build knows (" + std::to_string(migrations.size()) + ")"};
    }
    for (auto i = static_cast<std::size_t>(current.value()); i < migrations.size(); ++i) {
      const std::string version = std::to_string(migrations[i].version);
      const Status st = transaction([&]() -> Status {
        if (Status run = exec(migrations[i].sql); !run) return run;
        return exec("PRAGMA user_version = " + version);
      });
      if (!st) return {st.code(), "migration to schema version " + version + " failed: " + st.message()};
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
    if (Status st = no_live_statements("rotate_data_key"); !st) return st;
    if (!base_vfs_.empty()) {
      return {ErrorCode::kUnsupported, "rotate_data_key needs the platform filesystem (it renames files)"};
    }
    const auto report = [&](RotationStep step) {
      if (hook) hook(step);
    };
    const std::filesystem::path db = Store::db_path(dir);
    const std::filesystem::path copy = rotation_copy(db.string());
    auto copy_full = full_pathname(base_vfs_, copy.string());
    if (!copy_full) return copy_full.status();
    sqlite3_vfs* base = find_base_vfs(base_vfs_);
    // The copy holds every page under a key the provider can unwrap: an
    // abandoned one is shredded, not just unlinked.
    const auto discard_copy = [&] {
      (void)shred_header(base, copy_full.value());
      delete_with_logs(base, copy_full.value());
    };
    // The log must be empty: after the rename, no unit under the old key may remain.
    if (Status st = checkpoint(); !st) return st;
    report(RotationStep::kCheckpointed);
    discard_copy();
    {
      auto copy_context = std::make_shared<StoreContext>(provider_, true);  // a fresh id and data key
      auto registration = ContextRegistration::create(copy_full.value(), copy_context);
      if (!registration) return registration.status();
      auto stmt = prepare("VACUUM INTO ?");
      if (!stmt) return stmt.status();
      stmt->bind(1, std::string_view(copy_full.value()));
      if (Status st = stmt->run(); !st) {
        Status cause = copy_context->error();
        discard_copy();
        return cause.is_ok() ? st : cause;
      }
    }
    report(RotationStep::kCopied);
    if (Status st = fsync_path(copy, O_RDONLY); !st) {
      discard_copy();
      return st;
    }
    report(RotationStep::kCopySynced);
    close_connection();
    report(RotationStep::kOldClosed);
    if (::rename(copy.c_str(), db.c_str()) != 0) {
      Status st = errno_status("rename " + copy.string());
      discard_copy();
      (void)open_connection(db.string());  // carry on under the old key
      return st;
    }
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

  // Closing or replacing the connection under a live Statement would leave
  // SQLite holding the file (and the exclusive lock) until it is destroyed.
  Status no_live_statements(const char* what) const {
    if (db_ != nullptr && sqlite3_next_stmt(db_, nullptr) != nullptr) {
      return {ErrorCode::kBusy, std::string(what) + ": destroy the store's Statements first"};
    }
    return Status::ok();
  }
  const std::string& base_vfs() const { return base_vfs_; }
  KeyProvider* provider() const { return provider_; }
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
  if (Status st = check_migrations(options.migrations); !st) return st;
  sqlite3_vfs* base = find_base_vfs(options.base_vfs);
  if (base == nullptr) return Status{ErrorCode::kInvalidArgument, "base_vfs: no SQLite VFS named '" + options.base_vfs + "'"};
  const auto db = db_path(options.dir);
  if (options.base_vfs.empty()) {
    std::error_code ec;
    if (options.create_if_missing) std::filesystem::create_directories(options.dir, ec);
    if (ec) return Status{ErrorCode::kIo, "dir: cannot create " + options.dir.string() + ": " + ec.message()};
    // The files are encrypted, but their sizes and times are nobody else's
    // business either: the store's directory is the owner's alone (SQLite
    // creates files 0644, which the directory's mode then fences off).
    std::filesystem::permissions(options.dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
  }
  // Before SQLite runs: it would block opening a FIFO, follow a link, and
  // delete a log beside an empty database (the VFS refuses these too, for a
  // file swapped in later).
  for (const char* suffix : {"", "-wal", "-journal"}) {
    if (Status st = check_regular_file(db.string() + suffix); !st) return st;
  }
  // A rotation cut short leaves its unfinished copy; the store itself is intact.
  if (auto copy = full_pathname(options.base_vfs, rotation_copy(db.string())); copy) {
    (void)shred_header(base, copy.value());
    delete_with_logs(base, copy.value());
  }
  auto impl = std::make_unique<Impl>(options);
  if (Status st = impl->open_connection(db.string()); !st) return st;
  if (Status st = impl->migrate(options.migrations); !st) return impl->refuse(st);
  return std::unique_ptr<Store>(new Store(std::move(impl), options.dir));
}

Status Store::exec(std::string_view sql) { return impl_->exec(sql); }
Status Store::transaction(const std::function<Status()>& body) { return impl_->transaction(body); }
bool Store::in_transaction() const { return impl_->in_transaction(); }
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
  if (Status st = impl_->no_live_statements("close"); !st) return st;
  impl_->close_connection();
  return Status::ok();
}

Status Store::erase() {
  // A live Statement would keep SQLite holding the files while they are shredded.
  if (Status st = impl_->no_live_statements("erase"); !st) return st;
  impl_->close_connection();
  if (Status st = erase_files(dir_, impl_->base_vfs()); !st) return st;
  // Copies of the files taken earlier still hold a wrapped key: only the
  // provider can make those unreadable, by destroying the wrapping key.
  return impl_->provider()->destroy();
}

Status Store::erase_files(const std::filesystem::path& dir, const std::string& base_vfs) {
  sqlite3_vfs* base = find_base_vfs(base_vfs);
  if (base == nullptr) return {ErrorCode::kInvalidArgument, "base_vfs: no SQLite VFS named '" + base_vfs + "'"};
  auto db = full_pathname(base_vfs, db_path(dir).string());
  if (!db) return db.status();
  // Shred the wrapped keys first: once they are gone, the pages are noise even
  // if removing a file fails below. A rotation's copy holds a key slot too.
  for (const std::string& path : {db.value(), rotation_copy(db.value())}) {
    if (Status st = shred_header(base, path); !st) return st;
    delete_with_logs(base, path);
  }
  int exists = 0;
  if (base->xAccess(base, db->c_str(), SQLITE_ACCESS_EXISTS, &exists) == SQLITE_OK && exists) {
    return {ErrorCode::kIo, "erase: could not remove " + db.value()};
  }
  return Status::ok();
}

}  // namespace confidant::store

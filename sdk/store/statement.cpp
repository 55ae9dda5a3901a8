#include <sqlite3.h>

#include <utility>

#include "store/store.hpp"

namespace confidant::store {

Statement::Statement(sqlite3_stmt* stmt, sqlite3* db, std::function<Status(int, sqlite3*)> map_error)
    : stmt_(stmt), db_(db), map_error_(std::move(map_error)) {}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      db_(other.db_),
      bind_error_(std::move(other.bind_error_)),
      map_error_(std::move(other.map_error_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = other.db_;
    bind_error_ = std::move(other.bind_error_);
    map_error_ = std::move(other.map_error_);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

namespace {
// Keeps the first binding error so a chain of binds reports it at step().
void note(Status& first, int rc, int index, const std::function<Status(int, sqlite3*)>& map, sqlite3* db) {
  if (rc != SQLITE_OK && first.is_ok()) {
    first = {map(rc, db).code(), "parameter " + std::to_string(index) + ": " + sqlite3_errstr(rc)};
  }
}
}  // namespace

Statement& Statement::bind(int index, std::int64_t value) {
  note(bind_error_, sqlite3_bind_int64(stmt_, index, value), index, map_error_, db_);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  note(bind_error_, sqlite3_bind_double(stmt_, index, value), index, map_error_, db_);
  return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
  // An empty view may have no data pointer, which SQLite would bind as NULL:
  // an empty string stays a string.
  note(bind_error_,
       sqlite3_bind_text64(stmt_, index, text.data() != nullptr ? text.data() : "", text.size(), SQLITE_TRANSIENT,
                           SQLITE_UTF8),
       index, map_error_, db_);
  return *this;
}
Statement& Statement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
  // A zero-length blob still binds as a blob, not NULL.
  static const std::uint8_t kEmpty = 0;
  note(bind_error_,
       sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &kEmpty : bytes.data(), bytes.size(), SQLITE_TRANSIENT),
       index, map_error_, db_);
  return *this;
}
Statement& Statement::bind_null(int index) {
  note(bind_error_, sqlite3_bind_null(stmt_, index), index, map_error_, db_);
  return *this;
}

Result<bool> Statement::step() {
  if (!bind_error_.is_ok()) return bind_error_;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return map_error_(rc, db_);
}

Status Statement::run() {
  auto more = step();
  if (!more) return more.status();
  if (more.value()) return {ErrorCode::kInternal, "statement returned rows where none were expected"};
  return Status::ok();
}

Status Statement::reset() {
  bind_error_ = Status::ok();
  sqlite3_clear_bindings(stmt_);
  const int rc = sqlite3_reset(stmt_);
  return rc == SQLITE_OK ? Status::ok() : map_error_(rc, db_);
}

std::int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::column_double(int column) const { return sqlite3_column_double(stmt_, column); }
std::string_view Statement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text == nullptr ? std::string_view{} : std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}
std::span<const std::uint8_t> Statement::column_blob(int column) const {
  const auto* bytes = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  return bytes == nullptr ? std::span<const std::uint8_t>{}
                          : std::span(bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}
bool Statement::column_is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

}  // namespace confidant::store

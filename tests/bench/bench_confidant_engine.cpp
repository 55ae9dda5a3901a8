#include "bench_confidant_engine.hpp"

#include <optional>
#include <stdexcept>
#include <string>

#include "confidant/key_provider.hpp"
#include "store/store.hpp"

namespace confidant::bench {
namespace {

using store::Statement;
using store::Store;

class ConfidantEngine final : public Engine {
 public:
  explicit ConfidantEngine(Sync sync)
      : durability_(sync == Sync::kFull ? store::Durability::kFull : store::Durability::kNormal),
        // One provider for every open of the round: it holds the wrapping key in memory.
        key_provider_(make_in_memory_key_provider()) {}
  ~ConfidantEngine() override { release(); }

  void open(const std::filesystem::path& dir) override {
    store::StoreOptions options;
    options.dir = dir;
    options.key_provider = key_provider_.get();
    options.durability = durability_;
    auto opened = Store::open(options);
    if (!opened) throw std::runtime_error("Store::open " + dir.string() + ": " + opened.status().to_string());
    store_ = std::move(opened).value();
  }

  void close() override {
    finalize_statements();
    if (store_ != nullptr) {
      const Status status = store_->close();
      store_.reset();
      if (!status) throw std::runtime_error("Store::close: " + status.to_string());
    }
  }

  void exec(const char* sql) override { check(store().exec(sql), sql); }

  // Each call binds, steps and resets, exactly as the raw SQLite engine does,
  // so no statement holds a read transaction open between calls.
  void insert(std::int64_t id, std::span<const std::uint8_t> payload) override {
    Statement& stmt = prepared(insert_, kInsertSql);
    stmt.bind(1, id).bind_blob(2, payload);
    const Status status = stmt.run();
    check(stmt.reset(), kInsertSql);
    check(status, kInsertSql);
  }

  std::int64_t lookup(std::int64_t id) override {
    Statement& stmt = prepared(lookup_, kLookupSql);
    stmt.bind(1, id);
    const std::int64_t length = step(stmt, kLookupSql) ? static_cast<std::int64_t>(stmt.column_blob(0).size()) : -1;
    check(stmt.reset(), kLookupSql);
    return length;
  }

  std::int64_t scan() override {
    Statement& stmt = prepared(scan_, kScanSql);
    if (!step(stmt, kScanSql)) throw std::runtime_error(std::string(kScanSql) + ": no row");
    const std::int64_t sum = stmt.column_int64(0);
    check(stmt.reset(), kScanSql);
    return sum;
  }

  std::string query_text(const char* sql) override {
    auto stmt = store().prepare(sql);
    if (!stmt) throw std::runtime_error(std::string(sql) + ": " + stmt.status().to_string());
    if (!step(stmt.value(), sql)) return "";
    return std::string(stmt->column_text(0));
  }

 private:
  Store& store() {
    if (store_ == nullptr) throw std::runtime_error("the Confidant store is not open");
    return *store_;
  }

  Statement& prepared(std::optional<Statement>& slot, const char* sql) {
    if (!slot) {
      auto stmt = store().prepare(sql);
      if (!stmt) throw std::runtime_error(std::string(sql) + ": " + stmt.status().to_string());
      slot.emplace(std::move(stmt).value());
    }
    return *slot;
  }

  static bool step(Statement& stmt, const char* sql) {
    auto row = stmt.step();
    if (!row) throw std::runtime_error(std::string(sql) + ": " + row.status().to_string());
    return row.value();
  }

  static void check(const Status& status, const char* what) {
    if (!status) throw std::runtime_error(std::string(what) + ": " + status.to_string());
  }

  void finalize_statements() {
    insert_.reset();
    lookup_.reset();
    scan_.reset();
  }

  // For the destructor: never throws.
  void release() {
    finalize_statements();
    if (store_ != nullptr) (void)store_->close();
    store_.reset();
  }

  store::Durability durability_;
  std::unique_ptr<KeyProvider> key_provider_;
  std::unique_ptr<Store> store_;
  std::optional<Statement> insert_;
  std::optional<Statement> lookup_;
  std::optional<Statement> scan_;
};

}  // namespace

std::unique_ptr<Engine> make_confidant_engine(Sync sync) { return std::make_unique<ConfidantEngine>(sync); }

}  // namespace confidant::bench

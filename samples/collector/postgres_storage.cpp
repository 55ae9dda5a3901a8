#include "postgres_storage.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>

namespace collector {
namespace {

using confidant::ErrorCode;
using confidant::Result;
using confidant::Status;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

std::uint64_t as_u64(const PGresult* r, int row, int column) {
  return std::strtoull(PQgetvalue(r, row, column), nullptr, 10);
}

class PostgresStorage final : public Storage {
 public:
  explicit PostgresStorage(PGconn* conn) : conn_(conn) {}
  ~PostgresStorage() override { PQfinish(conn_); }

  Status prepare() {
    for (const char* sql : kSchemaStatements)
      if (Status st = command(sql); !st) return st;
    return prepare_statements();
  }

  Status begin() override { return begin_with("BEGIN"); }
  Status begin_snapshot() override { return begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  Status commit() override { return command("COMMIT"); }
  void rollback() override { (void)command("ROLLBACK"); }

  Result<std::vector<GroupCounts>> read_groups() override {
    PgResult groups(PQexec(conn_, "SELECT metric_id, epoch, reports FROM metric_groups ORDER BY metric_id, epoch"));
    if (PQresultStatus(groups.get()) != PGRES_TUPLES_OK) return error("read groups");
    std::vector<GroupCounts> out;
    std::map<std::pair<std::string, std::uint64_t>, std::size_t> index;
    for (int row = 0; row < PQntuples(groups.get()); ++row) {
      out.push_back({PQgetvalue(groups.get(), row, 0), as_u64(groups.get(), row, 1), as_u64(groups.get(), row, 2), {}});
      index[{out.back().metric_id, out.back().epoch}] = out.size() - 1;
    }
    PgResult bits(PQexec(conn_, "SELECT metric_id, epoch, bucket, ones FROM metric_bits"));
    if (PQresultStatus(bits.get()) != PGRES_TUPLES_OK) return error("read bits");
    for (int row = 0; row < PQntuples(bits.get()); ++row) {
      const auto found = index.find({PQgetvalue(bits.get(), row, 0), as_u64(bits.get(), row, 1)});
      if (found == index.end()) continue;
      GroupCounts& g = out[found->second];
      const auto bucket = static_cast<std::size_t>(as_u64(bits.get(), row, 2));
      if (g.ones.size() <= bucket) g.ones.resize(bucket + 1, 0);
      g.ones[bucket] = as_u64(bits.get(), row, 3);
    }
    return out;
  }

 private:
  Status error(const std::string& what) const {
    return {ErrorCode::kIo, "postgresql: " + what + ": " + PQerrorMessage(conn_)};
  }
  Status command(const char* sql) {
    PgResult r(PQexec(conn_, sql));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return error(sql);
    return {};
  }
  Status prepare_statements() {
    const struct {
      const char* name;
      const char* sql;
      int params;
    } statements[] = {
        {"insert_id",
         "INSERT INTO report_ids(report_id, metric_id, epoch, received_ms) VALUES ($1, $2, $3, $4) "
         "ON CONFLICT (report_id) DO NOTHING",
         4},
        {"add_reports",
         "INSERT INTO metric_groups(metric_id, epoch, reports) VALUES ($1, $2, $3) "
         "ON CONFLICT (metric_id, epoch) DO UPDATE SET reports = metric_groups.reports + excluded.reports",
         3},
        {"add_ones",
         "INSERT INTO metric_bits(metric_id, epoch, bucket, ones) VALUES ($1, $2, $3, $4) "
         "ON CONFLICT (metric_id, epoch, bucket) DO UPDATE SET ones = metric_bits.ones + excluded.ones",
         4},
        {"forget_ids", "DELETE FROM report_ids WHERE epoch < $1", 1},
    };
    for (const auto& s : statements) {
      PgResult r(PQprepare(conn_, s.name, s.sql, s.params, nullptr));
      if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return error("prepare " + std::string(s.name));
    }
    return {};
  }
  // A restarted or failed-over database drops the connection, and libpq
  // learns it only when a statement fails. Nothing has happened in the
  // transaction yet when BEGIN fails, so reconnecting (prepared statements
  // die with the session) and beginning again is safe; the collector then
  // never answers 500 for longer than the database is away.
  Status begin_with(const char* sql) {
    if (PQstatus(conn_) == CONNECTION_OK)
      if (Status st = command(sql); st || PQstatus(conn_) == CONNECTION_OK) return st;
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) return error("connection lost, reconnecting failed");
    if (Status st = prepare_statements(); !st) return st;
    return command(sql);
  }
  // Runs a prepared statement: the number of rows it inserted or updated.
  Result<int> run(const char* name, std::initializer_list<std::string> params) {
    const char* values[4] = {};
    int i = 0;
    for (const std::string& p : params) values[i++] = p.c_str();
    PgResult r(PQexecPrepared(conn_, name, i, values, nullptr, nullptr, 0));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return error(name);
    return std::atoi(PQcmdTuples(r.get()));
  }

  Result<bool> insert_id(const confidant::brand::OpenedReport& r, std::int64_t received_ms) override {
    auto inserted = run("insert_id", {r.report_id, r.metric_id, std::to_string(r.epoch), std::to_string(received_ms)});
    if (!inserted) return inserted.status();
    // The unique key decides, even across collectors sharing the database:
    // a concurrent insert of the same id waits for the other transaction.
    return inserted.value() == 1;
  }
  Status add_reports(const std::string& metric_id, std::uint64_t epoch, std::uint64_t n) override {
    return run("add_reports", {metric_id, std::to_string(epoch), std::to_string(n)}).status();
  }
  Status add_ones(const std::string& metric_id, std::uint64_t epoch, std::uint32_t bucket, std::uint64_t n) override {
    return run("add_ones", {metric_id, std::to_string(epoch), std::to_string(bucket), std::to_string(n)}).status();
  }

  Status delete_ids_before(std::uint64_t epoch) override { return run("forget_ids", {std::to_string(epoch)}).status(); }

  PGconn* conn_;
};

}  // namespace

Result<std::unique_ptr<Storage>> open_postgres_storage(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string why = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    return Status{ErrorCode::kIo, "postgresql: cannot connect: " + why};
  }
  // Collectors starting together race to create the tables; CREATE TABLE IF
  // NOT EXISTS is not safe under that race, so creation is serialized by an
  // advisory lock held for the session's first statements.
  PQclear(PQexec(conn, "SELECT pg_advisory_lock(7253001)"));
  auto storage = std::make_unique<PostgresStorage>(conn);
  const Status prepared = storage->prepare();
  PQclear(PQexec(conn, "SELECT pg_advisory_unlock(7253001)"));
  if (!prepared) return prepared;
  return std::unique_ptr<Storage>(std::move(storage));
}

}  // namespace collector

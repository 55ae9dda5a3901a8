#include "postgres_storage.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <string>

namespace collector {
namespace {

using confidant::ErrorCode;
using confidant::Result;
using confidant::Status;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresStorage final : public Storage {
 public:
  explicit PostgresStorage(PGconn* conn) : conn_(conn) {}
  ~PostgresStorage() override { PQfinish(conn_); }

  Status prepare() {
    for (const char* sql : kSchemaStatements)
      if (Status st = command(sql); !st) return st;
    const struct {
      const char* name;
      const char* sql;
      int params;
    } statements[] = {
        {"insert_id",
         "INSERT INTO report_ids(report_id, metric_id, epoch, received_ms) VALUES ($1, $2, $3, $4) "
         "ON CONFLICT (report_id) DO NOTHING",
         4},
        {"bump_group",
         "INSERT INTO metric_groups(metric_id, epoch, reports) VALUES ($1, $2, 1) "
         "ON CONFLICT (metric_id, epoch) DO UPDATE SET reports = metric_groups.reports + 1",
         2},
        {"bump_bit",
         "INSERT INTO metric_bits(metric_id, epoch, bucket, ones) VALUES ($1, $2, $3, 1) "
         "ON CONFLICT (metric_id, epoch, bucket) DO UPDATE SET ones = metric_bits.ones + 1",
         3},
    };
    for (const auto& s : statements) {
      PgResult r(PQprepare(conn_, s.name, s.sql, s.params, nullptr));
      if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return error("prepare " + std::string(s.name));
    }
    return {};
  }

  Status begin() override { return command("BEGIN"); }
  Status commit() override { return command("COMMIT"); }
  void rollback() override { (void)command("ROLLBACK"); }

  Result<std::vector<GroupCounts>> read_groups() override {
    PgResult groups(PQexec(conn_, "SELECT metric_id, epoch, reports FROM metric_groups ORDER BY metric_id, epoch"));
    if (PQresultStatus(groups.get()) != PGRES_TUPLES_OK) return error("read groups");
    std::vector<GroupCounts> out;
    for (int row = 0; row < PQntuples(groups.get()); ++row)
      out.push_back({PQgetvalue(groups.get(), row, 0), std::strtoull(PQgetvalue(groups.get(), row, 1), nullptr, 10),
                     std::strtoull(PQgetvalue(groups.get(), row, 2), nullptr, 10), {}});
    PgResult bits(PQexec(conn_, "SELECT metric_id, epoch, bucket, ones FROM metric_bits"));
    if (PQresultStatus(bits.get()) != PGRES_TUPLES_OK) return error("read bits");
    for (int row = 0; row < PQntuples(bits.get()); ++row) {
      const std::string metric = PQgetvalue(bits.get(), row, 0);
      const std::uint64_t epoch = std::strtoull(PQgetvalue(bits.get(), row, 1), nullptr, 10);
      const auto bucket = static_cast<std::size_t>(std::strtoull(PQgetvalue(bits.get(), row, 2), nullptr, 10));
      for (GroupCounts& g : out) {
        if (g.metric_id != metric || g.epoch != epoch) continue;
        if (g.ones.size() <= bucket) g.ones.resize(bucket + 1, 0);
        g.ones[bucket] = std::strtoull(PQgetvalue(bits.get(), row, 3), nullptr, 10);
      }
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
  PgResult run(const char* name, std::initializer_list<const std::string*> params) {
    const char* values[4] = {};
    int i = 0;
    for (const std::string* p : params) values[i++] = p->c_str();
    return PgResult(PQexecPrepared(conn_, name, i, values, nullptr, nullptr, 0));
  }
  Result<bool> record_one(const confidant::brand::OpenedReport& r, std::int64_t received_ms) override {
    const std::string epoch = std::to_string(r.epoch);
    const std::string received = std::to_string(received_ms);
    PgResult inserted = run("insert_id", {&r.report_id, &r.metric_id, &epoch, &received});
    if (PQresultStatus(inserted.get()) != PGRES_COMMAND_OK) return error("insert report id");
    // The unique key decides, even across collectors sharing the database.
    if (std::string(PQcmdTuples(inserted.get())) != "1") return false;
    PgResult group = run("bump_group", {&r.metric_id, &epoch});
    if (PQresultStatus(group.get()) != PGRES_COMMAND_OK) return error("count group");
    for (std::uint32_t bucket : r.ones) {
      const std::string b = std::to_string(bucket);
      PgResult bit = run("bump_bit", {&r.metric_id, &epoch, &b});
      if (PQresultStatus(bit.get()) != PGRES_COMMAND_OK) return error("count bit");
    }
    return true;
  }

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
  auto storage = std::make_unique<PostgresStorage>(conn);
  if (Status st = storage->prepare(); !st) return st;
  return std::unique_ptr<Storage>(std::move(storage));
}

}  // namespace collector

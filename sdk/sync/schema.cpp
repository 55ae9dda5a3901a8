#include "sync/schema.hpp"

namespace confidant::sync {

std::vector<store::Migration> migrations() {
  return {
      {1,
       // The last good brand config, exactly as signed (one row).
       "CREATE TABLE sync_config("
       "  id INTEGER PRIMARY KEY CHECK (id = 1),"
       "  version INTEGER NOT NULL,"
       "  signed BLOB NOT NULL,"
       "  installed_ms INTEGER NOT NULL);"
       // Every report made: the outbox (status 'pending', with its sealed
       // bytes) and the sync ledger (all of them, decoded) in one table, so a
       // report cannot be sent without being recorded. `data_categories` is
       // a bit set of the consent categories the true value came from: a
       // withdrawal discards the pending reports it names.
       "CREATE TABLE sync_reports("
       "  report_id BLOB PRIMARY KEY,"
       "  metric_id TEXT NOT NULL,"
       "  epoch INTEGER NOT NULL,"
       "  epsilon REAL NOT NULL,"
       "  data_categories INTEGER NOT NULL,"
       "  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dropped', 'discarded')),"
       "  created_ms INTEGER NOT NULL,"
       "  settled_ms INTEGER,"
       "  attempts INTEGER NOT NULL DEFAULT 0,"
       "  next_attempt_ms INTEGER NOT NULL,"
       "  last_error TEXT,"
       "  sealed BLOB,"
       "  decoded TEXT NOT NULL) WITHOUT ROWID;"
       "CREATE INDEX sync_reports_metric ON sync_reports(metric_id, epoch);"
       // Permanent randomized response: the randomized answer for a true
       // value, re-sent while the value stays the same.
       "CREATE TABLE sync_memo("
       "  metric_id TEXT NOT NULL,"
       "  value INTEGER NOT NULL,"
       "  domain_size INTEGER NOT NULL,"
       "  epsilon REAL NOT NULL,"
       "  data_categories INTEGER NOT NULL,"
       "  bits BLOB NOT NULL,"
       "  PRIMARY KEY (metric_id, value)) WITHOUT ROWID;"},
      {2,
       // Experiments: the arm drawn for each period (kept so that it is
       // drawn once, and so that an epoch's outcome report names the arm
       // the person was in), and the experiments the person left.
       "CREATE TABLE experiment_arms("
       "  experiment TEXT NOT NULL,"
       "  period INTEGER NOT NULL,"
       "  holdout INTEGER NOT NULL CHECK (holdout IN (0, 1)),"
       "  drawn_ms INTEGER NOT NULL,"
       "  PRIMARY KEY (experiment, period)) WITHOUT ROWID;"
       "CREATE TABLE experiment_exits("
       "  experiment TEXT PRIMARY KEY,"
       "  left_ms INTEGER NOT NULL) WITHOUT ROWID;"},
  };
}

}  // namespace confidant::sync

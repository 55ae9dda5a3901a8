#include "profile/schema.hpp"

namespace confidant::profile {

std::vector<store::Migration> migrations() {
  return {
      {1,
       // WITHOUT ROWID: the natural key is the row's identity and every write
       // is an upsert by it, so one B-tree serves both. No CHECK constraints
       // on this, the hot table: they cost some 40% of each upsert (measured),
       // and load() refuses any value it does not know anyway.
       "CREATE TABLE profile_terms("
       "  kind TEXT NOT NULL,"
       "  key TEXT NOT NULL,"
       "  value TEXT NOT NULL,"
       "  type TEXT NOT NULL,"
       "  sensitive INTEGER NOT NULL,"
       "  category TEXT NOT NULL,"
       "  score REAL NOT NULL,"
       "  ref_ms INTEGER NOT NULL,"
       "  count INTEGER NOT NULL,"
       "  first_ms INTEGER NOT NULL,"
       "  last_ms INTEGER NOT NULL,"
       "  PRIMARY KEY (kind, key, value, type, sensitive)) WITHOUT ROWID;"
       // What purge() deletes by: one consent category, or every sensitive row.
       "CREATE INDEX profile_terms_category ON profile_terms(category);"
       "CREATE INDEX profile_terms_sensitive ON profile_terms(sensitive) WHERE sensitive = 1;"
       "CREATE TABLE profile_suppressions("
       "  kind TEXT NOT NULL CHECK (kind IN ('category','item')),"
       "  key TEXT NOT NULL,"
       "  reason TEXT NOT NULL CHECK (reason IN ('purchase','already_have','dismiss')),"
       "  sensitive INTEGER NOT NULL CHECK (sensitive IN (0,1)),"
       "  category TEXT NOT NULL,"
       "  since_ms INTEGER NOT NULL,"
       "  until_ms INTEGER NOT NULL,"
       "  PRIMARY KEY (kind, key, reason, sensitive)) WITHOUT ROWID;"
       "CREATE TABLE profile_preferences("
       "  target TEXT PRIMARY KEY NOT NULL,"
       "  kind TEXT NOT NULL CHECK (kind IN ('like','dislike','block')),"
       "  text TEXT,"
       "  at_ms INTEGER NOT NULL,"
       "  seq INTEGER NOT NULL,"
       "  sensitive INTEGER NOT NULL CHECK (sensitive IN (0,1))) WITHOUT ROWID;"},
  };
}

}  // namespace confidant::profile

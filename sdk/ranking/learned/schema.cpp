#include "ranking/learned/schema.hpp"

namespace confidant::ranking {

std::vector<store::Migration> migrations() {
  return {
      {1,
       // Key-value rather than a column per component: a new component is a
       // new row, not a migration. Names: "bias", "updates",
       // "multiplier.<component>".
       "CREATE TABLE ranking_model("
       "  name TEXT PRIMARY KEY NOT NULL,"
       "  value REAL NOT NULL) WITHOUT ROWID;"
       // `hours`: a JSON array of 24 numbers (UTC hours 0..23), readable in
       // an export; the engagement columns word the explanation.
       "CREATE TABLE ranking_time_of_day("
       "  path TEXT PRIMARY KEY NOT NULL,"
       "  ref_ms INTEGER NOT NULL,"
       "  hours TEXT NOT NULL,"
       "  orders REAL NOT NULL,"
       "  visits REAL NOT NULL,"
       "  views REAL NOT NULL) WITHOUT ROWID;"
       "CREATE TABLE ranking_impressions("
       "  item TEXT PRIMARY KEY NOT NULL,"
       "  day INTEGER NOT NULL,"
       "  count INTEGER NOT NULL CHECK (count >= 0)) WITHOUT ROWID;"},
      {2,
       // Place habits (places.hpp): per place id, the decayed weight of each
       // category path ordered there, as a JSON object readable in an export.
       "CREATE TABLE ranking_places("
       "  place TEXT PRIMARY KEY NOT NULL,"
       "  ref_ms INTEGER NOT NULL,"
       "  orders REAL NOT NULL,"
       "  paths TEXT NOT NULL) WITHOUT ROWID;"},
  };
}

}  // namespace confidant::ranking

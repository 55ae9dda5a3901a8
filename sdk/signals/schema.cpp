#include "signals/schema.hpp"

namespace confidant::signals {

std::vector<store::Migration> migrations() {
  return {
      {1,
       // One row per kept raw signal, until retention folds it away. The
       // columns beside the body are what purges select on: the consent
       // category the signal's type belongs to, and whether the taxonomy
       // marked one of its paths sensitive. One index, on time, so folding
       // (which runs at every open) touches only the expired rows; signals
       // mostly arrive in time order, so it grows at its right edge and
       // costs ingestion little. Purges and exports are rare full scans.
       "CREATE TABLE signals("
       "  id INTEGER PRIMARY KEY,"
       "  type TEXT NOT NULL,"
       "  data_category TEXT NOT NULL,"
       "  sensitive INTEGER NOT NULL CHECK (sensitive IN (0, 1)),"
       "  at_ms INTEGER NOT NULL,"
       "  body TEXT NOT NULL);"
       "CREATE INDEX signals_at ON signals(at_ms);"},
  };
}

}  // namespace confidant::signals

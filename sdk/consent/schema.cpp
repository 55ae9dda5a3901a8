#include "consent/schema.hpp"

namespace confidant::consent {

std::vector<store::Migration> migrations() {
  return {
      {1,
       // One row per decision; see docs/consent.md for the meaning of each
       // column and the hash chain. The triggers make the table append-only
       // for every SQL caller, so no layer's bug can rewrite history; an
       // attacker holding the data key could drop them, which the hash chain
       // then exposes.
       "CREATE TABLE consent_ledger("
       "  seq INTEGER PRIMARY KEY CHECK (seq >= 1),"
       "  category TEXT NOT NULL,"
       "  use TEXT NOT NULL,"
       "  decision TEXT NOT NULL,"
       "  source TEXT NOT NULL,"
       "  at_unix_ms INTEGER NOT NULL,"
       "  policy_version TEXT NOT NULL,"
       "  text_hash TEXT NOT NULL,"
       "  prev_hash TEXT NOT NULL,"
       "  hash TEXT NOT NULL);"
       "CREATE INDEX consent_ledger_pair ON consent_ledger(category, use, seq);"
       "CREATE TRIGGER consent_ledger_no_update BEFORE UPDATE ON consent_ledger"
       "  BEGIN SELECT RAISE(ABORT, 'consent_ledger is append-only'); END;"
       "CREATE TRIGGER consent_ledger_no_delete BEFORE DELETE ON consent_ledger"
       "  BEGIN SELECT RAISE(ABORT, 'consent_ledger is append-only'); END;"},
      {2,
       // A record may be about the brand's experiment rather than a pair:
       // leaving one (docs/consent.md, "Experiments"). '' for every other.
       "ALTER TABLE consent_ledger ADD COLUMN experiment TEXT NOT NULL DEFAULT '';"},
  };
}

}  // namespace confidant::consent

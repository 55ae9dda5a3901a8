// The consent ledger: an append-only, hash-chained record of every consent
// decision (PRIVACY.md, "The consent ledger").
//
// Each record says which (category, use) was granted or withdrawn, by whom,
// when, under which policy version and which consent text (by its hash). Its
// hash covers a canonical serialization of all of that plus the previous
// record's hash, so altering, deleting, inserting or reordering records breaks
// the chain, and verify() names the first record where it breaks. The rows
// live in the encrypted store (table consent_ledger, see schema.hpp).
//
// The ledger never reads the wall clock: times come in with the Provenance,
// from the SDK's injected clock.
//
// Thread-safety: a Ledger uses its Store, so it follows the Store's rule: one
// thread at a time (the SDK's worker).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/hex.hpp"
#include "confidant/status.hpp"
#include "consent/types.hpp"
#include "store/store.hpp"

namespace confidant::consent {

// Domain tag that opens every record's canonical serialization; a new record
// format gets a new tag.
inline constexpr std::string_view kRecordFormat = "confidant.consent.v1";
// prev_hash of record 1.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// Limits on caller-supplied fields.
inline constexpr std::size_t kMaxPolicyVersionBytes = 256;
inline constexpr std::size_t kMinTextHashHexChars = 32;   // 128 bits
inline constexpr std::size_t kMaxTextHashHexChars = 128;  // 512 bits
inline constexpr std::int64_t kMaxUnixMs = 253402300799999;  // 9999-12-31T23:59:59.999Z

// Who took a decision, when, and under which text. Supplied by the caller.
struct Provenance {
  Source source = Source::kUser;
  // Milliseconds since 1970-01-01T00:00:00Z, from the SDK's injected clock;
  // 0 .. kMaxUnixMs. Records need not be in time order (clocks jump); the
  // sequence number, not the time, decides which record is the latest.
  std::int64_t at_unix_ms = 0;
  // The version of the privacy policy / consent screen; 1..256 bytes of UTF-8.
  std::string policy_version;
  // Hex digest of the consent text shown (32..128 hex digits, any case; stored
  // lower-case). text_hash_of() computes one from the text itself.
  std::string text_hash;
};

// A time point as Provenance::at_unix_ms (truncated to the millisecond).
std::int64_t unix_ms(std::chrono::system_clock::time_point time) noexcept;
// SHA-256 of the consent text shown, as lower-case hex.
std::string text_hash_of(std::string_view shown_text);
// Lower-case hex of `bytes` (e.g. a digest the host computed itself).
using hex::to_hex;

// Checks a Provenance; the error names the field ("policy_version: ...").
Status validate(const Provenance& provenance);

// One stored record.
struct ConsentRecord {
  std::int64_t seq = 0;  // 1, 2, 3 ... without gaps
  DataCategory category = DataCategory::kPreferences;
  Use use = Use::kPersonalize;
  Decision decision = Decision::kWithdrawn;
  Source source = Source::kUser;
  std::int64_t at_unix_ms = 0;
  std::string policy_version;
  std::string text_hash;  // lower-case hex
  std::string prev_hash;  // lower-case hex SHA-256 of the previous record; kGenesisHash for seq 1
  std::string hash;       // lower-case hex SHA-256 of canonical_bytes(*this)
};

// The exact bytes a record's hash covers (docs/consent.md, "Record hash"):
//   "confidant.consent.v1\n" then, for each field in this order,
//   NAME ":" DECIMAL-BYTE-LENGTH ":" VALUE "\n"
// with fields seq, category, use, decision, source, at_unix_ms,
// policy_version, text_hash, prev_hash (names and decimal integers as text).
std::string canonical_bytes(const ConsentRecord& record);
// Lower-case hex SHA-256 of canonical_bytes(record).
std::string record_hash(const ConsentRecord& record);

// A record's position and hash kept outside the ledger (e.g. from a receipt
// the person saved), so that verify() can also detect a truncated tail.
struct Anchor {
  std::int64_t seq = 0;
  std::string hash;
};

// The outcome of verify(). A broken chain is a finding, not an error.
struct Verification {
  std::int64_t records = 0;      // rows checked (all of them when intact; up to the bad one otherwise)
  std::int64_t first_bad_seq = 0;  // 0 when the chain is intact
  std::string problem;           // what is wrong at first_bad_seq; empty when intact
  bool ok() const { return first_bad_seq == 0; }
};

class Ledger {
 public:
  // `store` must hold the consent tables (schema.hpp) and outlive the Ledger.
  explicit Ledger(store::Store& store) : store_(store) {}

  // Validates, then appends one record after the current head. Does not open
  // a transaction: the caller runs it inside one (ConsentGate does) so that
  // the head read and the insert, and whatever goes with them, commit together.
  Result<ConsentRecord> append(DataCategory category, Use use, Decision decision, const Provenance& provenance);

  // Every record in sequence order. kTampered naming the seq when a row no
  // longer parses (use verify() to locate tampering of any kind).
  Result<std::vector<ConsentRecord>> records();

  // The last record's seq and hash; {0, kGenesisHash} when empty.
  Result<Anchor> head();

  // Recomputes the chain from record 1. Reports the first record that is
  // missing, out of sequence, unparseable, not linked to its predecessor or
  // whose hash does not match its content. With `anchor`, also requires the
  // ledger to reach anchor->seq with that hash (a truncated tail otherwise
  // goes unnoticed: nothing after the last record points back to it).
  // A non-ok Result means the store could not be read.
  Result<Verification> verify(const Anchor* anchor = nullptr);

  // The record with the highest seq whose source is `source`, or nullopt
  // when there is none (how apply_cmp tells the CMP state it applied last).
  // kTampered naming the seq when that row no longer parses.
  Result<std::optional<ConsentRecord>> latest_from(Source source);

  // The latest decision per pair (the record with the highest seq wins);
  // kUnknown where there is none.
  Result<StateTable> current_states();

 private:
  store::Store& store_;
};

}  // namespace confidant::consent

// Consent receipts: the ledger as a JSON document the person can keep, read,
// and check on their own (every record carries what its hash covers, so
// anyone can recompute the chain; docs/consent.md describes the format).
//
// Thread-safety: the formatting functions are pure; export_receipt() uses the
// ledger's Store (the SDK's worker).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/time.hpp"
#include "confidant/status.hpp"
#include "consent/ledger.hpp"

namespace confidant::consent {

inline constexpr std::string_view kReceiptFormat = "confidant.consent-receipt.v1";

// Receipts write times with common/time.hpp's formatter; the name stays
// visible here for callers that learned it from this header.
using timefmt::iso8601_utc;

// One record as a JSON object with the fields seq, category, use, decision,
// source, at (ISO 8601 UTC), at_unix_ms, policy_version, text_hash, prev_hash
// and hash.
std::string record_json(const ConsentRecord& record);

// The receipt document (one line of JSON, UTF-8):
//   {"format":"confidant.consent-receipt.v1","record_format":"confidant.consent.v1",
//    "hash_algorithm":"sha256",
//    "chain":{"intact":true,"records":N,"head_seq":N,"head_hash":"..."}
//            or {"intact":false,"records":N,"first_bad_seq":S,"problem":"..."},
//    "current":{"preferences":{"personalize":"granted","share":"unknown"},...},
//    "records":[record_json...]}
// "current" is derived from `records` (latest wins), every pair listed.
std::string receipt_json(std::span<const ConsentRecord> records, const Verification& verification);

// Verifies the ledger and formats all its records. A broken chain is reported
// inside the receipt ("intact":false); an error means the ledger could not be
// read or holds a record that no longer parses (kTampered, naming its seq).
Result<std::string> export_receipt(Ledger& ledger);

}  // namespace confidant::consent

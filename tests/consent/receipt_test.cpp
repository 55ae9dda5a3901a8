// Consent receipts: well-formed JSON (checked by an independent strict
// parser), the fields a person or auditor needs, correct escaping of
// caller-supplied text, and hashes an outsider can recompute from the receipt
// alone.
#include <catch2/catch.hpp>

#include <string>

#include "consent/gate.hpp"
#include "consent/receipt.hpp"
#include "consent_test_util.hpp"
#include "crypto/hash.hpp"

namespace {

using namespace confidant::consent;
using consent_test::Json;
using consent_test::kT0;
using consent_test::parse_json;
using consent_test::provenance;
using consent_test::TestStore;

// The policy version with every kind of character a receipt must escape.
const std::string kTrickyPolicy =
    "2026-11 \"beta\"\nline two\\tab\t caf\xc3\xa9 \xf0\x9f\x8d\xb5 \xe2\x80\xa8 </script>";

Json export_json(Ledger& ledger, std::string* raw = nullptr) {
  auto text = export_receipt(ledger);
  INFO(text.status().to_string());
  REQUIRE(text);
  if (raw != nullptr) *raw = text.value();
  return parse_json(text.value());
}

// What an outside verifier does with a receipt record: rebuild the canonical
// form from the JSON fields (docs/consent.md) and hash it.
std::string recompute_hash(const Json& r) {
  std::string canonical = "confidant.consent.v1\n";
  const auto field = [&](const std::string& key, const std::string& value) {
    canonical += key + ":" + std::to_string(value.size()) + ":" + value + "\n";
  };
  field("seq", std::to_string(r["seq"].integer()));
  for (const char* key : {"category", "use", "decision", "source"}) field(key, r[key].str());
  field("at_unix_ms", std::to_string(r["at_unix_ms"].integer()));
  for (const char* key : {"policy_version", "text_hash", "prev_hash"}) field(key, r[key].str());
  return to_hex(confidant::crypto::sha256(canonical));
}

TEST_CASE("iso8601_utc formats milliseconds in UTC") {
  CHECK(iso8601_utc(0) == "1970-01-01T00:00:00.000Z");
  CHECK(iso8601_utc(kT0) == "2026-11-20T08:00:00.000Z");
  CHECK(iso8601_utc(1709208000123) == "2024-02-29T12:00:00.123Z");
  CHECK(iso8601_utc(kMaxUnixMs) == "9999-12-31T23:59:59.999Z");
  CHECK(iso8601_utc(-1).empty());
  CHECK(iso8601_utc(kMaxUnixMs + 1).empty());
}

TEST_CASE("an empty ledger's receipt is well-formed and shows every pair unknown") {
  TestStore t;
  Ledger ledger(*t.store);
  const Json receipt = export_json(ledger);
  CHECK(receipt["format"].str() == "confidant.consent-receipt.v1");
  CHECK(receipt["record_format"].str() == "confidant.consent.v1");
  CHECK(receipt["hash_algorithm"].str() == "sha256");
  CHECK(receipt["chain"]["intact"].boolean());
  CHECK(receipt["chain"]["head_seq"].integer() == 0);
  CHECK(receipt["chain"]["head_hash"].str() == kGenesisHash);
  CHECK(receipt["records"].items().empty());
  CHECK(receipt["current"].members().size() == kAllCategories.size());
  for (const auto& [category, uses] : receipt["current"].members()) {
    CHECK(uses["personalize"].str() == "unknown");
    CHECK(uses["share"].str() == "unknown");
  }
}

TEST_CASE("a receipt carries every record, escaped, and hashes an outsider can recompute") {
  TestStore t;
  auto gate = ConsentGate::open(*t.store);
  REQUIRE(gate);
  REQUIRE(consent_test::grant(*t.store, *gate.value(), DataCategory::kPurchases, Use::kPersonalize, provenance(kT0, kTrickyPolicy)));
  REQUIRE(consent_test::grant(*t.store, *gate.value(), DataCategory::kBrowsing, Use::kShare, provenance(kT0 + 1000)));
  REQUIRE(consent_test::deny(*t.store, *gate.value(), DataCategory::kPurchases, Use::kPersonalize,
                             provenance(kT0 + 2000, "2026-11", Source::kAppDefault)));

  std::string raw;
  const Json receipt = export_json(gate.value()->ledger(), &raw);
  // Escapes as JSON requires, and U+2028 escaped for JavaScript; no raw newline anywhere.
  CHECK(raw.find('\n') == std::string::npos);
  CHECK(raw.find(R"(2026-11 \"beta\"\nline two\\tab\t caf)") != std::string::npos);
  CHECK(raw.find("\\u2028") != std::string::npos);
  CHECK(raw.find("caf\xc3\xa9 \xf0\x9f\x8d\xb5") != std::string::npos);  // UTF-8 kept as is

  const auto& records = receipt["records"].items();
  REQUIRE(records.size() == 3);
  const Json& first = records[0];
  CHECK(first["seq"].integer() == 1);
  CHECK(first["category"].str() == "purchases");
  CHECK(first["use"].str() == "personalize");
  CHECK(first["decision"].str() == "granted");
  CHECK(first["source"].str() == "user");
  CHECK(first["at"].str() == "2026-11-20T08:00:00.000Z");
  CHECK(first["at_unix_ms"].integer() == kT0);
  CHECK(first["policy_version"].str() == kTrickyPolicy);  // decodes to exactly what was given
  CHECK(first["text_hash"].str() == text_hash_of("We personalize on your phone."));
  CHECK(first["prev_hash"].str() == kGenesisHash);
  CHECK(records[2]["decision"].str() == "withdrawn");
  CHECK(records[2]["source"].str() == "app_default");
  CHECK(records[2]["at"].str() == "2026-11-20T08:00:02.000Z");

  std::string prev(kGenesisHash);
  for (const Json& record : records) {
    CHECK(record["prev_hash"].str() == prev);
    CHECK(recompute_hash(record) == record["hash"].str());
    prev = record["hash"].str();
  }
  CHECK(receipt["chain"]["intact"].boolean());
  CHECK(receipt["chain"]["records"].integer() == 3);
  CHECK(receipt["chain"]["head_seq"].integer() == 3);
  CHECK(receipt["chain"]["head_hash"].str() == prev);

  CHECK(receipt["current"]["purchases"]["personalize"].str() == "denied");
  CHECK(receipt["current"]["browsing"]["share"].str() == "granted");
  CHECK(receipt["current"]["sensitive"]["share"].str() == "unknown");
}

TEST_CASE("a receipt of a broken chain says so and where") {
  TestStore t;
  Ledger ledger(*t.store);
  for (int i = 0; i < 3; ++i) {
    REQUIRE(ledger.append(DataCategory::kSearch, Use::kShare, i % 2 ? Decision::kWithdrawn : Decision::kGranted,
                          provenance(kT0 + i)));
  }
  t.exec("DROP TRIGGER consent_ledger_no_update; UPDATE consent_ledger SET at_unix_ms = 0 WHERE seq = 2");
  const Json receipt = export_json(ledger);
  CHECK_FALSE(receipt["chain"]["intact"].boolean());
  CHECK(receipt["chain"]["first_bad_seq"].integer() == 2);
  CHECK_THAT(receipt["chain"]["problem"].str(), Catch::Contains("hash"));
  CHECK_FALSE(receipt["chain"].has("head_hash"));
  CHECK(receipt["records"].items().size() == 3);
  CHECK(receipt["records"].items()[1]["at"].str() == "1970-01-01T00:00:00.000Z");
}

}  // namespace

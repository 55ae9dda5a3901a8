// The consent ledger: records chain by hash in a real encrypted store; the
// canonical form is pinned by known answers computed outside Confidant;
// verify() locates any alteration, deletion or broken link by its sequence
// number; the table refuses UPDATE and DELETE; bad provenance names its field.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "consent/ledger.hpp"
#include "consent_test_util.hpp"

namespace {

using namespace confidant::consent;
using confidant::ErrorCode;
using confidant::Status;
using consent_test::kT0;
using consent_test::provenance;
using consent_test::TestStore;

// Known answers, computed with Python's hashlib from the format in docs/consent.md.
constexpr const char* kTextHash = "c964f4ce541950799712f587d436fa074a3a7ed73d1281b17f0e4ba6246211a1";
constexpr const char* kHash1 = "027c9c6708d14493c863808b8dac9f337b9eaf4d530ea9f1b9ed1c44cfdd8e47";
constexpr const char* kHash2 = "e99845931ad9a503ab64c115e83a9b73db9722f74e9a4708778b4e86cd7d9121";

ConsentRecord append_ok(Ledger& ledger, DataCategory category, Use use, Decision decision,
                        const Provenance& p = provenance()) {
  auto record = ledger.append(category, use, decision, p);
  INFO(record.status().to_string());
  REQUIRE(record);
  return record.value();
}

// Five records: 1 grant purchases, 2 deny purchases, 3 grant browsing, 4 grant search, 5 deny browsing.
void fill(Ledger& ledger) {
  append_ok(ledger, DataCategory::kPurchases, Use::kPersonalize, Decision::kGranted, provenance(kT0));
  append_ok(ledger, DataCategory::kPurchases, Use::kPersonalize, Decision::kWithdrawn, provenance(kT0 + 1));
  append_ok(ledger, DataCategory::kBrowsing, Use::kShare, Decision::kGranted, provenance(kT0 + 2));
  append_ok(ledger, DataCategory::kSearch, Use::kPersonalize, Decision::kGranted, provenance(kT0 + 3));
  append_ok(ledger, DataCategory::kBrowsing, Use::kShare, Decision::kWithdrawn, provenance(kT0 + 4));
}

Verification verify_ok(Ledger& ledger, const Anchor* anchor = nullptr) {
  auto result = ledger.verify(anchor);
  INFO(result.status().to_string());
  REQUIRE(result);
  return result.value();
}

// What an attacker holding the data key could do: lift the append-only guard.
void drop_guards(TestStore& t) {
  t.exec("DROP TRIGGER consent_ledger_no_update; DROP TRIGGER consent_ledger_no_delete;");
}

TEST_CASE("an empty ledger verifies and its head is the genesis hash") {
  TestStore t;
  Ledger ledger(*t.store);
  const Verification v = verify_ok(ledger);
  CHECK(v.ok());
  CHECK(v.records == 0);
  auto head = ledger.head();
  REQUIRE(head);
  CHECK(head->seq == 0);
  CHECK(head->hash == kGenesisHash);
  CHECK(ledger.records().value().empty());
}

TEST_CASE("the canonical form and hashes match known answers") {
  TestStore t;
  Ledger ledger(*t.store);
  CHECK(text_hash_of("We personalize on your phone.") == kTextHash);

  const ConsentRecord first = append_ok(ledger, DataCategory::kPurchases, Use::kPersonalize, Decision::kGranted);
  CHECK(first.seq == 1);
  CHECK(first.prev_hash == kGenesisHash);
  CHECK(canonical_bytes(first) ==
        "confidant.consent.v1\nseq:1:1\ncategory:9:purchases\nuse:11:personalize\ndecision:7:granted\n"
        "source:4:user\nat_unix_ms:13:1795161600000\npolicy_version:7:2026-11\n"
        "text_hash:64:c964f4ce541950799712f587d436fa074a3a7ed73d1281b17f0e4ba6246211a1\n"
        "prev_hash:64:0000000000000000000000000000000000000000000000000000000000000000\n");
  CHECK(first.hash == kHash1);

  // Multi-byte text counts bytes, not characters; the link is the previous hash.
  const ConsentRecord second =
      append_ok(ledger, DataCategory::kPurchases, Use::kPersonalize, Decision::kWithdrawn,
                provenance(kT0 + 60000, "2026-11 \"beta\"\n\xc3\xa9", Source::kAppDefault));
  CHECK(second.seq == 2);
  CHECK(second.prev_hash == kHash1);
  CHECK(second.hash == kHash2);
  CHECK(record_hash(second) == kHash2);
}

TEST_CASE("records read back exactly, in sequence, across a reopen") {
  TestStore t;
  {
    Ledger ledger(*t.store);
    fill(ledger);
  }
  t.reopen();
  Ledger ledger(*t.store);
  auto records = ledger.records();
  REQUIRE(records);
  REQUIRE(records->size() == 5);
  std::string prev(kGenesisHash);
  for (std::size_t i = 0; i < records->size(); ++i) {
    const ConsentRecord& r = records.value()[i];
    CHECK(r.seq == static_cast<std::int64_t>(i) + 1);
    CHECK(r.at_unix_ms == kT0 + static_cast<std::int64_t>(i));
    CHECK(r.prev_hash == prev);
    CHECK(r.hash == record_hash(r));
    prev = r.hash;
  }
  CHECK(records.value()[1].decision == Decision::kWithdrawn);
  CHECK(records.value()[2].category == DataCategory::kBrowsing);
  CHECK(records.value()[2].use == Use::kShare);
  CHECK(ledger.head().value().hash == prev);
  CHECK(verify_ok(ledger).ok());
  CHECK(verify_ok(ledger).records == 5);
}

TEST_CASE("the latest record of a pair decides its state") {
  TestStore t;
  Ledger ledger(*t.store);
  fill(ledger);
  auto states = ledger.current_states();
  REQUIRE(states);
  CHECK(states.value()[pair_index(DataCategory::kPurchases, Use::kPersonalize)] == ConsentState::kDenied);
  CHECK(states.value()[pair_index(DataCategory::kBrowsing, Use::kShare)] == ConsentState::kDenied);
  CHECK(states.value()[pair_index(DataCategory::kSearch, Use::kPersonalize)] == ConsentState::kGranted);
  CHECK(states.value()[pair_index(DataCategory::kSearch, Use::kShare)] == ConsentState::kUnknown);
  CHECK(states.value()[pair_index(DataCategory::kSensitive, Use::kPersonalize)] == ConsentState::kUnknown);
}

TEST_CASE("the table is append-only for every SQL caller") {
  TestStore t;
  Ledger ledger(*t.store);
  fill(ledger);
  const Status update = t.store->exec("UPDATE consent_ledger SET decision = 'granted' WHERE seq = 2");
  CHECK_FALSE(update);
  CHECK_THAT(update.message(), Catch::Contains("append-only"));
  const Status remove = t.store->exec("DELETE FROM consent_ledger WHERE seq = 3");
  CHECK_FALSE(remove);
  CHECK_THAT(remove.message(), Catch::Contains("append-only"));
  CHECK(t.count("SELECT count(*) FROM consent_ledger") == 5);
  CHECK(verify_ok(ledger).ok());
}

TEST_CASE("a record whose content was changed fails verification at its sequence number") {
  TestStore t;
  Ledger ledger(*t.store);
  fill(ledger);
  drop_guards(t);

  SECTION("its decision") {
    t.exec("UPDATE consent_ledger SET decision = 'granted' WHERE seq = 2");
    const Verification v = verify_ok(ledger);
    CHECK_FALSE(v.ok());
    CHECK(v.first_bad_seq == 2);
    CHECK_THAT(v.problem, Catch::Contains("hash does not match"));
  }
  SECTION("its time") {
    t.exec("UPDATE consent_ledger SET at_unix_ms = at_unix_ms - 86400000 WHERE seq = 4");
    CHECK(verify_ok(ledger).first_bad_seq == 4);
  }
  SECTION("its policy version") {
    t.exec("UPDATE consent_ledger SET policy_version = '2027-01' WHERE seq = 1");
    CHECK(verify_ok(ledger).first_bad_seq == 1);
  }
  SECTION("its content and its own hash, recomputed: the next record's link breaks") {
    auto records = ledger.records().value();
    ConsentRecord forged = records[2];
    forged.decision = Decision::kWithdrawn;
    forged.hash = record_hash(forged);
    t.exec("UPDATE consent_ledger SET decision = 'withdrawn', hash = '" + forged.hash + "' WHERE seq = 3");
    const Verification v = verify_ok(ledger);
    CHECK(v.first_bad_seq == 4);
    CHECK_THAT(v.problem, Catch::Contains("prev_hash"));
  }
  SECTION("a value that no longer parses") {
    t.exec("UPDATE consent_ledger SET category = 'health' WHERE seq = 3");
    const Verification v = verify_ok(ledger);
    CHECK(v.first_bad_seq == 3);
    CHECK_THAT(v.problem, Catch::Contains("category: unknown value 'health'"));
    auto records = ledger.records();
    REQUIRE_FALSE(records);
    CHECK(records.status().code() == ErrorCode::kTampered);
    CHECK_THAT(records.status().message(), Catch::Contains("seq 3"));
    CHECK(ledger.current_states().status().code() == ErrorCode::kTampered);
  }
}

TEST_CASE("a deleted record is detected at its sequence number") {
  TestStore t;
  Ledger ledger(*t.store);
  fill(ledger);
  drop_guards(t);

  SECTION("in the middle") {
    t.exec("DELETE FROM consent_ledger WHERE seq = 3");
    const Verification v = verify_ok(ledger);
    CHECK(v.first_bad_seq == 3);
    CHECK_THAT(v.problem, Catch::Contains("record 3 is missing"));
  }
  SECTION("the first") {
    t.exec("DELETE FROM consent_ledger WHERE seq = 1");
    CHECK(verify_ok(ledger).first_bad_seq == 1);
  }
  SECTION("in the middle, with the later records renumbered to close the gap") {
    t.exec("DELETE FROM consent_ledger WHERE seq = 3; UPDATE consent_ledger SET seq = seq - 1 WHERE seq > 3");
    const Verification v = verify_ok(ledger);
    CHECK(v.first_bad_seq == 3);
    CHECK_THAT(v.problem, Catch::Contains("prev_hash"));
  }
  SECTION("at the end: only an anchor kept elsewhere reveals it") {
    const Anchor anchor = ledger.head().value();
    CHECK(verify_ok(ledger, &anchor).ok());
    t.exec("DELETE FROM consent_ledger WHERE seq >= 4");
    CHECK(verify_ok(ledger).ok());  // a consistent shorter chain
    const Verification v = verify_ok(ledger, &anchor);
    CHECK(v.first_bad_seq == 4);
    CHECK_THAT(v.problem, Catch::Contains("ends at record 3"));
  }
}

TEST_CASE("an anchor with a different hash names its record") {
  TestStore t;
  Ledger ledger(*t.store);
  fill(ledger);
  Anchor anchor = {2, ledger.records().value()[1].hash};
  CHECK(verify_ok(ledger, &anchor).ok());
  anchor.hash = kHash1;
  CHECK(verify_ok(ledger, &anchor).first_bad_seq == 2);
}

TEST_CASE("bad provenance is refused before anything is written, naming the field") {
  TestStore t;
  Ledger ledger(*t.store);
  const auto refused = [&](const Provenance& p) {
    auto record = ledger.append(DataCategory::kSearch, Use::kShare, Decision::kGranted, p);
    REQUIRE_FALSE(record);
    CHECK(record.status().code() == ErrorCode::kInvalidArgument);
    return record.status().message();
  };
  Provenance p = provenance();

  p.policy_version = "";
  CHECK(refused(p) == "policy_version: empty");
  p.policy_version = std::string(kMaxPolicyVersionBytes + 1, 'v');
  CHECK_THAT(refused(p), Catch::StartsWith("policy_version: 257 bytes"));
  p.policy_version = "v1\xff";
  CHECK(refused(p) == "policy_version: invalid UTF-8 at byte 2");

  p = provenance();
  p.text_hash = "abcd";
  CHECK_THAT(refused(p), Catch::StartsWith("text_hash: expected an even number of hex digits"));
  p.text_hash = std::string(63, 'a');
  CHECK_THAT(refused(p), Catch::StartsWith("text_hash:"));
  p.text_hash = std::string(64, 'g');
  CHECK(refused(p) == "text_hash: not hexadecimal");

  p = provenance(-1);
  CHECK_THAT(refused(p), Catch::StartsWith("at_unix_ms: -1"));
  p = provenance(kMaxUnixMs + 1);
  CHECK_THAT(refused(p), Catch::StartsWith("at_unix_ms:"));

  auto bad_enum = ledger.append(static_cast<DataCategory>(42), Use::kShare, Decision::kGranted, provenance());
  CHECK(bad_enum.status().message() == "category: invalid value");

  CHECK(t.count("SELECT count(*) FROM consent_ledger") == 0);
}

TEST_CASE("a text hash is stored lower-case, a host digest converts with to_hex") {
  TestStore t;
  Ledger ledger(*t.store);
  Provenance p = provenance();
  p.text_hash = "C964F4CE541950799712F587D436FA074A3A7ED73D1281B17F0E4BA6246211A1";
  const ConsentRecord record = append_ok(ledger, DataCategory::kPurchases, Use::kPersonalize, Decision::kGranted, p);
  CHECK(record.text_hash == kTextHash);
  CHECK(record.hash == kHash1);  // identical to the lower-case input
  const std::vector<std::uint8_t> digest = {0x00, 0x0f, 0xa0, 0xff};
  CHECK(to_hex(digest) == "000fa0ff");
  CHECK(unix_ms(std::chrono::system_clock::time_point(std::chrono::milliseconds(kT0))) == kT0);
}

}  // namespace

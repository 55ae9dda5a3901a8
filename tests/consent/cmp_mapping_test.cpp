// From a CMP's signals to decisions per (category, use): the IABTCF_ values
// and the TC string (consent/cmp/tcf_facts.hpp), Consent Mode
// (consent_mode.hpp), the table (mapping.hpp) and the plan with its state
// hash (plan.hpp). docs/consent.md, "Consent from a CMP", is the contract.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "consent/cmp/consent_mode.hpp"
#include "consent/cmp/iabtcf_keys.hpp"
#include "consent/cmp/mapping.hpp"
#include "consent/cmp/plan.hpp"
#include "consent/cmp/tcf_facts.hpp"
#include "support/tc_string_builder.hpp"

namespace {

using namespace confidant::consent;
using namespace confidant::consent::cmp;
using confidant::CmpOptions;
using confidant::CmpSignals;
using confidant::ErrorCode;
using confidant::Status;
using confidant::testing::PublisherTc;
using confidant::testing::RangeEntry;
using confidant::testing::TcBuilder;

using Keys = std::map<std::string, std::string>;
constexpr std::optional<Decision> kGrant = Decision::kGranted;
constexpr std::optional<Decision> kWithdraw = Decision::kWithdrawn;
constexpr std::optional<Decision> kNothing = std::nullopt;

// The spec's 2025-02 example (tc_string_test.cpp): policy 5, purposes 1-11
// consented, vendor 755 consented and 2 not, restrictions of type 1 only.
const std::string kSpecCore =
    "CQNIGUAQNIGUAE1ACADEBbFgAP_gAAAAAAYgKBpV9C7dbWFF8X53aPtkOY0X19BzIsQhBhSBAyAFyBOQ8JQA02E6NASgJiACEAAAoxTBAAFE"
    "HABEAQCAQAAEAADsIAwEgAAIIABEgBEQAAJYAAgKCIggEAAIgAIEEgAAmBiAKdLmXUiAgIACCgCQACABAICAAgMABAAIAAIAAAAAwgAAgA"
    "JgoAIAAAAAARAIAAAAAAAAAAAAIAAAAAAAAAAAgAAAKHQAYAAgoGMgAwABBQMVABgACCgYiADAAEFAw0AGAAIKBhIAMAAQUDLQAYAAgoGUgA"
    "wABBQMlABgACCgZCADAAEFAw";
// Its PublisherTC segment: no standard purpose consented for the publisher.
const std::string kSpecPublisher = "YAAAAAAAA60A";

Keys with_string(const std::string& tc) { return {{"IABTCF_gdprApplies", "1"}, {"IABTCF_TCString", tc}}; }

TcfFacts facts_ok(const Keys& keys, std::uint32_t vendor_id = 0) {
  auto facts = tcf_facts(keys, vendor_id);
  INFO(facts.status().to_string());
  REQUIRE(facts);
  return facts.value();
}

void require_refused(const Keys& keys, const std::string& field, std::uint32_t vendor_id = 0) {
  auto facts = tcf_facts(keys, vendor_id);
  REQUIRE_FALSE(facts);
  INFO(facts.status().to_string());
  CHECK(facts.status().code() == ErrorCode::kInvalidArgument);
  CHECK(facts.status().message().rfind(field + ":", 0) == 0);
}

std::optional<Decision> at(const PairDecisions& d, DataCategory category, Use use) {
  return d[pair_index(category, use)];
}

// Every ordinary category (preferences, browsing, search, purchases) has `expected` for `use`.
void check_ordinary(const PairDecisions& d, Use use, std::optional<Decision> expected) {
  for (const DataCategory c :
       {DataCategory::kPreferences, DataCategory::kBrowsing, DataCategory::kSearch, DataCategory::kPurchases}) {
    INFO(name(c) << "/" << name(use));
    CHECK(at(d, c, use) == expected);
  }
}

PairDecisions tcf(const TcBuilder& b, std::uint32_t vendor_id = 0) { return from_tcf(facts_ok(with_string(b.encode()), vendor_id)); }

ConsentModeFacts consent_mode_ok(const Keys& signals) {
  auto facts = read_consent_mode(signals);
  INFO(facts.status().to_string());
  REQUIRE(facts);
  return facts.value();
}

const Keys kAllGranted = {{"ad_storage", "granted"},
                          {"analytics_storage", "granted"},
                          {"ad_user_data", "granted"},
                          {"ad_personalization", "granted"}};

}  // namespace

TEST_CASE("TCF: purposes 1, 5 and 6 grant personalize, 1, 8 and 9 grant share") {
  TcBuilder b;
  b.purposes = {1, 5, 6};
  PairDecisions d = tcf(b);
  check_ordinary(d, Use::kPersonalize, kGrant);
  check_ordinary(d, Use::kShare, kWithdraw);
  CHECK(at(d, DataCategory::kLocation, Use::kPersonalize) == kWithdraw);  // no precise geolocation
  CHECK(at(d, DataCategory::kSensitive, Use::kPersonalize) == kNothing);  // never granted, kept as set
  CHECK(at(d, DataCategory::kSensitive, Use::kShare) == kWithdraw);

  b.purposes = {1, 8, 9};
  d = tcf(b);
  check_ordinary(d, Use::kPersonalize, kWithdraw);
  check_ordinary(d, Use::kShare, kGrant);

  // Each purpose is needed: drop any one and the use is withdrawn.
  for (const int missing : {1, 5, 6}) {
    b.purposes = {1, 5, 6, 8, 9};
    b.purposes.erase(missing);
    INFO("without purpose " << missing);
    check_ordinary(tcf(b), Use::kPersonalize, kWithdraw);
  }
  for (const int missing : {1, 8, 9}) {
    b.purposes = {1, 5, 6, 8, 9};
    b.purposes.erase(missing);
    INFO("without purpose " << missing);
    check_ordinary(tcf(b), Use::kShare, kWithdraw);
  }
  // Advertising purposes grant nothing of Confidant's.
  b.purposes = {1, 2, 3, 4, 7, 10, 11};
  d = tcf(b);
  check_ordinary(d, Use::kPersonalize, kWithdraw);
  check_ordinary(d, Use::kShare, kWithdraw);
}

TEST_CASE("TCF: location needs special feature 1 (precise geolocation) as well; sensitive is never granted") {
  TcBuilder b;
  b.purposes = {1, 5, 6, 8, 9};
  b.special_features = {1};
  PairDecisions d = tcf(b);
  CHECK(at(d, DataCategory::kLocation, Use::kPersonalize) == kGrant);
  CHECK(at(d, DataCategory::kLocation, Use::kShare) == kGrant);
  CHECK(at(d, DataCategory::kSensitive, Use::kPersonalize) == kNothing);
  CHECK(at(d, DataCategory::kSensitive, Use::kShare) == kNothing);
  b.special_features = {2};  // device scanning is not location
  CHECK(at(tcf(b), DataCategory::kLocation, Use::kPersonalize) == kWithdraw);

  // Whatever the purposes and special features, sensitive is never granted,
  // and location never without special feature 1.
  for (unsigned mask = 0; mask < (1u << 11); ++mask) {
    for (const bool geo : {false, true}) {
      TcBuilder any;
      for (int p = 1; p <= 11; ++p) {
        if (mask & (1u << (p - 1))) any.purposes.insert(p);
      }
      if (geo) any.special_features = {1};
      const PairDecisions all = tcf(any);
      for (const Use use : kAllUses) {
        CHECK(at(all, DataCategory::kSensitive, use) != kGrant);
        if (!geo) CHECK(at(all, DataCategory::kLocation, use) == kWithdraw);
      }
    }
  }
}

TEST_CASE("TCF: legitimate interest and purpose-one treatment never stand in for consent") {
  TcBuilder b;
  b.purposes_li = {1, 5, 6, 8, 9};
  PairDecisions d = tcf(b);
  check_ordinary(d, Use::kPersonalize, kWithdraw);
  check_ordinary(d, Use::kShare, kWithdraw);
  b.purposes = {5, 6};
  b.purpose_one_treatment = true;  // purpose 1 not disclosed: still not consented
  check_ordinary(tcf(b), Use::kPersonalize, kWithdraw);
}

TEST_CASE("TCF: the publisher's own purposes bind when the string carries them") {
  TcBuilder b;
  b.purposes = {1, 5, 6, 8, 9};
  b.publisher = PublisherTc{{1, 5, 6}, {}, 0, {}, {}};
  PairDecisions d = tcf(b);
  check_ordinary(d, Use::kPersonalize, kGrant);
  check_ordinary(d, Use::kShare, kWithdraw);  // the publisher has no consent for 8 and 9

  // The specification's example: its PublisherTC segment consents to no
  // standard purpose, so nothing is granted; the core alone grants both uses.
  d = from_tcf(facts_ok(with_string(kSpecCore + "." + kSpecPublisher)));
  check_ordinary(d, Use::kPersonalize, kWithdraw);
  check_ordinary(d, Use::kShare, kWithdraw);
  d = from_tcf(facts_ok(with_string(kSpecCore)));
  check_ordinary(d, Use::kPersonalize, kGrant);
  check_ordinary(d, Use::kShare, kGrant);
  CHECK(at(d, DataCategory::kLocation, Use::kPersonalize) == kWithdraw);
}

TEST_CASE("TCF with the app's vendor id: the vendor needs consent, and restrictions 0 and 2 take purposes away") {
  // The specification's string: vendor 755 consented, vendor 2 not.
  check_ordinary(from_tcf(facts_ok(with_string(kSpecCore), 755)), Use::kPersonalize, kGrant);
  check_ordinary(from_tcf(facts_ok(with_string(kSpecCore), 2)), Use::kPersonalize, kWithdraw);
  check_ordinary(from_tcf(facts_ok(with_string(kSpecCore), 2)), Use::kShare, kWithdraw);

  TcBuilder b;
  b.purposes = {1, 5, 6, 8, 9};
  b.vendor_consents.ids = {42};
  check_ordinary(tcf(b, 42), Use::kPersonalize, kGrant);
  b.restrictions = {{5, 0, {{40, 45}}}};  // purpose 5 not allowed for vendors 40-45
  check_ordinary(tcf(b, 42), Use::kPersonalize, kWithdraw);
  check_ordinary(tcf(b, 42), Use::kShare, kGrant);
  check_ordinary(tcf(b), Use::kPersonalize, kGrant);  // no vendor id: restrictions are the vendors' business
  b.restrictions = {{9, 2, {{42, 42}}}};  // purpose 9 on legitimate interest only
  check_ordinary(tcf(b, 42), Use::kShare, kWithdraw);
  b.restrictions = {{9, 1, {{42, 42}}}, {5, 0, {{43, 43}}}};  // consent required; another vendor restricted
  check_ordinary(tcf(b, 42), Use::kShare, kGrant);
  check_ordinary(tcf(b, 42), Use::kPersonalize, kGrant);
}

TEST_CASE("TCF strings that are no longer valid are refused, not mapped") {
  TcBuilder old;
  old.policy_version = 3;
  require_refused(with_string(old.encode()), "IABTCF_TCString.tcfPolicyVersion");
  TcBuilder global;
  global.service_specific = false;
  require_refused(with_string(global.encode()), "IABTCF_TCString.isServiceSpecific");
  // The specification's current example carries policy version 2.
  require_refused(with_string("CQSbk4AQSbk4ANwAAAENAwCgAAAAAAAAAAYgACPAAAAA.IDKQA4AAgAKAGQAygAAA.YAAAAAAAAAAA"),
                  "IABTCF_TCString.tcfPolicyVersion");
  TcBuilder v2_2;
  v2_2.policy_version = 4;
  CHECK(facts_ok(with_string(v2_2.encode())).policy_version == 4);
  // A decoding error is named under the key.
  require_refused(with_string("CQ="), "IABTCF_TCString.segments[0]");
}

TEST_CASE("IABTCF_gdprApplies: 0 decides nothing, unset needs a TC string") {
  TcBuilder b;
  b.purposes = {1, 5, 6};
  TcfFacts facts = facts_ok({{"IABTCF_gdprApplies", "0"}, {"IABTCF_TCString", b.encode()}});
  CHECK_FALSE(facts.applies);
  for (const auto& decision : from_tcf(facts)) CHECK_FALSE(decision.has_value());
  CHECK_FALSE(facts_ok({{"IABTCF_gdprApplies", "0"}}).applies);
  // A string given with gdprApplies 0 must still be a valid string.
  require_refused({{"IABTCF_gdprApplies", "0"}, {"IABTCF_TCString", "CQ_"}}, "IABTCF_TCString.created");

  CHECK(facts_ok({{"IABTCF_TCString", b.encode()}}).applies);  // unset, but the string decides
  require_refused({{"IABTCF_CmpSdkID", "300"}}, "IABTCF_gdprApplies");
  require_refused({{"IABTCF_gdprApplies", "2"}}, "IABTCF_gdprApplies");
  require_refused({{"IABTCF_gdprApplies", "yes"}}, "IABTCF_gdprApplies");
  // An empty TC string is no TC string (CMPs clear it so).
  require_refused({{"IABTCF_gdprApplies", "1"}, {"IABTCF_TCString", ""}}, "IABTCF_PolicyVersion");
}

TEST_CASE("IABTCF_ values alone, without a TC string") {
  const Keys keys = {{"IABTCF_gdprApplies", "1"},
                     {"IABTCF_PolicyVersion", "5"},
                     {"IABTCF_CmpSdkID", "300"},
                     {"IABTCF_CmpSdkVersion", "2"},
                     {"IABTCF_PurposeConsents", "10001100110"},
                     {"IABTCF_SpecialFeaturesOptIns", "1"},
                     {"IABTCF_PurposeOneTreatment", "0"},
                     {"IABTCF_PublisherCC", "DE"},
                     {"IABTCF_AddtlConsent", "2~1.35.41~dv.9"}};
  const TcfFacts facts = facts_ok(keys);
  CHECK(facts.cmp_id == 300);
  CHECK(facts.cmp_version == 2);
  PairDecisions d = from_tcf(facts);
  check_ordinary(d, Use::kPersonalize, kGrant);  // purposes 1, 5, 6
  check_ordinary(d, Use::kShare, kWithdraw);     // 9 but not 8
  CHECK(at(d, DataCategory::kLocation, Use::kPersonalize) == kGrant);

  Keys publisher = keys;
  publisher["IABTCF_PublisherConsent"] = "1000";
  check_ordinary(from_tcf(facts_ok(publisher)), Use::kPersonalize, kWithdraw);

  Keys vendor = keys;
  vendor["IABTCF_VendorConsents"] = "0001";
  check_ordinary(from_tcf(facts_ok(vendor, 4)), Use::kPersonalize, kGrant);
  check_ordinary(from_tcf(facts_ok(vendor, 3)), Use::kPersonalize, kWithdraw);
  check_ordinary(from_tcf(facts_ok(vendor, 5000)), Use::kPersonalize, kWithdraw);  // past the string: no consent
  vendor["IABTCF_PublisherRestrictions5"] = "1110";  // purpose 5 not allowed for vendor 4
  check_ordinary(from_tcf(facts_ok(vendor, 4)), Use::kPersonalize, kWithdraw);
  vendor["IABTCF_PublisherRestrictions5"] = "0001";  // consent required for vendor 4: fine
  check_ordinary(from_tcf(facts_ok(vendor, 4)), Use::kPersonalize, kGrant);

  Keys missing = keys;
  missing.erase("IABTCF_PolicyVersion");
  require_refused(missing, "IABTCF_PolicyVersion");
  Keys old = keys;
  old["IABTCF_PolicyVersion"] = "2";
  require_refused(old, "IABTCF_PolicyVersion");
  Keys no_purposes = keys;
  no_purposes.erase("IABTCF_PurposeConsents");
  require_refused(no_purposes, "IABTCF_PurposeConsents");
  require_refused(keys, "IABTCF_VendorConsents", 4);  // a vendor id needs its consent key
}

TEST_CASE("IABTCF_ values are checked for form, naming the key") {
  Keys keys = with_string(TcBuilder{}.encode());
  const auto refused = [&](const std::string& key, const std::string& value, const std::string& field) {
    Keys bad = keys;
    bad[key] = value;
    require_refused(bad, field);
  };
  refused("IABTCF_PurposeConsents", "1021", "IABTCF_PurposeConsents");
  refused("IABTCF_PurposeConsents", std::string(25, '0'), "IABTCF_PurposeConsents");
  refused("IABTCF_SpecialFeaturesOptIns", std::string(13, '0'), "IABTCF_SpecialFeaturesOptIns");
  refused("IABTCF_VendorConsents", "01x", "IABTCF_VendorConsents");
  refused("IABTCF_PolicyVersion", "-4", "IABTCF_PolicyVersion");
  refused("IABTCF_PolicyVersion", "64", "IABTCF_PolicyVersion");
  refused("IABTCF_CmpSdkID", "12345678901", "IABTCF_CmpSdkID");
  refused("IABTCF_PublisherCC", "de", "IABTCF_PublisherCC");
  refused("IABTCF_PurposeOneTreatment", "7", "IABTCF_PurposeOneTreatment");
  refused("IABTCF_PublisherRestrictions0", "0", "IABTCF_PublisherRestrictions0");
  refused("IABTCF_PublisherRestrictions3", "013", "IABTCF_PublisherRestrictions3");
  refused("gdprApplies", "1", "iabtcf");
  // The key past the prefix is the caller's text: quoted, never copied raw
  // into the message (tests/fuzz/tc_string/crash-restriction-key-bytes).
  Keys raw = keys;
  raw["IABTCF_PublisherRestrictions5\xff\n"] = "0";
  auto facts = tcf_facts(raw, 0);
  REQUIRE_FALSE(facts);
  CHECK(facts.status().message().rfind("'IABTCF_PublisherRestrictions5\\xff\\x0a':", 0) == 0);
  Keys huge = keys;
  huge["IABTCF_Other\x01"] = std::string(kMaxTcStringBytes + 1, '0');
  facts = tcf_facts(huge, 0);
  REQUIRE_FALSE(facts);
  CHECK(facts.status().message().find('\x01') == std::string::npos);
  keys["IABTCF_SomethingNew"] = "anything";  // a later key: ignored
  facts_ok(keys);
}

TEST_CASE("IABTCF_ values given with a TC string must agree with it") {
  TcBuilder b;
  b.purposes = {1, 5, 6};
  b.special_features = {1};
  b.vendor_consents.ids = {7};
  Keys keys = with_string(b.encode());
  keys["IABTCF_PurposeConsents"] = "100011";  // shorter than 24 is fine
  keys["IABTCF_SpecialFeaturesOptIns"] = "100000000000";
  keys["IABTCF_PolicyVersion"] = "5";
  keys["IABTCF_PublisherConsent"] = "";
  keys["IABTCF_VendorConsents"] = "0000001";
  facts_ok(keys, 7);

  Keys purposes = keys;
  purposes["IABTCF_PurposeConsents"] = "1000111";
  require_refused(purposes, "IABTCF_PurposeConsents");
  Keys features = keys;
  features["IABTCF_SpecialFeaturesOptIns"] = "0";
  require_refused(features, "IABTCF_SpecialFeaturesOptIns");
  Keys policy = keys;
  policy["IABTCF_PolicyVersion"] = "4";
  require_refused(policy, "IABTCF_PolicyVersion");
  Keys publisher = keys;
  publisher["IABTCF_PublisherConsent"] = "1";  // the string has no PublisherTC segment
  require_refused(publisher, "IABTCF_PublisherConsent");
  Keys vendor = keys;
  vendor["IABTCF_VendorConsents"] = "0000000";
  require_refused(vendor, "IABTCF_VendorConsents", 7);
}

TEST_CASE("Consent Mode: ad_storage and ad_personalization grant personalize, analytics_storage and ad_user_data share") {
  PairDecisions d = from_consent_mode(consent_mode_ok(kAllGranted));
  check_ordinary(d, Use::kPersonalize, kGrant);
  check_ordinary(d, Use::kShare, kGrant);
  for (const Use use : kAllUses) {
    CHECK(at(d, DataCategory::kLocation, use) == kNothing);  // Consent Mode says nothing of location
    CHECK(at(d, DataCategory::kSensitive, use) == kNothing);
  }
  for (const char* key : {"ad_storage", "ad_personalization"}) {
    Keys denied = kAllGranted;
    denied[key] = "denied";
    d = from_consent_mode(consent_mode_ok(denied));
    INFO(key);
    check_ordinary(d, Use::kPersonalize, kWithdraw);
    check_ordinary(d, Use::kShare, kGrant);
    CHECK(at(d, DataCategory::kLocation, Use::kPersonalize) == kWithdraw);
    CHECK(at(d, DataCategory::kSensitive, Use::kPersonalize) == kWithdraw);
    Keys missing = kAllGranted;
    missing.erase(key);  // left out counts as denied
    CHECK(from_consent_mode(consent_mode_ok(missing)) == d);
  }
  for (const char* key : {"analytics_storage", "ad_user_data"}) {
    Keys denied = kAllGranted;
    denied[key] = "denied";
    INFO(key);
    check_ordinary(from_consent_mode(consent_mode_ok(denied)), Use::kShare, kWithdraw);
    check_ordinary(from_consent_mode(consent_mode_ok(denied)), Use::kPersonalize, kGrant);
  }
  Keys storage = kAllGranted;
  storage["personalization_storage"] = "denied";
  check_ordinary(from_consent_mode(consent_mode_ok(storage)), Use::kPersonalize, kWithdraw);
  storage["personalization_storage"] = "granted";
  storage["functionality_storage"] = "denied";
  storage["security_storage"] = "granted";
  check_ordinary(from_consent_mode(consent_mode_ok(storage)), Use::kPersonalize, kGrant);
}

TEST_CASE("Consent Mode refuses what it does not know, naming it") {
  const auto refused = [](const Keys& signals, const std::string& field) {
    auto facts = read_consent_mode(signals);
    REQUIRE_FALSE(facts);
    INFO(facts.status().to_string());
    CHECK(facts.status().code() == ErrorCode::kInvalidArgument);
    CHECK(facts.status().message().rfind(field + ":", 0) == 0);
  };
  refused({}, "consent_mode");
  refused({{"ad_storage", "Granted"}}, "consent_mode.ad_storage");
  refused({{"ad_storage", "yes"}}, "consent_mode.ad_storage");
  refused({{"ad_storage", ""}}, "consent_mode.ad_storage");
  refused({{"wait_for_update", "500"}}, "consent_mode");
  refused({{"AD_STORAGE", "granted"}}, "consent_mode");
}

TEST_CASE("TCF and Consent Mode together: a withdrawal by either wins, a grant needs the other not to withdraw") {
  TcBuilder b;
  b.purposes = {1, 5, 6};
  b.special_features = {1};
  const PairDecisions tcf_d = tcf(b);
  Keys denied = kAllGranted;
  denied["ad_personalization"] = "denied";
  PairDecisions d = combine(tcf_d, from_consent_mode(consent_mode_ok(denied)));
  check_ordinary(d, Use::kPersonalize, kWithdraw);
  CHECK(at(d, DataCategory::kLocation, Use::kPersonalize) == kWithdraw);
  d = combine(tcf_d, from_consent_mode(consent_mode_ok(kAllGranted)));
  check_ordinary(d, Use::kPersonalize, kGrant);
  check_ordinary(d, Use::kShare, kWithdraw);  // the TCF withdraws share though Consent Mode grants it
  CHECK(at(d, DataCategory::kLocation, Use::kPersonalize) == kGrant);  // TCF grants, Consent Mode silent
  CHECK(at(d, DataCategory::kSensitive, Use::kPersonalize) == kNothing);
  CHECK(combine(d, d) == d);
}

TEST_CASE("The plan: choices, policy version and a state hash that follows the state, never the TC string") {
  TcBuilder b;
  b.purposes = {1, 5, 6};
  const std::string tc = b.encode();
  CmpSignals signals;
  signals.iabtcf = with_string(tc);
  signals.consent_mode = kAllGranted;
  auto plan = plan_cmp(signals, {});
  REQUIRE(plan);
  CHECK(plan->policy_version == "tcf:policy=5,gvl=93,cmp=300/7;consent_mode:v2");
  CHECK(plan->cmp_hash.size() == 64);
  CHECK(plan->cmp_hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(plan->policy_version.find(tc) == std::string::npos);
  // One choice per decided pair, in pair order: 4 ordinary x 2 uses, location x 2 (withdrawn), sensitive/share.
  REQUIRE(plan->choices.size() == 11);
  CHECK(plan->choices.front().category == DataCategory::kPreferences);
  CHECK(plan->choices.front().use == Use::kPersonalize);
  CHECK(plan->choices.front().decision == Decision::kGranted);
  CHECK(plan->choices.back().category == DataCategory::kSensitive);
  CHECK(plan->choices.back().use == Use::kShare);
  CHECK(plan->choices.back().decision == Decision::kWithdrawn);

  // The same state, the same hash; any change to it, another.
  CHECK(plan_cmp(signals, {})->cmp_hash == plan->cmp_hash);
  CmpSignals other_mode = signals;
  other_mode.consent_mode["ad_user_data"] = "denied";
  CHECK(plan_cmp(other_mode, {})->cmp_hash != plan->cmp_hash);
  TcBuilder later = b;
  later.last_updated += 864000;  // saved again a day later, same choices
  CmpSignals other_string = signals;
  other_string.iabtcf["IABTCF_TCString"] = later.encode();
  CHECK(plan_cmp(other_string, {})->cmp_hash != plan->cmp_hash);
  CHECK(plan_cmp(signals, CmpOptions{.vendor_id = 0})->cmp_hash == plan->cmp_hash);
  // Keys that only restate the string do not change the state.
  CmpSignals restated = signals;
  restated.iabtcf["IABTCF_PurposeConsents"] = "100011";
  restated.iabtcf["IABTCF_CmpSdkVersion"] = "8";
  CHECK(plan_cmp(restated, {})->cmp_hash == plan->cmp_hash);
}

TEST_CASE("The state hash is the SHA-256 of the documented canonical form") {
  // Computed independently (Python's hashlib) over
  //   "confidant.cmp.v1\ntcf:0:\nconsent_mode:93:ad_personalization=granted\n"
  //   "ad_storage=granted\nad_user_data=granted\nanalytics_storage=granted\n\nvendor_id:1:0\n"
  CmpSignals signals;
  signals.consent_mode = kAllGranted;
  auto plan = plan_cmp(signals, {});
  REQUIRE(plan);
  CHECK(plan->policy_version == "consent_mode:v2");
  CHECK(plan->cmp_hash == "c1549fb9a5da127eea4e8281f3925786729cd871346d23f561785cfc1f5b4385");
}

TEST_CASE("The plan refuses an empty input and a vendor id out of range") {
  auto empty = plan_cmp({}, {});
  REQUIRE_FALSE(empty);
  CHECK(empty.status().message().rfind("cmp:", 0) == 0);
  CmpSignals signals;
  signals.consent_mode = kAllGranted;
  auto vendor = plan_cmp(signals, CmpOptions{.vendor_id = 65536});
  REQUIRE_FALSE(vendor);
  CHECK(vendor.status().message().rfind("vendor_id:", 0) == 0);
  CmpSignals gdpr_off;
  gdpr_off.iabtcf = {{"IABTCF_gdprApplies", "0"}};
  auto nothing = plan_cmp(gdpr_off, {});
  REQUIRE(nothing);
  CHECK(nothing->choices.empty());
  CHECK(nothing->policy_version == "tcf:gdpr_applies=0");
}

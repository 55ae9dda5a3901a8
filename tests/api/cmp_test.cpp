// Sdk::apply_cmp: a CMP's state through the consent ledger. Recorded with
// source "cmp", its versions and a hash of its state (never the TC string);
// a later choice by the person wins until the CMP's state changes; a
// withdrawal through the CMP purges exactly as the person's does; an invalid
// state applies nothing. docs/consent.md, "Consent from a CMP".
#include "common/json.hpp"
#include "support/sdk_harness.hpp"
#include "support/tc_string_builder.hpp"

using namespace sdk_test;
using confidant::testing::TcBuilder;

namespace {

// A TC string consenting to purposes 1, 5, 6, 8 and 9 (both uses), or only
// to 1, 5 and 6 (personalize), on day `day` after the builder's date.
std::string tc_string(std::set<int> purposes, int day = 0, std::set<int> special_features = {}) {
  TcBuilder b;
  b.purposes = std::move(purposes);
  b.special_features = std::move(special_features);
  b.last_updated += static_cast<std::uint64_t>(day) * 864000;
  return b.encode();
}

CmpSignals tcf(const std::string& tc) {
  CmpSignals s;
  s.iabtcf = {{"IABTCF_gdprApplies", "1"}, {"IABTCF_TCString", tc}};
  return s;
}

CmpOutcome apply(Harness& h, const CmpSignals& signals, CmpOptions options = {}) {
  auto outcome = h.sdk->apply_cmp(signals, options);
  INFO(outcome.status().to_string());
  REQUIRE(outcome);
  return outcome.value();
}

ConsentStates states(Harness& h) {
  auto s = h.sdk->consent();
  REQUIRE(s);
  return s.value();
}

json::Value receipt(Harness& h) {
  auto text = h.sdk->consent_receipt();
  REQUIRE(text);
  auto doc = json::parse(text.value());
  REQUIRE(doc);
  return doc.value();
}

const json::Value::Array& records(const json::Value& receipt) { return receipt.find("records")->as_array(); }

const json::Value& signals_of(const json::Value& exported) { return *exported.find("signals"); }

void track_everything(Harness& h) {
  h.track(signal(SignalType::kOrder, "latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
  h.track(signal(SignalType::kView, "tea-2", {"drinks/tea"}));
  h.track(search("decaf", {"drinks/coffee"}));
  h.flush();
}

}  // namespace

TEST_CASE("A CMP's decisions are recorded with source cmp, its versions and its state hash, never the TC string") {
  Harness h;
  const std::string tc = tc_string({1, 5, 6, 8, 9});
  const CmpOutcome outcome = apply(h, tcf(tc));
  CHECK(outcome.applied);
  CHECK(outcome.policy_version == "tcf:policy=5,gvl=93,cmp=300/7");
  CHECK(outcome.of(DataCategory::kPurchases, Use::kPersonalize) == CmpDecision::kGranted);
  CHECK(outcome.of(DataCategory::kLocation, Use::kPersonalize) == CmpDecision::kWithdrawn);
  CHECK(outcome.of(DataCategory::kSensitive, Use::kPersonalize) == CmpDecision::kNone);
  CHECK(outcome.states.granted(DataCategory::kPurchases, Use::kShare));
  CHECK(outcome.states.of(DataCategory::kLocation, Use::kPersonalize) == ConsentState::kDenied);
  CHECK(outcome.states.of(DataCategory::kSensitive, Use::kPersonalize) == ConsentState::kUnknown);
  const ConsentStates now = states(h);
  CHECK(now.states == outcome.states.states);

  const json::Value doc = receipt(h);
  CHECK(doc.find("chain")->find("intact")->as_bool());
  REQUIRE(records(doc).size() == 10);  // 4 ordinary categories + location, both uses; sensitive left alone
  for (const json::Value& r : records(doc)) {
    CHECK(r.find("source")->as_string() == "cmp");
    CHECK(r.find("policy_version")->as_string() == outcome.policy_version);
    CHECK(r.find("text_hash")->as_string() == outcome.cmp_hash);
  }
  auto text = h.sdk->consent_receipt();
  CHECK(text.value().find(tc) == std::string::npos);
  CHECK(h.exported().find(tc) == std::string::npos);

  // Signals of a category the CMP granted are kept.
  track_everything(h);
  CHECK(find_interest(h.profile(), "drinks/coffee/latte") != nullptr);
}

TEST_CASE("The person's later choice wins until the CMP's state changes") {
  Harness h;
  const CmpSignals first = tcf(tc_string({1, 5, 6, 8, 9}));
  REQUIRE(apply(h, first).applied);
  h.deny({DataCategory::kPurchases});  // the person, in the app's own screen
  CHECK(states(h).of(DataCategory::kPurchases, Use::kPersonalize) == ConsentState::kDenied);
  const std::size_t recorded = records(receipt(h)).size();

  SECTION("the same state again records nothing and undoes nothing") {
    const CmpOutcome again = apply(h, first);
    CHECK_FALSE(again.applied);
    CHECK(again.of(DataCategory::kPurchases, Use::kPersonalize) == CmpDecision::kGranted);  // what it would decide
    CHECK(again.states.of(DataCategory::kPurchases, Use::kPersonalize) == ConsentState::kDenied);
    CHECK(records(receipt(h)).size() == recorded);
    // Also after a restart: the state applied last is read from the ledger.
    h.reopen();
    CHECK_FALSE(apply(h, first).applied);
    CHECK(states(h).of(DataCategory::kPurchases, Use::kPersonalize) == ConsentState::kDenied);
    // A person's grant of a pair the CMP withdrew stands just the same.
    h.grant({DataCategory::kLocation});
    CHECK_FALSE(apply(h, first).applied);
    CHECK(states(h).granted(DataCategory::kLocation, Use::kPersonalize));
  }
  SECTION("a changed state applies again") {
    const CmpOutcome changed = apply(h, tcf(tc_string({1, 5, 6, 8, 9}, 1)));  // saved again a day later
    CHECK(changed.applied);
    CHECK(changed.states.granted(DataCategory::kPurchases, Use::kPersonalize));
    CHECK(records(receipt(h)).size() == recorded + 10);
    CHECK(records(receipt(h)).back().find("source")->as_string() == "cmp");
    // And the state before it is a change again too.
    CHECK(apply(h, first).applied);
  }
  SECTION("adding Consent Mode is a change of state") {
    CmpSignals both = first;
    both.consent_mode = {{"ad_storage", "granted"}, {"ad_personalization", "granted"},
                         {"analytics_storage", "granted"}, {"ad_user_data", "granted"}};
    const CmpOutcome changed = apply(h, both);
    CHECK(changed.applied);
    CHECK(changed.policy_version == "tcf:policy=5,gvl=93,cmp=300/7;consent_mode:v2");
    CHECK(changed.states.granted(DataCategory::kPurchases, Use::kPersonalize));
  }
}

TEST_CASE("A withdrawal through the CMP purges exactly as the person's withdrawal does") {
  Harness by_cmp;
  Harness by_person;
  for (Harness* h : {&by_cmp, &by_person}) {
    REQUIRE(apply(*h, tcf(tc_string({1, 5, 6, 8, 9}))).applied);
    track_everything(*h);
    REQUIRE(find_interest(h->profile(), "drinks/coffee/latte") != nullptr);
  }
  // The CMP now withdraws personalize (purpose 5 refused); the person denies
  // the same pairs by hand.
  const CmpOutcome withdrawn = apply(by_cmp, tcf(tc_string({1, 6, 8, 9}, 1)));
  REQUIRE(withdrawn.applied);
  std::vector<DataCategory> categories;
  for (const DataCategory c : kAllCategories) {
    if (withdrawn.of(c, Use::kPersonalize) == CmpDecision::kWithdrawn) categories.push_back(c);
  }
  CHECK(categories.size() == kAllCategories.size());  // sensitive too: withdrawn with the use
  by_person.deny(categories);

  const Profile cmp_profile = by_cmp.profile();
  CHECK(cmp_profile.interests.empty());
  CHECK(cmp_profile.usual.empty());
  auto cmp_export = json::parse(by_cmp.exported());
  auto person_export = json::parse(by_person.exported());
  REQUIRE(cmp_export);
  REQUIRE(person_export);
  CHECK(signals_of(cmp_export.value()).as_array().empty());
  CHECK(signals_of(cmp_export.value()) == signals_of(person_export.value()));
  CHECK(to_json(cmp_profile) == to_json(by_person.profile()));
  CHECK(*cmp_export->find("ranking") == *person_export->find("ranking"));
  // Nothing new is kept either.
  CHECK(by_cmp.sdk->track(signal(SignalType::kView, "tea-3", {"drinks/tea"})).code() == ErrorCode::kNotPermitted);
}

TEST_CASE("A CMP never grants sensitive, and withdraws it with the use") {
  Harness h;
  h.grant({DataCategory::kSensitive}, {Use::kPersonalize, Use::kShare});
  const CmpOutcome all = apply(h, tcf(tc_string({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0, {1, 2})));
  CHECK(all.of(DataCategory::kSensitive, Use::kPersonalize) == CmpDecision::kNone);
  CHECK(all.of(DataCategory::kLocation, Use::kPersonalize) == CmpDecision::kGranted);
  CHECK(all.states.granted(DataCategory::kSensitive, Use::kPersonalize));  // still the person's grant
  const CmpOutcome none = apply(h, tcf(tc_string({}, 1)));
  CHECK(none.states.of(DataCategory::kSensitive, Use::kPersonalize) == ConsentState::kDenied);
  CHECK(none.states.of(DataCategory::kSensitive, Use::kShare) == ConsentState::kDenied);

  Harness fresh;
  const CmpOutcome granted = apply(fresh, tcf(tc_string({1, 5, 6, 8, 9}, 0, {1})));
  for (const Use use : kAllUses) {
    CHECK(granted.states.of(DataCategory::kSensitive, use) == ConsentState::kUnknown);
  }
}

TEST_CASE("An invalid CMP state applies nothing and names the field") {
  Harness h;
  REQUIRE(apply(h, tcf(tc_string({1, 5, 6}))).applied);
  const ConsentStates before = states(h);
  const std::size_t recorded = records(receipt(h)).size();
  const std::string good = tc_string({}, 3);
  const std::vector<std::pair<CmpSignals, std::string>> bad = {
      {tcf(good.substr(0, 30)), "IABTCF_TCString.purposesLITransparency"},
      {tcf(good + "="), "IABTCF_TCString.segments[0]"},
      {tcf("BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA"), "IABTCF_TCString.version"},
      {CmpSignals{{{"IABTCF_TCString", good}, {"IABTCF_PurposeConsents", "1"}}, {}}, "IABTCF_PurposeConsents"},
      {CmpSignals{{}, {{"ad_storage", "maybe"}}}, "consent_mode.ad_storage"},
      {CmpSignals{}, "cmp"},
  };
  for (const auto& [signals, field] : bad) {
    auto outcome = h.sdk->apply_cmp(signals);
    INFO(field << " | " << outcome.status().to_string());
    REQUIRE_FALSE(outcome);
    CHECK(outcome.status().message().rfind(field + ":", 0) == 0);
  }
  auto vendor = h.sdk->apply_cmp(tcf(good), CmpOptions{.vendor_id = 70000});
  REQUIRE_FALSE(vendor);
  CHECK(vendor.status().message().rfind("vendor_id:", 0) == 0);
  CHECK(states(h).states == before.states);
  CHECK(records(receipt(h)).size() == recorded);
}

TEST_CASE("Where GDPR does not apply the TCF decides nothing, and nothing is recorded") {
  Harness h;
  CmpSignals off;
  off.iabtcf = {{"IABTCF_gdprApplies", "0"}};
  const CmpOutcome outcome = apply(h, off);
  CHECK_FALSE(outcome.applied);
  CHECK(outcome.policy_version == "tcf:gdpr_applies=0");
  for (const CmpDecision d : outcome.decisions) CHECK(d == CmpDecision::kNone);
  CHECK(records(receipt(h)).empty());
  // Consent Mode beside it still decides.
  off.consent_mode = {{"ad_storage", "granted"}, {"ad_personalization", "granted"}};
  const CmpOutcome with_mode = apply(h, off);
  CHECK(with_mode.applied);
  CHECK(with_mode.states.granted(DataCategory::kBrowsing, Use::kPersonalize));
  CHECK(with_mode.states.of(DataCategory::kBrowsing, Use::kShare) == ConsentState::kDenied);
  CHECK(with_mode.states.of(DataCategory::kLocation, Use::kPersonalize) == ConsentState::kUnknown);
}

TEST_CASE("grant and deny refuse the cmp source, which only apply_cmp records") {
  Harness h;
  for (const bool grant : {true, false}) {
    const ConsentContext context{Source::kCmp, "1", ""};
    const Status st = grant ? h.sdk->grant({DataCategory::kBrowsing}, {Use::kPersonalize}, context)
                            : h.sdk->deny({DataCategory::kBrowsing}, {Use::kPersonalize}, context);
    CHECK(st.code() == ErrorCode::kInvalidArgument);
    CHECK(st.message().rfind("source:", 0) == 0);
  }
  CHECK(records(receipt(h)).empty());
}

TEST_CASE("apply_cmp after close answers kClosed") {
  Harness h;
  REQUIRE(h.sdk->close());
  auto outcome = h.sdk->apply_cmp(tcf(tc_string({1, 5, 6})));
  REQUIRE_FALSE(outcome);
  CHECK(outcome.status().code() == ErrorCode::kClosed);
}

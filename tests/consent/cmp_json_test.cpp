// The JSON forms of confidant/cmp.hpp: the request the C ABI and the CLI
// pass (strict: unknown fields and wrong types named), and the outcome.
#include <catch2/catch.hpp>

#include <string>

#include "common/json.hpp"
#include "confidant/cmp.hpp"

namespace {

using namespace confidant;

void require_refused(const std::string& json, const std::string& field) {
  auto request = cmp_request_from_json(json);
  INFO(json);
  REQUIRE_FALSE(request);
  INFO(request.status().to_string());
  CHECK(request.status().code() == ErrorCode::kInvalidArgument);
  CHECK(request.status().message().rfind(field + ":", 0) == 0);
}

}  // namespace

TEST_CASE("A CMP request reads every member; numbers in iabtcf become decimal text") {
  auto request = cmp_request_from_json(
      R"({"iabtcf":{"IABTCF_gdprApplies":1,"IABTCF_PurposeConsents":"0101","IABTCF_PolicyVersion":5},)"
      R"("consent_mode":{"ad_storage":"granted","ad_user_data":"denied"},"tc_string":"CQabc","vendor_id":755})");
  INFO(request.status().to_string());
  REQUIRE(request);
  const CmpSignals& s = request->signals;
  CHECK(s.iabtcf.at("IABTCF_gdprApplies") == "1");
  CHECK(s.iabtcf.at("IABTCF_PolicyVersion") == "5");
  CHECK(s.iabtcf.at("IABTCF_PurposeConsents") == "0101");
  CHECK(s.iabtcf.at("IABTCF_TCString") == "CQabc");
  CHECK(s.consent_mode.at("ad_storage") == "granted");
  CHECK(s.consent_mode.at("ad_user_data") == "denied");
  CHECK(request->options.vendor_id == 755);

  auto empty = cmp_request_from_json("{}");
  REQUIRE(empty);
  CHECK(empty->signals.iabtcf.empty());
  CHECK(empty->options.vendor_id == 0);
}

TEST_CASE("A CMP request names what it refuses") {
  require_refused("[]", "cmp");
  require_refused("{\"iabtcf\":{}", "json");
  require_refused(R"({"tcf":"CQ"})", "cmp");
  require_refused(R"({"iabtcf":[]})", "iabtcf");
  require_refused(R"({"iabtcf":{"IABTCF_gdprApplies":true}})", "iabtcf.IABTCF_gdprApplies");
  require_refused(R"({"iabtcf":{"IABTCF_gdprApplies":1.0}})", "iabtcf.IABTCF_gdprApplies");
  require_refused(R"({"consent_mode":{"ad_storage":1}})", "consent_mode.ad_storage");
  require_refused(R"({"consent_mode":"granted"})", "consent_mode");
  require_refused(R"({"tc_string":7})", "tc_string");
  require_refused(R"({"tc_string":"CQ","iabtcf":{"IABTCF_TCString":"CQ"}})", "tc_string");
  require_refused(R"({"vendor_id":-1})", "vendor_id");
  require_refused(R"({"vendor_id":65536})", "vendor_id");
  require_refused(R"({"vendor_id":"755"})", "vendor_id");
}

TEST_CASE("An outcome's JSON lists every pair's decision and state") {
  CmpOutcome outcome;
  outcome.applied = true;
  outcome.cmp_hash = std::string(64, 'a');
  outcome.policy_version = "tcf:policy=5;consent_mode:v2";
  outcome.decisions[2] = CmpDecision::kGranted;    // browsing/personalize
  outcome.decisions[11] = CmpDecision::kWithdrawn;  // sensitive/share
  outcome.states.states[2] = ConsentState::kGranted;
  outcome.states.states[11] = ConsentState::kDenied;
  auto doc = json::parse(to_json(outcome));
  REQUIRE(doc);
  CHECK(doc->find("applied")->as_bool());
  CHECK(doc->find("cmp_hash")->as_string() == outcome.cmp_hash);
  CHECK(doc->find("policy_version")->as_string() == outcome.policy_version);
  const json::Value* decisions = doc->find("decisions");
  const json::Value* states = doc->find("states");
  REQUIRE(decisions->as_object().size() == 6);
  CHECK(decisions->find("browsing")->find("personalize")->as_string() == "granted");
  CHECK(decisions->find("sensitive")->find("share")->as_string() == "withdrawn");
  CHECK(decisions->find("preferences")->find("personalize")->as_string() == "none");
  CHECK(states->find("browsing")->find("personalize")->as_string() == "granted");
  CHECK(states->find("sensitive")->find("share")->as_string() == "denied");
  CHECK(states->find("location")->find("share")->as_string() == "unknown");
  CHECK(cmp_decision_name(CmpDecision::kNone) == "none");
}

// consent cmp: a CMP's signals from the command line (--tcf, --iabtcf FILE,
// --consent-mode, --vendor-id) land in the ledger as source "cmp", the same
// state again leaves the person's later choice alone, and bad input is
// refused with the field named and nothing applied.
#include "cli_runner.hpp"
#include "support/tc_string_builder.hpp"

using namespace cli_test;
using confidant::json::Value;
using confidant::testing::TcBuilder;

namespace {

std::string tc_string(std::set<int> purposes, int day = 0) {
  TcBuilder b;
  b.purposes = std::move(purposes);
  b.last_updated += static_cast<std::uint64_t>(day) * 864000;
  return b.encode();
}

std::string current(const Value& receipt, const std::string& category, const std::string& use) {
  return member(member(member(receipt, "current"), category), use).as_string();
}

}  // namespace

TEST_CASE("cli: consent cmp applies a TC string and Consent Mode, and prints the outcome") {
  Cli cli;
  const std::string tc = tc_string({1, 5, 6, 8, 9});
  const Value outcome = parse_json_line(cli.ok(
      {"consent", "cmp", "--tcf", tc, "--consent-mode", "ad_storage=granted,ad_personalization=granted"}));
  CHECK(member(outcome, "applied").as_bool());
  CHECK(member(outcome, "policy_version").as_string() == "tcf:policy=5,gvl=93,cmp=300/7;consent_mode:v2");
  CHECK(member(outcome, "cmp_hash").as_string().size() == 64);
  // Consent Mode left out analytics_storage and ad_user_data: share is withdrawn.
  CHECK(member(member(member(outcome, "decisions"), "purchases"), "share").as_string() == "withdrawn");
  CHECK(member(member(member(outcome, "states"), "purchases"), "personalize").as_string() == "granted");

  const std::string receipt_text = cli.ok({"consent", "show"});
  CHECK_FALSE(contains(receipt_text, tc));
  const Value receipt = parse_json_line(receipt_text);
  CHECK(current(receipt, "purchases", "personalize") == "granted");
  for (const Value& record : member(receipt, "records").as_array()) {
    CHECK(member(record, "source").as_string() == "cmp");
    CHECK(member(record, "text_hash").as_string() == member(outcome, "cmp_hash").as_string());
  }
}

TEST_CASE("cli: the person's later deny stands until the CMP's state changes") {
  Cli cli;
  const std::string first = tc_string({1, 5, 6});
  cli.ok({"consent", "cmp", "--tcf", first});
  cli.ok({"consent", "deny", "purchases", "personalize"});
  const Value again = parse_json_line(cli.ok({"consent", "cmp", "--tcf", first}));
  CHECK_FALSE(member(again, "applied").as_bool());
  CHECK(current(parse_json_line(cli.ok({"consent", "show"})), "purchases", "personalize") == "denied");
  const Value changed = parse_json_line(cli.ok({"consent", "cmp", "--tcf", tc_string({1, 5, 6}, 1)}));
  CHECK(member(changed, "applied").as_bool());
  CHECK(current(parse_json_line(cli.ok({"consent", "show"})), "purchases", "personalize") == "granted");
}

TEST_CASE("cli: consent cmp reads the IABTCF_ values an app keeps, from a JSON file") {
  Cli cli;
  const auto prefs = cli.write_file(
      "prefs.json",
      R"({"IABTCF_gdprApplies":1,"IABTCF_PolicyVersion":5,"IABTCF_CmpSdkID":300,"IABTCF_CmpSdkVersion":2,)"
      R"("IABTCF_PurposeConsents":"1000110111","IABTCF_SpecialFeaturesOptIns":"1","IABTCF_VendorConsents":"0001"})");
  const Value outcome = parse_json_line(cli.ok({"consent", "cmp", "--iabtcf", prefs.string(), "--vendor-id", "4"}));
  CHECK(member(outcome, "policy_version").as_string() == "tcf:policy=5,cmp=300/2");
  CHECK(member(member(member(outcome, "states"), "location"), "share").as_string() == "granted");
  CHECK(member(member(member(outcome, "states"), "sensitive"), "share").as_string() == "unknown");
  const Value other_vendor = parse_json_line(cli.ok({"consent", "cmp", "--iabtcf", prefs.string(), "--vendor-id", "3"}));
  CHECK(member(member(member(other_vendor, "states"), "browsing"), "personalize").as_string() == "denied");
}

TEST_CASE("cli: bad CMP input is refused naming the field, and nothing is applied") {
  Cli cli;
  const std::string tc = tc_string({1, 5, 6});
  const struct {
    std::vector<std::string> args;
    int exit_code;
    std::string message;
  } cases[] = {
      {{"consent", "cmp"}, 2, "consent cmp: give --tcf"},
      {{"consent", "cmp", "--consent-mode", "ad_storage"}, 2, "--consent-mode: expected SIGNAL=granted|denied"},
      {{"consent", "cmp", "--consent-mode", "ad_storage=granted,ad_storage=denied"}, 2, "ad_storage given twice"},
      {{"consent", "cmp", "--tcf", tc, "--vendor-id", "0"}, 2, "--vendor-id: expected an integer 1..65535"},
      {{"consent", "cmp", "--tcf", tc, "extra"}, 2, "unexpected argument 'extra'"},
      {{"consent", "cmp", "--tcf", tc.substr(0, 27)}, 3, "consent cmp: IABTCF_TCString.purposesConsent: truncated"},
      {{"consent", "cmp", "--tcf", "BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA"}, 1, "IABTCF_TCString.version: 1"},
      {{"consent", "cmp", "--consent-mode", "ad_storage=yes"}, 3, "consent_mode.ad_storage: expected granted or denied"},
      {{"consent", "cmp", "--iabtcf", "/nonexistent/prefs.json"}, 3, "/nonexistent/prefs.json"},
  };
  for (const auto& c : cases) {
    const Run run = cli(c.args);
    INFO(run.err);
    CHECK(run.exit_code == c.exit_code);
    CHECK(contains(run.err, c.message));
    CHECK(run.out.empty());
  }
  const auto bad_json = cli.write_file("bad.json", R"({"IABTCF_gdprApplies":true})");
  const Run run = cli({"consent", "cmp", "--iabtcf", bad_json.string()});
  CHECK(run.exit_code == 3);
  CHECK(contains(run.err, "iabtcf.IABTCF_gdprApplies: expected a string or an integer"));
  const auto with_string = cli.write_file("with.json", R"({"IABTCF_TCString":")" + tc + R"("})");
  const Run twice = cli({"consent", "cmp", "--iabtcf", with_string.string(), "--tcf", tc});
  CHECK(twice.exit_code == 2);
  CHECK(contains(twice.err, "IABTCF_TCString too"));
  CHECK(member(parse_json_line(cli.ok({"consent", "show"})), "records").as_array().empty());
}

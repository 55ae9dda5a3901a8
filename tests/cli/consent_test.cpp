// consent grant|deny|show: decisions land in the ledger, and `show` prints
// the receipt document.
#include "cli_runner.hpp"

using namespace cli_test;
using confidant::json::Value;

namespace {

std::string state(const Value& receipt, const std::string& category, const std::string& use) {
  return member(member(member(receipt, "current"), category), use).as_string();
}

}  // namespace

TEST_CASE("cli: consent grant and deny print nothing, consent show prints the receipt") {
  Cli cli;
  CHECK(cli.ok({"consent", "grant", "purchases,browsing", "personalize"}).empty());

  Value receipt = parse_json_line(cli.ok({"consent", "show"}));
  CHECK(member(receipt, "format").as_string() == "confidant.consent-receipt.v1");
  CHECK(member(member(receipt, "chain"), "intact").as_bool());
  CHECK(state(receipt, "purchases", "personalize") == "granted");
  CHECK(state(receipt, "browsing", "personalize") == "granted");
  CHECK(state(receipt, "purchases", "share") == "unknown");
  CHECK(state(receipt, "search", "personalize") == "unknown");
  const Value::Array& records = member(receipt, "records").as_array();
  REQUIRE(records.size() == 2);
  // In the order the list named them, each stamped with --now and the person as its source.
  CHECK(member(records[0], "category").as_string() == "purchases");
  CHECK(member(records[1], "category").as_string() == "browsing");
  CHECK(member(records[0], "decision").as_string() == "granted");
  CHECK(member(records[0], "source").as_string() == "user");
  CHECK(member(records[0], "at").as_string() == "2026-11-20T08:00:00.000Z");

  CHECK(cli.ok({"consent", "deny", "purchases", "personalize"}).empty());
  receipt = parse_json_line(cli.ok({"consent", "show"}));
  CHECK(state(receipt, "purchases", "personalize") == "denied");
  CHECK(state(receipt, "browsing", "personalize") == "granted");
  REQUIRE(member(receipt, "records").as_array().size() == 3);
  CHECK(member(member(receipt, "records").as_array()[2], "decision").as_string() == "withdrawn");
}

TEST_CASE("cli: \"all\" stands for every category or every use") {
  Cli cli;
  cli.ok({"consent", "grant", "all", "all"});
  const Value receipt = parse_json_line(cli.ok({"consent", "show"}));
  CHECK(member(receipt, "records").as_array().size() == 12);
  for (const std::string category : {"preferences", "browsing", "search", "purchases", "location", "sensitive"}) {
    CHECK(state(receipt, category, "personalize") == "granted");
    CHECK(state(receipt, category, "share") == "granted");
  }
  cli.ok({"consent", "deny", "location,sensitive", "all"});
  const Value after = parse_json_line(cli.ok({"consent", "show"}));
  CHECK(state(after, "location", "share") == "denied");
  CHECK(state(after, "sensitive", "personalize") == "denied");
  CHECK(state(after, "search", "share") == "granted");
}

TEST_CASE("cli: a new store shows every pair unknown") {
  Cli cli;
  const Value receipt = parse_json_line(cli.ok({"consent", "show"}));
  CHECK(member(receipt, "records").as_array().empty());
  CHECK(state(receipt, "preferences", "personalize") == "unknown");
}

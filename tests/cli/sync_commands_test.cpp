// config install, sync, shared, budget: the sync commands through the real
// binary (sending over HTTP is tested with the collector, tests/collector).
#include "cli_runner.hpp"
#include "confidant/brand.hpp"
#include "support/brand_fixture.hpp"

using namespace cli_test;
using confidant::json::Value;
using confidant::testing::cafe_config_json;

namespace {

struct BrandFiles {
  confidant::testing::TestBrand brand;
  const Cli& cli;
  explicit BrandFiles(const Cli& c) : cli(c) { REQUIRE(confidant::brand::write_keys(brand.keys, cli.tmp.path() / "keys")); }
  std::string signer() const { return (cli.tmp.path() / "keys" / "signing.pub").string(); }
  std::string config(int version) const {
    return cli.write_file("config-" + std::to_string(version) + ".signed", brand.sign(cafe_config_json(version))).string();
  }
};

const std::string kOrder = R"({"type":"order","item":"latte","categories":["drinks/coffee"],"attrs":{"milk":"oat"}})";

std::vector<Value> jsonl(const std::string& out) {
  std::vector<Value> lines;
  std::size_t start = 0;
  while (start < out.size()) {
    const std::size_t end = out.find('\n', start);
    REQUIRE(end != std::string::npos);
    auto parsed = confidant::json::parse(std::string_view(out).substr(start, end - start));
    REQUIRE(parsed);
    lines.push_back(parsed.value());
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("cli: config install pins the signer, a forged or older config is refused with its reason") {
  Cli cli;
  BrandFiles brand(cli);
  const Value installed = parse_json_line(cli.ok({"config", "install", brand.config(2), "--signer", brand.signer()}));
  CHECK(member(installed, "installed_version").as_int64() == 2);
  CHECK(fs::exists(cli.dir() / "brand_signer.pub"));

  confidant::testing::TestBrand impostor;
  const std::string forged = cli.write_file("forged.signed", impostor.sign(cafe_config_json(3))).string();
  Run refused = cli({"config", "install", forged, "--signer", brand.signer()});
  CHECK(refused.exit_code == 3);
  CHECK(contains(refused.err, "signature does not verify"));

  Run rollback = cli({"config", "install", brand.config(1), "--signer", brand.signer()});
  CHECK(rollback.exit_code == 3);
  CHECK(contains(rollback.err, "rollback refused"));

  CHECK(member(parse_json_line(cli.ok({"budget"})), "config_version").as_int64() == 2);
  // Once pinned, --signer may be left out: the pin verifies.
  CHECK(member(parse_json_line(cli.ok({"config", "install", brand.config(4)})), "installed_version").as_int64() == 4);

  // Another brand's key never replaces the pin, even with a config it signed.
  confidant::testing::TestBrand other;
  REQUIRE(confidant::brand::write_keys(other.keys, cli.tmp.path() / "takeover"));
  const std::string takeover = cli.write_file("takeover.signed", other.sign(cafe_config_json(9))).string();
  Run hijack = cli({"config", "install", takeover, "--signer", (cli.tmp.path() / "takeover" / "signing.pub").string()});
  CHECK(hijack.exit_code == 3);
  CHECK(contains(hijack.err, "is not the brand key pinned for this store"));
  CHECK(member(parse_json_line(cli.ok({"budget"})), "config_version").as_int64() == 4);
}

TEST_CASE("cli: config install of a directory or an unreadable file is bad input naming the file") {
  Cli cli;
  BrandFiles brand(cli);
  // Before the fix: exit 1, "unexpected failure: basic_filebuf::underflow".
  const std::string folder = (cli.tmp.path() / "not-a-config").string();
  fs::create_directories(folder);
  Run directory = cli({"config", "install", folder, "--signer", brand.signer()});
  CHECK(directory.exit_code == 3);
  CHECK(contains(directory.err, folder + ": is a directory"));
  Run absent = cli({"config", "install", folder + "/absent.signed", "--signer", brand.signer()});
  CHECK(absent.exit_code == 3);
  CHECK(contains(absent.err, "absent.signed: cannot read"));
  // The same for the signer file.
  Run signer = cli({"config", "install", brand.config(1), "--signer", folder});
  CHECK(signer.exit_code == 3);
  CHECK(contains(signer.err, folder + ": is a directory"));
  CHECK_FALSE(fs::exists(cli.dir() / "brand_signer.pub"));
}

TEST_CASE("cli: the first config install needs --signer") {
  Cli cli;
  BrandFiles brand(cli);
  Run missing = cli({"config", "install", brand.config(1)});
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, "no brand key is pinned"));
}

TEST_CASE("cli: config install against another brand's signing key is refused and pins nothing") {
  Cli cli;
  BrandFiles brand(cli);
  confidant::testing::TestBrand other;
  REQUIRE(confidant::brand::write_keys(other.keys, cli.tmp.path() / "other"));
  const std::string other_signer = (cli.tmp.path() / "other" / "signing.pub").string();

  Run refused = cli({"config", "install", brand.config(1), "--signer", other_signer});
  CHECK(refused.exit_code == 3);
  CHECK(contains(refused.err, "signature does not verify"));
  CHECK(refused.out.empty());
  CHECK_FALSE(fs::exists(cli.dir() / "brand_signer.pub"));

  const std::string not_a_key = cli.write_file("not-a-key.pub", "hello\n").string();
  Run malformed = cli({"config", "install", brand.config(1), "--signer", not_a_key});
  CHECK(malformed.exit_code == 3);
  CHECK(contains(malformed.err, "64 hex digits"));

  cli.ok({"config", "install", brand.config(1), "--signer", brand.signer()});
  const fs::perms mode = fs::status(cli.dir() / "brand_signer.pub").permissions() & fs::perms::all;
  CHECK(mode == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read));
  // The pin is the signer's key as given: its first line, 64 hex digits.
  CHECK(confidant::testing::read_bytes(cli.dir() / "brand_signer.pub") ==
        confidant::testing::read_bytes(brand.signer()));
}

TEST_CASE("cli: sync --dry-run shows decoded reports only for share-consented data") {
  Cli cli;
  BrandFiles brand(cli);
  cli.ok({"config", "install", brand.config(1), "--signer", brand.signer()});
  cli.ok({"consent", "grant", "purchases", "personalize"});
  cli.ok({"track"}, kOrder + "\n" + kOrder + "\n");
  CHECK(cli.ok({"sync", "--dry-run"}).empty());  // personalize only: nothing may be shared

  cli.ok({"consent", "grant", "purchases", "share"});
  const std::vector<Value> reports = jsonl(cli.ok({"sync", "--dry-run"}));
  REQUIRE(reports.size() == 2);
  CHECK(member(reports[0], "metric").as_string() == "top_drink");
  CHECK(member(reports[0], "epsilon").as_double() == 2.0);
  CHECK(member(reports[0], "bits").as_string().size() == 4);
  CHECK(member(reports[1], "metric").as_string() == "milk");
  // A dry run keeps nothing.
  CHECK(cli.ok({"shared"}).empty());
  CHECK(member(parse_json_line(cli.ok({"budget"})), "spent").as_double() == 0.0);
}

TEST_CASE("cli: sync without --url queues the reports, shared and budget show them") {
  Cli cli;
  BrandFiles brand(cli);
  cli.ok({"config", "install", brand.config(1), "--signer", brand.signer()});
  cli.ok({"consent", "grant", "purchases", "personalize,share"});
  cli.ok({"track"}, kOrder + "\n");
  const Value result = parse_json_line(cli.ok({"sync"}));
  CHECK(member(result, "prepared").as_int64() == 2);
  CHECK(member(result, "sent").as_int64() == 0);
  CHECK(member(result, "pending").as_int64() == 2);

  const std::vector<Value> ledger = jsonl(cli.ok({"shared"}));
  REQUIRE(ledger.size() == 2);
  for (const Value& entry : ledger) {
    CHECK(member(entry, "status").as_string() == "pending");
    CHECK(member(entry, "epsilon").as_double() == 2.0);
    CHECK(member(member(entry, "report"), "epsilon").as_double() == 2.0);
  }
  const Value budget = parse_json_line(cli.ok({"budget"}));
  CHECK(member(budget, "spent").as_double() == 4.0);
  CHECK(member(budget, "cap").as_double() == 16.0);
  CHECK(member(budget, "metrics").as_array().size() == 2);

  // Sending to nowhere: the reports stay queued for a later sync.
  const Value unreachable = parse_json_line(cli.ok({"sync", "--url", "http://127.0.0.1:9/v1/reports", "--deadline-ms", "5000"}));
  CHECK(member(unreachable, "sent").as_int64() == 0);
  CHECK(member(unreachable, "pending").as_int64() == 2);
  CHECK(cli({"sync", "--url"}).exit_code == 2);
  CHECK(cli({"sync", "--deadline-ms", "0"}).exit_code == 2);
}

TEST_CASE("cli: sync before any config says so") {
  Cli cli;
  Run r = cli({"sync"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "config: none installed"));
}

TEST_CASE("cli: experiment leave records the exit; an experiment the config does not declare is bad input") {
  Cli cli;
  BrandFiles brand(cli);
  std::string config = cafe_config_json(1);
  config.pop_back();
  config += R"(,"experiments":[{"id":"plain","holdout_share":0.1,"outcomes":[{"source":"orders","buckets":[0,1,3],"epsilon":1}]}]})";
  const std::string file = cli.write_file("experiment.signed", brand.brand.sign(config)).string();
  cli.ok({"config", "install", file, "--signer", brand.signer()});
  Run unknown = cli({"experiment", "leave", "nope"});
  CHECK(unknown.exit_code == 3);
  CHECK(contains(unknown.err, "experiment: no experiment"));
  CHECK(member(parse_json_line(cli.ok({"experiment", "leave", "plain"})), "left").as_string() == "plain");
  CHECK(contains(cli.ok({"consent", "show"}), "\"experiment\":\"plain\""));
  CHECK(cli({"experiment", "stay"}).exit_code == 2);
}

// The command line itself: what is refused with exit 2 before any store or
// key file is touched, and the shape of every message.
#include "cli_runner.hpp"

using namespace cli_test;

namespace {

// Runs with --dir and --key-file under a fresh directory and checks a usage
// error: exit 2, nothing on stdout, a message naming `needle`, and neither
// the store directory nor the key file created.
void expect_usage_error(const std::vector<std::string>& args_after_globals, const std::string& needle,
                        bool with_key = true) {
  TempDir tmp("confidant-cli");
  std::vector<std::string> args = {"--dir", (tmp / "store").string()};
  if (with_key) args.insert(args.end(), {"--key-file", (tmp / "store.key").string()});
  args.insert(args.end(), args_after_globals.begin(), args_after_globals.end());
  const Run run = run_cli(args);
  INFO("args after --dir: " << Catch::Detail::stringify(args_after_globals) << "\nstderr: " << run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  CHECK(contains(run.err, needle));
  CHECK(all_lines_prefixed(run.err));
  CHECK_FALSE(fs::exists(tmp / "store"));
  CHECK_FALSE(fs::exists(tmp / "store.key"));
}

}  // namespace

TEST_CASE("cli: without a key option it says so and exits 2") {
  expect_usage_error({"profile"}, "a key is required", /*with_key=*/false);
}

TEST_CASE("cli: --dir is required") {
  TempDir tmp("confidant-cli");
  const Run run = run_cli({"--key-file", (tmp / "k").string(), "profile"});
  CHECK(run.exit_code == 2);
  CHECK(contains(run.err, "--dir"));
  CHECK_FALSE(fs::exists(tmp / "k"));
}

TEST_CASE("cli: unknown commands, options and missing arguments are usage errors") {
  expect_usage_error({"frobnicate"}, "unknown command 'frobnicate'");
  expect_usage_error({}, "missing command");
  expect_usage_error({"--verbose", "profile"}, "unknown option '--verbose'");
  // Global options come before the command only.
  expect_usage_error({"profile", "--now", kNow}, "profile: unknown option '--now'");
  expect_usage_error({"profile", "extra"}, "unexpected argument 'extra'");
  expect_usage_error({"forget"}, "forget: missing TARGET");
  expect_usage_error({"prefer", "like"}, "prefer: missing");
  expect_usage_error({"prefer", "love", "drinks/tea"}, "unknown kind 'love'");
  expect_usage_error({"prefer", "like", "drinks/tea", "--text"}, "--text needs a value");
  expect_usage_error({"consent"}, "consent: missing");
  expect_usage_error({"consent", "revoke", "all", "all"}, "unknown action 'revoke'");
  expect_usage_error({"consent", "grant", "purchases"}, "missing CATEGORIES and USES");
  expect_usage_error({"track", "a.jsonl", "b.jsonl"}, "unexpected argument 'b.jsonl'");
  expect_usage_error({"--now", "2026-11-20 08:00", "profile"}, "--now: time:");
  expect_usage_error({"--now", kNow, "--now", kNow, "profile"}, "--now given twice");
}

TEST_CASE("cli: a consent list naming something unknown is a usage error naming the item") {
  expect_usage_error({"consent", "grant", "purchases,purchase", "personalize"}, "unknown 'purchase'");
  expect_usage_error({"consent", "deny", "all", "personalise"}, "uses: unknown 'personalise'");
  expect_usage_error({"consent", "grant", "Purchases", "personalize"}, "unknown 'Purchases'");
  expect_usage_error({"consent", "grant", "purchases,", "personalize"}, "unknown ''");
  expect_usage_error({"consent", "grant", "", "personalize"}, "categories: empty");
}

TEST_CASE("cli: both key options at once are refused") {
  TempDir tmp("confidant-cli");
  const Run run = run_cli({"--dir", (tmp / "s").string(), "--passphrase-env", "X", "--key-file",
                           (tmp / "k").string(), "profile"});
  CHECK(run.exit_code == 2);
  CHECK(contains(run.err, "not both"));
}

TEST_CASE("cli: --passphrase-env naming an unset or empty variable exits 2") {
  TempDir tmp("confidant-cli");
  const std::vector<std::string> args = {"--dir", (tmp / "s").string(), "--passphrase-env",
                                         "CONFIDANT_CLI_TEST_PASSPHRASE", "profile"};
  const Run unset = run_cli(args, "", {{"CONFIDANT_CLI_TEST_PASSPHRASE", std::nullopt}});
  CHECK(unset.exit_code == 2);
  CHECK(contains(unset.err, "CONFIDANT_CLI_TEST_PASSPHRASE"));
  const Run empty = run_cli(args, "", {{"CONFIDANT_CLI_TEST_PASSPHRASE", ""}});
  CHECK(empty.exit_code == 2);
  CHECK(all_lines_prefixed(empty.err));
  CHECK_FALSE(fs::exists(tmp / "s"));
}

TEST_CASE("cli: rank checks its arguments") {
  expect_usage_error({"rank"}, "rank: missing FILE");
  expect_usage_error({"rank", "c.jsonl", "--limit", "0"}, "--limit: expected a positive integer");
  expect_usage_error({"rank", "c.jsonl", "--limit", "5x"}, "--limit: expected a positive integer");
  expect_usage_error({"rank", "c.jsonl", "--slot", "related:"}, "--slot: expected home or related:ITEM");
  expect_usage_error({"rank", "c.jsonl", "--seed", "-1"}, "--seed: expected a non-negative integer");
  expect_usage_error({"rank", "c.jsonl", "--text", "x"}, "rank: unknown option '--text'");
}

TEST_CASE("cli: --help prints the usage on stdout and succeeds") {
  const Run run = run_cli({"--help"});
  CHECK(run.exit_code == 0);
  CHECK(contains(run.out, "usage: confidant --dir DIR"));
  CHECK(contains(run.out, "4 wrong key"));
  CHECK(run.err.empty());
}

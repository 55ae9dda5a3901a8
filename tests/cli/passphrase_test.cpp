// The passphrase key provider through the CLI. Argon2 at its default cost
// makes each opening slow, so this file keeps to two of them.
#include "cli_runner.hpp"

using namespace cli_test;

TEST_CASE("cli: a store made with one passphrase opens with no other (exit 4)") {
  TempDir tmp("confidant-cli");
  const std::string var = "CONFIDANT_CLI_TEST_PASSPHRASE";
  const std::vector<std::string> args = {"--dir",   (tmp / "store").string(), "--passphrase-env", var, "--now", kNow,
                                         "consent", "grant",                  "purchases",        "personalize"};
  const Run created = run_cli(args, "", {{var, "correct horse battery staple"}});
  INFO(created.err);
  REQUIRE(created.exit_code == 0);
  const auto before = confidant::testing::hash_directory(tmp / "store");

  const Run wrong = run_cli({"--dir", (tmp / "store").string(), "--passphrase-env", var, "consent", "show"}, "",
                            {{var, "correct horse battery stapler"}});
  CHECK(wrong.exit_code == 4);
  CHECK(wrong.out.empty());
  CHECK(contains(wrong.err, "wrong_key"));
  CHECK(all_lines_prefixed(wrong.err));
  CHECK(confidant::testing::hash_directory(tmp / "store") == before);
}

// track: JSONL in, {"accepted":N,"rejected":M} out, one stderr line per
// rejection naming its line, exit 3 only for bad input.
#include "cli_runner.hpp"

using namespace cli_test;

namespace {

const std::string kOrder =
    R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],"attrs":{"milk":"oat"}})";
const std::string kView = R"({"type":"view","item":"tea-7","categories":["drinks/tea"]})";

// Lines 1-2 valid, 3 blank, 4 malformed JSON, 5 a rating out of range, 6 a
// search (not granted), 7 valid, 8 an unknown field.
const std::string kMixed = kOrder + "\n" + kView + "\n" + "   \n" + R"({"type":"order","item":)" + "\n" +
                           R"({"type":"rate","item":"latte-1","rating":9})" + "\n" +
                           R"({"type":"search","query":"green tea"})" + "\n" + kOrder + "\n" +
                           R"({"type":"view","item":"x","colour":"red"})" + "\n";

void check_mixed(const Run& run) {
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 3);
  CHECK(run.out == "{\"accepted\":3,\"rejected\":4}\n");
  CHECK(all_lines_prefixed(run.err));
  CHECK(contains(run.err, "confidant: line 4: json: offset"));
  CHECK(contains(run.err, "confidant: line 5: rating"));
  CHECK(contains(run.err, "confidant: line 6: search: not granted for personalize: signal dropped\n"));
  CHECK(contains(run.err, "confidant: line 8: colour"));
  // The blank line is skipped and counted nowhere; valid lines say nothing.
  CHECK_FALSE(contains(run.err, "line 1:"));
  CHECK_FALSE(contains(run.err, "line 3:"));
  CHECK_FALSE(contains(run.err, "line 7:"));
}

}  // namespace

TEST_CASE("cli: track counts accepted and rejected lines and names each rejection's line") {
  Cli cli;
  cli.ok({"consent", "grant", "purchases,browsing", "personalize"});
  const fs::path file = cli.write_file("signals.jsonl", kMixed);
  check_mixed(cli({"track", file.string()}));

  // Everything accepted was stored before the counts were printed.
  const std::string exported = cli.ok({"export"});
  CHECK(contains(exported, "tea-7"));
  CHECK_FALSE(contains(exported, "green tea"));
}

TEST_CASE("cli: track reads standard input when the file is '-' or absent") {
  Cli cli;
  cli.ok({"consent", "grant", "purchases,browsing", "personalize"});
  check_mixed(cli({"track", "-"}, kMixed));
  check_mixed(cli({"track"}, kMixed));
}

TEST_CASE("cli: signals dropped for want of consent are rejected but are not bad input (exit 0)") {
  Cli cli;
  cli.ok({"consent", "grant", "browsing", "personalize"});
  const Run run = cli({"track"}, kView + "\n" + kOrder + "\n" + kView);  // no newline at the end: still a line
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "{\"accepted\":2,\"rejected\":1}\n");
  CHECK(run.err == "confidant: line 2: purchases: not granted for personalize: signal dropped\n");
}

TEST_CASE("cli: track of an empty input accepts nothing and succeeds") {
  Cli cli;
  const Run run = cli({"track"}, "\n\n");
  CHECK(run.exit_code == 0);
  CHECK(run.out == "{\"accepted\":0,\"rejected\":0}\n");
}

TEST_CASE("cli: track of a missing file is bad input and leaves no store behind") {
  Cli cli;
  const Run run = cli({"track", (cli.tmp / "absent.jsonl").string()});
  CHECK(run.exit_code == 3);
  CHECK(run.out.empty());
  CHECK(contains(run.err, "absent.jsonl"));
  CHECK_FALSE(fs::exists(cli.dir()));
  CHECK_FALSE(fs::exists(cli.key()));
}

TEST_CASE("cli: a file larger than the SDK's queue is tracked completely") {
  Cli cli;
  cli.ok({"consent", "grant", "browsing", "personalize"});
  std::string lines;
  const int count = 12000;  // the default queue holds 10000
  for (int i = 0; i < count; ++i) {
    lines += R"({"type":"view","item":"item-)" + std::to_string(i) + R"(","categories":["books/fiction"]})" + "\n";
  }
  const Run run = cli({"track", cli.write_file("many.jsonl", lines).string()});
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "{\"accepted\":" + std::to_string(count) + ",\"rejected\":0}\n");
  CHECK(contains(cli.ok({"export"}), "item-" + std::to_string(count - 1)));
}

TEST_CASE("cli: a like without the preferences grant is rejected, a line on a blocked target is dropped by the store, with a note") {
  Cli cli;
  cli.ok({"consent", "grant", "browsing", "personalize"});
  cli.ok({"prefer", "block", "drinks/tea"});  // honoured without the preferences grant
  const Run run = cli({"track"}, kView + "\n" + R"({"type":"like","categories":["books"],"text":"more novels"})" "\n");
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "{\"accepted\":1,\"rejected\":1}\n");
  CHECK(run.err == "confidant: line 2: preferences: not granted for personalize: signal dropped\n"
                   "confidant: 1 accepted signal(s) were then dropped by the store: a blocked target, or a like or "
                   "dislike without preferences granted\n");
  const std::string exported = cli.ok({"export"});
  CHECK_FALSE(contains(exported, "tea-7"));
  CHECK_FALSE(contains(exported, "more novels"));
}

// confidant privacy-center --json: the model of a real store as one JSON
// object, and the store's changes (made through other commands) in it.
#include "cli_runner.hpp"

using namespace cli_test;
using confidant::json::Value;

namespace {

std::string a_week_of_oat_lattes() {
  std::string lines;
  for (int day = 13; day <= 19; ++day) {
    lines += R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],"attrs":{"milk":"oat"},"at":"2026-11-)" +
             std::to_string(day) + R"(T08:00:00Z"})" + "\n";
  }
  return lines;
}

const Value* find_row(const Value& center, std::string_view section_id, std::string_view row_id) {
  for (const Value& section : member(center, "sections").as_array()) {
    if (member(section, "id").as_string() != section_id) continue;
    for (const Value& row : member(section, "rows").as_array()) {
      if (member(row, "id").as_string() == row_id) return &row;
    }
  }
  return nullptr;
}

std::string line_text(const Value& row, std::string_view key) {
  for (const Value& line : member(row, "lines").as_array()) {
    if (member(line, "key").as_string() == key) return member(line, "text").as_string();
  }
  return "";
}

}  // namespace

TEST_CASE("cli: privacy-center --json prints the model as one object") {
  Cli cli;
  cli.ok({"consent", "grant", "preferences,purchases", "personalize"});
  cli.ok({"track"}, a_week_of_oat_lattes());
  cli.ok({"prefer", "like", "drinks/tea", "--text", "green tea, never sweetened"});

  const Value center = parse_json_line(cli.ok({"privacy-center", "--json"}));
  CHECK(member(center, "format").as_string() == "confidant.privacy-center.v1");
  CHECK(member(center, "as_of").as_string() == "2026-11-20T08:00:00.000Z");
  CHECK(member(member(center, "title"), "key").as_string() == "center.title");

  const Value* usual = find_row(center, "learned", "usual:milk=oat");
  REQUIRE(usual != nullptr);
  CHECK(contains(line_text(*usual, "explanation"), "your usual (7 of 7 orders)"));
  CHECK(line_text(*usual, "learned.last_fed") == "Latest activity on 2026-11-19");
  const Value* tea = find_row(center, "told", "told:like:drinks/tea");
  REQUIRE(tea != nullptr);
  CHECK(contains(line_text(*tea, "told.words"), "green tea, never sweetened"));
  const Value& forget = member(*tea, "actions").as_array().at(0);
  CHECK(member(forget, "id").as_string() == "forget");
  CHECK(member(member(forget, "target"), "target").as_string() == "drinks/tea");

  // A change made elsewhere shows in the next model.
  cli.ok({"forget", "milk=oat"});
  const Value after = parse_json_line(cli.ok({"privacy-center", "--json"}));
  CHECK(find_row(after, "learned", "usual:milk=oat") == nullptr);
}

TEST_CASE("cli: privacy-center needs --json and takes nothing else") {
  Cli cli;
  const Run bare = cli({"privacy-center"});
  CHECK(bare.exit_code == 2);
  CHECK(contains(bare.err, "privacy-center: say how to show it: --json"));
  const Run other = cli({"privacy-center", "--json", "--html"});
  CHECK(other.exit_code == 2);
  CHECK(contains(other.err, "privacy-center: unknown option '--html'"));
  CHECK_FALSE(fs::exists(cli.db()));  // refused before any store was opened
}

TEST_CASE("cli: privacy-center --serve needs HOST:PORT and is refused before any store is opened") {
  Cli cli;
  for (const char* bad : {"127.0.0.1", "127.0.0.1:http", "127.0.0.1:65536", "::1:0", ":8080", "[::1:0"}) {
    const Run run = cli({"privacy-center", "--serve", bad});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, std::string("expected HOST:PORT (e.g. 127.0.0.1:0), got '") + bad + "'"));
  }
  CHECK(contains(cli({"privacy-center", "--serve"}).err, "--serve needs HOST:PORT"));
  CHECK(contains(cli({"privacy-center", "--json", "--serve", "127.0.0.1:0"}).err, "choose one"));
  CHECK_FALSE(fs::exists(cli.db()));
}

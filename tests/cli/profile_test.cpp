// profile, prefer, forget and export through the CLI: what the person can
// read back, in JSON, with provenance; and --now making it reproducible.
#include "cli_runner.hpp"

using namespace cli_test;
using confidant::json::Value;

namespace {

// Four morning oat lattes on the days before kNow, and one view of tea.
std::string orders_and_a_view() {
  std::string lines;
  for (int day = 16; day <= 19; ++day) {
    lines += R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],"attrs":{"milk":"oat"},"at":"2026-11-)" +
             std::to_string(day) + R"(T08:00:00Z"})" + "\n";
  }
  lines += R"({"type":"view","item":"tea-7","categories":["drinks/tea"],"at":"2026-11-19T15:00:00Z"})" "\n";
  return lines;
}

const Value* find_by(const Value& array, std::string_view key, std::string_view value) {
  for (const Value& entry : array.as_array()) {
    const Value* field = entry.find(key);
    if (field != nullptr && field->as_string() == value) return &entry;
  }
  return nullptr;
}

Value profile_of(const Cli& cli) { return parse_json_line(cli.ok({"profile"})); }

}  // namespace

TEST_CASE("cli: after orders the profile shows the usual and the interests, with explanations") {
  Cli cli;
  cli.ok({"consent", "grant", "purchases,browsing", "personalize"});
  CHECK(cli.ok({"track"}, orders_and_a_view()) == "{\"accepted\":5,\"rejected\":0}\n");

  const Value profile = profile_of(cli);
  CHECK(member(profile, "as_of").as_string() == "2026-11-20T08:00:00.000Z");
  CHECK_FALSE(member(profile, "paused").as_bool());
  const Value* milk = find_by(member(profile, "usual"), "attribute", "milk");
  REQUIRE(milk != nullptr);
  CHECK(member(*milk, "value").as_string() == "oat");
  CHECK(member(*milk, "orders").as_int64() == 4);
  CHECK(contains(member(*milk, "explanation").as_string(), "usual"));
  const Value* latte = find_by(member(profile, "interests"), "target", "drinks/coffee/latte");
  REQUIRE(latte != nullptr);
  CHECK(member(*latte, "signals").as_int64() == 4);
  CHECK(member(*latte, "last").as_string() == "2026-11-19T08:00:00.000Z");
  CHECK_FALSE(member(*latte, "explanation").as_string().empty());
  CHECK(find_by(member(profile, "interests"), "target", "drinks/tea") != nullptr);
}

TEST_CASE("cli: a stated preference is shown verbatim, forget removes it") {
  Cli cli;
  const std::string words = "I'm vegetarian \xe2\x80\x94 \"no meat\", please";
  // Without the preferences grant a like is refused: bad input, with the reason.
  const Run refused = cli({"prefer", "like", "food/vegetarian", "--text", words});
  CHECK(refused.exit_code == 3);
  CHECK(refused.err == "confidant: prefer: preferences: not granted for personalize\n");

  cli.ok({"consent", "grant", "preferences", "personalize"});
  CHECK(cli.ok({"prefer", "like", "food/vegetarian", "--text", words}).empty());
  CHECK(cli.ok({"prefer", "block", "fashion/lingerie"}).empty());

  Value profile = profile_of(cli);
  const Value::Array& preferences = member(profile, "preferences").as_array();
  REQUIRE(preferences.size() == 2);
  CHECK(member(preferences[0], "kind").as_string() == "like");
  CHECK(member(preferences[0], "target").as_string() == "food/vegetarian");
  CHECK(member(preferences[0], "text").as_string() == words);
  CHECK(member(preferences[0], "at").as_string() == "2026-11-20T08:00:00.000Z");
  CHECK(member(preferences[1], "kind").as_string() == "block");

  CHECK(cli.ok({"forget", "food/vegetarian"}) == "{\"forgotten\":\"food/vegetarian\"}\n");
  profile = profile_of(cli);
  REQUIRE(member(profile, "preferences").as_array().size() == 1);
  CHECK(member(member(profile, "preferences").as_array()[0], "target").as_string() == "fashion/lingerie");
  CHECK_FALSE(contains(cli.ok({"export"}), "vegetarian"));
}

TEST_CASE("cli: malformed targets are bad input (exit 3)") {
  Cli cli;
  cli.ok({"consent", "grant", "preferences", "personalize"});
  const Run prefer = cli({"prefer", "dislike", "Drinks/Tea"});
  CHECK(prefer.exit_code == 3);
  CHECK(contains(prefer.err, "confidant: prefer: target"));
  const Run forget = cli({"forget", "milk="});
  CHECK(forget.exit_code == 3);
  CHECK(contains(forget.err, "confidant: forget: target"));
  CHECK(forget.out.empty());
}

TEST_CASE("cli: export holds the consent, the profile and the signals") {
  Cli cli;
  cli.ok({"consent", "grant", "purchases,browsing", "personalize"});
  cli.ok({"track"}, orders_and_a_view());
  const Value exported = parse_json_line(cli.ok({"export"}));
  CHECK(member(exported, "format").as_string() == "confidant.export.v1");
  CHECK(member(member(member(exported, "consent"), "current"), "purchases").find("personalize")->as_string() ==
        "granted");
  CHECK(find_by(member(member(exported, "profile"), "usual"), "attribute", "milk") != nullptr);
  const Value& signals = member(exported, "signals");
  REQUIRE(signals.as_array().size() == 5);
  CHECK(find_by(signals, "item", "tea-7") != nullptr);
  CHECK(member(signals.as_array()[0], "type").as_string() == "order");
}

TEST_CASE("cli: with --now the same commands give the same output, byte for byte") {
  const auto session = [](const Cli& cli) {
    cli.ok({"consent", "grant", "all", "personalize"});
    cli.ok({"track"}, orders_and_a_view() + R"({"type":"search","query":"oat milk"})" + "\n");
    cli.ok({"prefer", "like", "drinks/tea", "--text", "green, please"});
    return cli.ok({"profile"}) + cli.ok({"export"}) + cli.ok({"consent", "show"});
  };
  Cli first;
  Cli second;
  const std::string a = session(first);
  CHECK(a == session(second));
  // And the same store asked twice answers the same.
  CHECK(first.ok({"export"}) == first.ok({"export"}));
}

TEST_CASE("cli: Scenario 10 - denying purchases leaves nothing derived from them in profile or export") {
  Cli cli;
  cli.ok({"consent", "grant", "purchases,browsing", "personalize"});
  cli.ok({"track"}, orders_and_a_view() +
                        R"({"type":"purchase","item":"camera-9","categories":["electronics/camera/bodies"]})" + "\n");
  const Value before = profile_of(cli);
  REQUIRE(find_by(member(before, "usual"), "attribute", "milk") != nullptr);
  REQUIRE(find_by(member(before, "suppressions"), "target", "item:camera-9") != nullptr);

  cli.ok({"consent", "deny", "purchases", "personalize"});
  const Value after = profile_of(cli);
  CHECK(member(after, "usual").as_array().empty());
  CHECK(member(after, "suppressions").as_array().empty());
  CHECK(find_by(member(after, "interests"), "target", "drinks/coffee/latte") == nullptr);
  CHECK(find_by(member(after, "interests"), "target", "milk=oat") == nullptr);
  CHECK(find_by(member(after, "interests"), "target", "drinks/tea") != nullptr);  // browsing stays

  const std::string exported = cli.ok({"export"});
  CHECK_FALSE(contains(exported, "latte-1"));
  CHECK_FALSE(contains(exported, "camera-9"));
  CHECK_FALSE(contains(exported, "oat"));
  CHECK(contains(exported, "tea-7"));

  // New orders are refused at once now, and say why.
  const Run again = cli({"track"}, orders_and_a_view());
  CHECK(again.exit_code == 0);
  CHECK(again.out == "{\"accepted\":1,\"rejected\":4}\n");
  CHECK(contains(again.err, "line 1: purchases: not granted for personalize"));
}

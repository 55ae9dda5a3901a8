// The privacy center model and its action entry point, on a store with a
// barista's week of data: what it shows, that actions taken from the model
// change the next model, that shared reports match the sync ledger, and that
// malformed actions name their field and change nothing.
#include <catch2/catch.hpp>

#include <string>

#include "api/privacy_texts.hpp"
#include "common/json.hpp"
#include "confidant/privacy_center.hpp"
#include "support/sync_harness.hpp"

using namespace sdk_test;

namespace {

Signal order(std::string item, std::vector<std::string> categories, std::map<std::string, std::string> attrs) {
  return signal(SignalType::kOrder, std::move(item), std::move(categories), std::move(attrs));
}

// Seven mornings of oat lattes, a look at the pastries and at tea, and a
// stated liking for tea in the person's own words.
void barista_week(Harness& h) {
  h.grant({DataCategory::kPreferences, DataCategory::kPurchases, DataCategory::kBrowsing});
  for (int day = 0; day < 7; ++day) {
    h.track(order("latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}, {"size", "grande"}}));
    if (day % 3 == 0) h.track(signal(SignalType::kView, "croissant-1", {"food/bakery"}));
    h.clock->advance(kDayMs);
  }
  h.track(signal(SignalType::kView, "sencha-1", {"drinks/tea"}));
  REQUIRE(h.sdk->prefer(PreferenceKind::kLike, "drinks/tea", "green tea, never sweetened"));
  h.flush();
}

PrivacyCenter center_of(Harness& h) {
  auto c = h.sdk->privacy_center();
  INFO(c.status().to_string());
  REQUIRE(c);
  return c.value();
}

const PrivacySection& section(const PrivacyCenter& c, std::string_view id) {
  for (const PrivacySection& s : c.sections) {
    if (s.id == id) return s;
  }
  FAIL("no section " << id);
  throw std::logic_error("unreachable");
}

const PrivacyRow* row(const PrivacyCenter& c, std::string_view section_id, std::string_view row_id) {
  for (const PrivacyRow& r : section(c, section_id).rows) {
    if (r.id == row_id) return &r;
  }
  return nullptr;
}

std::string fact(const PrivacyRow& r, std::string_view name) {
  for (const auto& [key, value] : r.facts) {
    if (key == name) return value;
  }
  return "";
}

const Text* line(const PrivacyRow& r, std::string_view key) {
  for (const Text& t : r.lines) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

bool has_line_starting(const PrivacyRow& r, std::string_view prefix) {
  for (const Text& t : r.lines) {
    if (t.key.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

const PrivacyAction* action_of(const PrivacyRow& r, std::string_view id) {
  for (const PrivacyAction& a : r.actions) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

// What a web page does: sends the action it was given, as JSON, back whole.
PrivacyActionResult press(Harness& h, const PrivacyAction& a) {
  auto r = h.sdk->perform_privacy_action(to_json(a));
  INFO(to_json(a) << " -> " << r.status().to_string());
  REQUIRE(r);
  return r.value();
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("privacy center: a barista's week shows the usual and the stated preference with explanations") {
  Harness h;
  h.clock->set(1795161600000);  // 2026-11-20T08:00:00Z
  barista_week(h);
  const PrivacyCenter c = center_of(h);

  CHECK(c.format == "confidant.privacy-center.v1");
  REQUIRE(c.sections.size() == 5);
  CHECK(c.sections[0].id == "told");
  CHECK(c.sections[4].id == "consent");

  const PrivacyRow* tea = row(c, "told", "told:like:drinks/tea");
  REQUIRE(tea != nullptr);
  CHECK(tea->title.text == "You like tea");
  REQUIRE(line(*tea, "told.words") != nullptr);
  CHECK(contains(line(*tea, "told.words")->text, "green tea, never sweetened"));  // verbatim
  REQUIRE(line(*tea, "explanation") != nullptr);
  CHECK(line(*tea, "explanation")->text == "tea \xe2\x80\x94 you told us");
  CHECK(line(*tea, "told.on")->text == "You told us on 2026-11-27");
  REQUIRE(action_of(*tea, "forget") != nullptr);

  const PrivacyRow* usual = row(c, "learned", "usual:milk=oat");
  REQUIRE(usual != nullptr);
  CHECK(usual->title.text == "oat milk");
  REQUIRE(line(*usual, "explanation") != nullptr);
  CHECK(contains(line(*usual, "explanation")->text, "your usual (7 of 7 orders)"));
  CHECK(fact(*usual, "strength") == "almost_always");
  CHECK(line(*usual, "learned.usual.strength.almost_always")->text == "Almost always your choice");
  // The last oat latte was ordered on the seventh morning.
  CHECK(fact(*usual, "last_fed") == "2026-11-26");
  CHECK(line(*usual, "learned.last_fed")->text == "Latest activity on 2026-11-26");

  const PrivacyRow* coffee = row(c, "learned", "interest:drinks/coffee/latte");
  REQUIRE(coffee != nullptr);
  CHECK(contains(line(*coffee, "explanation")->text, "7 times"));
  CHECK(fact(*coffee, "strength") == "strong");
  CHECK(has_line_starting(*coffee, "learned.strength."));
  // Preferences are granted, so the interest offers like and dislike.
  for (const char* id : {"like", "dislike", "block", "forget"}) CHECK(action_of(*coffee, id) != nullptr);

  const PrivacyRow* purchases = row(c, "consent", "consent:purchases:personalize");
  REQUIRE(purchases != nullptr);
  CHECK(fact(*purchases, "state") == "granted");
  CHECK(fact(*purchases, "source") == "user");
  CHECK(fact(*purchases, "policy_version") == "2026-11");
  CHECK(line(*purchases, "consent.source.user")->text == "You chose this on 2026-11-20");
  CHECK(action_of(*purchases, "deny") != nullptr);
  CHECK(action_of(*purchases, "grant") == nullptr);
  CHECK(section(c, "consent").summary.params == TextParams{{"policy_version", "2026-11"}});

  // Tea is liked already: only dislike is offered on its interest.
  const PrivacyRow* tea_interest = row(c, "learned", "interest:drinks/tea");
  REQUIRE(tea_interest != nullptr);
  CHECK(action_of(*tea_interest, "like") == nullptr);
  CHECK(action_of(*tea_interest, "dislike") != nullptr);

  const PrivacyRow* sensitive = row(c, "not_used", "sensitive");
  REQUIRE(sensitive != nullptr);
  CHECK(sensitive->title.key == "not_used.sensitive.off.title");
}

TEST_CASE("privacy center: the JSON form is one versioned object and every text is keyed and filled") {
  Harness h;
  barista_week(h);
  const PrivacyCenter c = center_of(h);
  auto doc = json::parse(to_json(c));
  INFO(doc.status().to_string());
  REQUIRE(doc);
  CHECK(doc->find("format")->as_string() == "confidant.privacy-center.v1");
  REQUIRE(doc->find("sections")->as_array().size() == 5);

  // Every text the person sees comes from the table, with its parameters in.
  std::vector<const Text*> texts{&c.title};
  for (const PrivacySection& s : c.sections) {
    texts.insert(texts.end(), {&s.title, &s.summary, &s.empty});
    for (const PrivacyRow& r : s.rows) {
      texts.push_back(&r.title);
      for (const Text& t : r.lines) texts.push_back(&t);
      for (const PrivacyAction& a : r.actions) texts.push_back(&a.label);
    }
  }
  const auto table = api::privacy_text_table();
  for (const Text* t : texts) {
    INFO(t->key);
    const bool known = std::any_of(table.begin(), table.end(), [&](const api::TextTemplate& e) { return e.key == t->key; });
    CHECK(known);
    CHECK(t->text != t->key);
    CHECK_FALSE(contains(t->text, "{"));
  }
  // Strength is words, never a score.
  CHECK_FALSE(contains(to_json(c), "\"score\""));
}

TEST_CASE("privacy center: forget, block and withdraw, pressed in the model, change the next model") {
  Harness h;
  barista_week(h);
  PrivacyCenter c = center_of(h);

  SECTION("forget an interest") {
    const PrivacyRow* bakery = row(c, "learned", "interest:food/bakery");
    REQUIRE(bakery != nullptr);
    CHECK(press(h, *action_of(*bakery, "forget")).id == "forget");
    c = center_of(h);
    CHECK(row(c, "learned", "interest:food/bakery") == nullptr);
    CHECK(row(c, "learned", "usual:milk=oat") != nullptr);  // nothing else went
  }
  SECTION("block a category") {
    const PrivacyRow* coffee = row(c, "learned", "interest:drinks/coffee/latte");
    REQUIRE(coffee != nullptr);
    press(h, *action_of(*coffee, "block"));
    c = center_of(h);
    const PrivacyRow* blocked = row(c, "not_used", "block:drinks/coffee/latte");
    REQUIRE(blocked != nullptr);
    CHECK(blocked->title.text == "Not personalized: latte");
    // Undoing is offered on the block itself.
    press(h, *action_of(*blocked, "forget"));
    const PrivacyCenter after = center_of(h);
    CHECK(row(after, "not_used", "block:drinks/coffee/latte") == nullptr);
  }
  SECTION("withdraw purchases: the cell says so and what orders taught is gone") {
    const PrivacyRow* cell = row(c, "consent", "consent:purchases:personalize");
    REQUIRE(cell != nullptr);
    press(h, *action_of(*cell, "deny"));
    c = center_of(h);
    cell = row(c, "consent", "consent:purchases:personalize");
    CHECK(fact(*cell, "state") == "denied");
    CHECK(fact(*cell, "source") == "user");
    // The action carried the policy the person was looking at.
    CHECK(fact(*cell, "policy_version") == "2026-11");
    CHECK(action_of(*cell, "grant") != nullptr);
    CHECK(row(c, "learned", "usual:milk=oat") == nullptr);
    CHECK(row(c, "learned", "interest:drinks/coffee/latte") == nullptr);
    CHECK(row(c, "told", "told:like:drinks/tea") != nullptr);  // stated, not purchases
  }
  SECTION("pause and resume") {
    const PrivacyAction* pause = action_of(*row(c, "not_used", "paused"), "pause");
    REQUIRE(pause != nullptr);
    press(h, *pause);
    c = center_of(h);
    CHECK(row(c, "not_used", "paused")->title.key == "not_used.paused.title");
    CHECK(c.actions.front().id == "resume");
    press(h, c.actions.front());
    CHECK(center_of(h).actions.front().id == "pause");
  }
  SECTION("export returns the document; erase closes the store") {
    const auto exported = press(h, c.actions[1]);
    CHECK(exported.id == "export");
    CHECK(contains(exported.export_json, "\"format\":\"confidant.export.v1\""));
    CHECK(contains(to_json(exported), "\"export\":{\"format\":\"confidant.export.v1\""));
    REQUIRE(c.actions[2].id == "erase");
    CHECK(c.actions[2].confirm.key == "action.erase.confirm");
    press(h, c.actions[2]);
    CHECK(h.sdk->privacy_center().status().code() == ErrorCode::kClosed);
    CHECK_FALSE(std::filesystem::exists(h.dir() / "confidant.db"));
  }
}

TEST_CASE("privacy center: without the preferences grant, like and dislike are not offered") {
  Harness h;
  h.grant({DataCategory::kPurchases});
  h.track(order("latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
  h.flush();
  const PrivacyCenter c = center_of(h);
  const PrivacyRow* coffee = row(c, "learned", "interest:drinks/coffee/latte");
  REQUIRE(coffee != nullptr);
  CHECK(action_of(*coffee, "like") == nullptr);
  CHECK(action_of(*coffee, "block") != nullptr);
  // And asking anyway is refused by the call itself, unchanged.
  CHECK(h.sdk->perform_privacy_action(R"({"id":"like","target":{"target":"drinks/tea"}})").status().code() ==
        ErrorCode::kNotPermitted);
}

TEST_CASE("privacy center: malformed actions name the field and change nothing") {
  Harness h;
  barista_week(h);
  const std::string before = to_json(center_of(h));
  const std::pair<const char*, const char*> cases[] = {
      {R"([1])", "action: expected an object"},
      {R"({"target":{}})", "id: required"},
      {R"({"id":7})", "id: expected a string"},
      {R"({"id":"frob"})", "id: unknown action 'frob'"},
      {R"({"id":"forget"})", "target.target: required"},
      {R"({"id":"forget","target":{"target":""}})", "target.target: required"},
      {R"({"id":"forget","target":{"target":3}})", "target.target: expected a string"},
      {R"({"id":"forget","target":{"target":"drinks/tea","colour":"red"}})", "target.colour: not a field of 'forget'"},
      {R"({"id":"forget","target":"drinks/tea"})", "target: expected an object"},
      {R"({"id":"grant","target":{"category":"purchases"}})", "target.use: required"},
      {R"({"id":"grant","target":{"category":"gold","use":"share"}})", "target.category: unknown value 'gold'"},
      {R"({"id":"deny","target":{"category":"purchases","use":"sell"}})", "target.use: unknown value 'sell'"},
      {R"({"id":"erase","then":"nothing"})", "then: unknown field"},
      {R"({"id":"erase",})", "json: offset"},
  };
  for (const auto& [input, message] : cases) {
    INFO(input);
    auto r = h.sdk->perform_privacy_action(std::string_view(input));
    REQUIRE_FALSE(r);
    CHECK(r.status().code() == ErrorCode::kInvalidArgument);
    CHECK(r.status().message().rfind(message, 0) == 0);
  }
  // A forget of a malformed target reaches Sdk::forget, which names it too.
  auto bad_target = h.sdk->perform_privacy_action(R"({"id":"forget","target":{"target":"milk="}})");
  CHECK(bad_target.status().code() == ErrorCode::kInvalidArgument);
  // The struct form is checked the same way.
  CHECK(h.sdk->perform_privacy_action(PrivacyAction{"block", {}, {}, {}}).status().message() == "target.target: required");
  CHECK(to_json(center_of(h)) == before);
}

TEST_CASE("privacy center: consent cells say where each choice came from") {
  Harness h;
  REQUIRE(h.sdk->grant({DataCategory::kBrowsing}, {Use::kPersonalize}, {Source::kAppDefault, "app-3", ""}));
  const PrivacyCenter first = center_of(h);
  const PrivacyRow* browsing = row(first, "consent", "consent:browsing:personalize");
  CHECK(fact(*browsing, "source") == "app_default");
  CHECK(line(*browsing, "consent.source.app_default") != nullptr);
  CHECK(fact(*browsing, "policy_version") == "app-3");
  const PrivacyRow* location = row(first, "consent", "consent:location:share");
  CHECK(fact(*location, "state") == "unknown");
  CHECK(fact(*location, "source").empty());
  CHECK(line(*location, "consent.state.unknown")->text == "Not asked yet, so not allowed");
  CHECK(action_of(*location, "grant") != nullptr);
  CHECK(action_of(*location, "deny") != nullptr);

  CmpSignals cmp;
  cmp.consent_mode = {{"analytics_storage", "granted"}};
  auto applied = h.sdk->apply_cmp(cmp);
  INFO(applied.status().to_string());
  REQUIRE(applied);
  REQUIRE(applied->applied);
  const PrivacyCenter c = center_of(h);
  bool from_cmp = false;
  for (const PrivacyRow& r : section(c, "consent").rows) {
    if (fact(r, "source") != "cmp") continue;
    from_cmp = true;
    CHECK(line(r, "consent.source.cmp")->text.rfind("From the app's consent settings on ", 0) == 0);
  }
  CHECK(from_cmp);
}

TEST_CASE("privacy center: shared reports decode against the sync ledger, with the budget left") {
  SyncHarness h;
  h.grant({DataCategory::kPurchases}, {Use::kPersonalize, Use::kShare});
  for (int day = 0; day < 5; ++day) {
    h.track(order("latte-1", {"drinks/coffee/latte"}, {{"milk", "oat"}}));
    h.clock->advance(kDayMs);
  }
  const SyncResult sent = h.sync();
  REQUIRE(sent.prepared == 2);
  const std::vector<json::Value> ledger = h.ledger();
  REQUIRE(ledger.size() == 2);

  const PrivacyCenter c = center_of(h);
  for (const json::Value& entry : ledger) {
    const json::Value& report = *entry.find("report");
    const std::string id = report.find("report_id")->as_string();
    INFO(id);
    const PrivacyRow* r = row(c, "shared", "report:" + id);
    REQUIRE(r != nullptr);
    CHECK(fact(*r, "metric") == report.find("metric")->as_string());
    std::string ones;
    for (const json::Value& one : report.find("ones")->as_array()) ones += (ones.empty() ? "" : ", ") + one.as_string();
    CHECK(fact(*r, "buckets") == ones);
    CHECK(fact(*r, "epsilon") == "2");
    CHECK(fact(*r, "status") == status_of(entry));
    CHECK(fact(*r, "data_categories") == "purchases");
    CHECK(line(*r, "shared.report.epsilon")->text == "Privacy cost: \xce\xb5 = 2");
    CHECK(line(*r, "shared.report.status." + status_of(entry)) != nullptr);
    // Sharing can be stopped from the report itself.
    const PrivacyAction* stop = action_of(*r, "deny");
    REQUIRE(stop != nullptr);
    CHECK(stop->target == TextParams{{"category", "purchases"}, {"use", "share"}, {"policy_version", "2026-11"}});
    CHECK(stop->label.text == "Stop sharing What you buy");
  }
  const Budget b = h.budget();
  const PrivacyRow* budget = row(c, "shared", "budget");
  REQUIRE(budget != nullptr);
  CHECK(fact(*budget, "spent") == "4");
  CHECK(fact(*budget, "cap") == "16");
  CHECK(fact(*budget, "left") == "12");
  CHECK(b.spent == 4.0);
  CHECK(line(*budget, "shared.budget.left")->text == "\xce\xb5 12 of 16 left for the last 30 days");
}

TEST_CASE("privacy center: docs/privacy-center.md lists every key of the strings table with its English") {
  const auto bytes = confidant::testing::read_bytes(CONFIDANT_PRIVACY_CENTER_DOC);
  const std::string doc(bytes.begin(), bytes.end());
  for (const api::TextTemplate& t : api::privacy_text_table()) {
    INFO(t.key);
    CHECK(contains(doc, "| `" + std::string(t.key) + "` | " + std::string(t.english) + " |"));
  }
}

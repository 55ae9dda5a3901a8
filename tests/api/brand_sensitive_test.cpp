// A subtree the brand's signed config marks sensitive is sensitive
// everywhere, exactly like a built-in sensitive path (PRIVACY.md, promise 4):
// dropped at intake without the `sensitive` grant, never in the profile, its
// roll-ups, the ranking, its explanations, a shared report or the export; and
// what was kept under it before the config marked it is purged (or, with the
// grant, flagged sensitive) when the config is installed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "support/sync_harness.hpp"

using namespace sdk_test;

namespace {

// The cafe's config plus a bookshop's shelves; `mark_occult`: the brand marks
// books/occult sensitive. epsilon 8, so a report's true value shows through
// (p = 1/2 for its bit, q = 1/(e^8+1) ~ 0.0003 for every other).
std::string bookshop_config(int version, bool mark_occult) {
  const std::string taxonomy = mark_occult ? R"([{"path":"health","sensitive":true},{"path":"books/occult","sensitive":true}])"
                                           : R"([{"path":"health","sensitive":true}])";
  return R"({"version":)" + std::to_string(version) +
         R"(,"brand":"bookshop","epoch_seconds":604800,"budget_window_days":30,"budget_total_cap":64,)"
         R"("min_group_size":100,"taxonomy":)" +
         taxonomy +
         R"(,"metrics":[{"id":"top_shelf","source":"top_category","domain":["books","books/occult","drinks/coffee"],)"
         R"("epsilon":8,"budget_cap":64},)"
         R"({"id":"theme","source":"attribute_value","attribute":"theme","domain":["tarot","cosy"],"epsilon":8,"budget_cap":64}]})";
}

Signal occult_view(int i) {
  return signal(SignalType::kView, "tarot-" + std::to_string(i), {"books/occult/tarot"},
                {{"theme", "tarot"}, {"format", "paperback"}});
}
Signal coffee_view() { return signal(SignalType::kView, "latte", {"drinks/coffee/latte"}, {{"format", "paperback"}}); }

std::vector<Candidate> shelf() {
  Candidate tarot;
  tarot.id = "tarot-1";
  tarot.categories = {"books/occult/tarot"};
  tarot.popularity = 0.9;
  Candidate latte;
  latte.id = "latte";
  latte.categories = {"drinks/coffee/latte"};
  latte.popularity = 0.1;
  return {tarot, latte};
}

// How often each domain member of `metric` was a one, over `runs` dry runs
// (a dry run draws afresh each time: nothing is memoized or charged).
std::map<std::string, int> ones_over_dry_runs(SyncHarness& h, const std::string& metric, int runs) {
  std::map<std::string, int> counts;
  for (int run = 0; run < runs; ++run) {
    const SyncResult result = h.sync(true);
    std::size_t start = 0;
    const std::string& lines = result.dry_run_reports;
    while (start < lines.size()) {
      const std::size_t end = lines.find('\n', start);
      auto report = json::parse(std::string_view(lines).substr(start, end - start));
      REQUIRE(report);
      if (report->find("metric")->as_string() == metric) {
        for (const json::Value& one : report->find("ones")->as_array()) ++counts[one.as_string()];
      }
      start = end + 1;
    }
  }
  return counts;
}

bool mentions(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("a path the brand marks sensitive is dropped at intake without the sensitive grant") {
  SyncHarness h(bookshop_config(1, true));
  h.grant({DataCategory::kBrowsing}, {Use::kPersonalize, Use::kShare});

  const Status refused = h.sdk->track(occult_view(1));
  CHECK(refused.code() == ErrorCode::kNotPermitted);
  CHECK_THAT(refused.message(), Catch::Contains("sensitive"));
  h.track(coffee_view());
  h.flush();

  const Profile p = h.profile();
  for (const Interest& i : p.interests) {
    INFO(i.target);
    CHECK_FALSE(mentions(i.target, "books"));  // neither the path nor any ancestor
    CHECK_FALSE(mentions(i.target, "tarot"));
  }
  const Interest* format = find_interest(p, "format=paperback");
  REQUIRE(format != nullptr);
  CHECK(format->signals == 1);  // the coffee view's alone

  const std::string exported = h.exported();
  CHECK_FALSE(mentions(exported, "occult"));
  CHECK_FALSE(mentions(exported, "tarot"));
}

TEST_CASE("with the grant, a brand-marked path is kept flagged sensitive, and withdrawing sensitive removes it") {
  SyncHarness h(bookshop_config(1, true));
  h.grant({DataCategory::kBrowsing, DataCategory::kSensitive}, {Use::kPersonalize, Use::kShare});
  for (int i = 0; i < 3; ++i) h.track(occult_view(i));
  h.flush();
  REQUIRE(find_interest(h.profile(), "books/occult") != nullptr);

  h.deny({DataCategory::kSensitive});
  CHECK(find_interest(h.profile(), "books/occult") == nullptr);
  CHECK(find_interest(h.profile(), "books") == nullptr);
  CHECK_FALSE(mentions(h.exported(), "occult"));
}

TEST_CASE("rank and why treat a brand-marked path as sensitive") {
  SyncHarness h(bookshop_config(1, true));
  h.grant({DataCategory::kBrowsing}, {Use::kPersonalize});
  h.track(coffee_view());
  h.flush();

  // Filtered like a built-in sensitive path: not ranked, so why() has nothing to explain.
  auto ranked = h.sdk->rank(shelf());
  REQUIRE(ranked);
  REQUIRE(ranked->size() == 1);
  CHECK(ranked->front().id == "latte");
  CHECK(h.sdk->why("tarot-1").status().code() == ErrorCode::kInvalidArgument);
  auto why = h.sdk->why("latte");
  REQUIRE(why);
  for (const Reason& reason : why->reasons) {
    for (const auto& [name, value] : reason.params) CHECK_FALSE(mentions(value, "books"));
  }

  // With the grant it is ranked, and explained from the flagged interest.
  h.grant({DataCategory::kSensitive}, {Use::kPersonalize});
  for (int i = 0; i < 3; ++i) h.track(occult_view(i));
  h.flush();
  ranked = h.sdk->rank(shelf());
  REQUIRE(ranked);
  REQUIRE(ranked->size() == 2);
  why = h.sdk->why("tarot-1");
  REQUIRE(why);
  const bool from_interest = std::any_of(why->reasons.begin(), why->reasons.end(), [](const Reason& r) {
    return r.code == "category_interest" && mentions(r.text, "tarot");
  });
  CHECK(from_interest);
}

TEST_CASE("a shared report never counts a brand-marked path or its ancestors") {
  SyncHarness h(bookshop_config(1, false));
  h.grant({DataCategory::kBrowsing}, {Use::kPersonalize, Use::kShare});
  // Before the mark: much occult browsing, one coffee view.
  for (int i = 0; i < 8; ++i) h.track(occult_view(i));
  h.track(coffee_view());
  h.flush();
  constexpr int kRuns = 60;
  // The control: unmarked, the occult browsing is the true value, and
  // `books` (its ancestor) shows through about half of the runs.
  const auto before = ones_over_dry_runs(h, "top_shelf", kRuns);
  CHECK(before.count("books") == 1);
  CHECK(before.at("books") >= 10);

  REQUIRE(h.sdk->install_config(h.brand.sign(bookshop_config(2, true))));
  const auto after = ones_over_dry_runs(h, "top_shelf", kRuns);
  // Now coffee is the true value; `books` is only ever a false one (q ~ 0.0003).
  CHECK(after.count("drinks/coffee") == 1);
  CHECK(after.at("drinks/coffee") >= 10);
  CHECK((after.count("books") == 0 || after.at("books") <= 2));
  CHECK((after.count("books/occult") == 0 || after.at("books/occult") <= 2));
  const auto theme = ones_over_dry_runs(h, "theme", kRuns);
  CHECK((theme.count("tarot") == 0 || theme.at("tarot") <= 2));
}

TEST_CASE("installing a config that marks a path purges what was kept under it") {
  SyncHarness h(bookshop_config(1, false));
  h.grant({DataCategory::kBrowsing, DataCategory::kPreferences}, {Use::kPersonalize});
  for (int i = 0; i < 4; ++i) h.track(occult_view(i));
  h.track(coffee_view());
  h.flush();
  REQUIRE(h.sdk->prefer(PreferenceKind::kLike, "books/occult", "I read tarot"));
  REQUIRE(h.sdk->prefer(PreferenceKind::kBlock, "books/occult/ouija"));
  {
    const Profile p = h.profile();
    REQUIRE(find_interest(p, "books") != nullptr);
    REQUIRE(find_interest(p, "theme=tarot") != nullptr);
    REQUIRE(find_interest(p, "format=paperback")->signals == 5);
    REQUIRE(mentions(h.exported(), "tarot-3"));
  }

  REQUIRE(h.sdk->install_config(h.brand.sign(bookshop_config(2, true))));
  const auto check_purged = [&h] {
    const Profile p = h.profile();
    for (const Interest& i : p.interests) {
      INFO(i.target);
      CHECK_FALSE(mentions(i.target, "books"));
      CHECK_FALSE(mentions(i.target, "tarot"));
    }
    const Interest* format = find_interest(p, "format=paperback");
    REQUIRE(format != nullptr);
    CHECK(format->signals == 1);  // the occult views' share went, the coffee view's stays
    std::vector<std::string> stated;
    for (const StatedPreference& s : p.preferences) stated.push_back(s.target);
    // The like on a marked path goes; a block only ever narrows, so it stays.
    CHECK(stated == std::vector<std::string>{"books/occult/ouija"});
    const std::string exported = h.exported();
    CHECK_FALSE(mentions(exported, "tarot-"));
    CHECK_FALSE(mentions(exported, "I read tarot"));
    auto ranked = h.sdk->rank(shelf());
    REQUIRE(ranked);
    CHECK(ranked->size() == 1);
  };
  check_purged();
  h.reopen();  // durable, and the reopened SDK reads the marks from the installed config
  check_purged();
  CHECK(h.sdk->track(occult_view(9)).code() == ErrorCode::kNotPermitted);
}

TEST_CASE("installing a config that marks a path flags what was kept, with the grant") {
  SyncHarness h(bookshop_config(1, false));
  h.grant({DataCategory::kBrowsing, DataCategory::kPreferences, DataCategory::kSensitive}, {Use::kPersonalize});
  for (int i = 0; i < 4; ++i) h.track(occult_view(i));
  h.track(coffee_view());
  h.flush();
  REQUIRE(h.sdk->prefer(PreferenceKind::kLike, "books/occult", "I read tarot"));
  const Profile before = h.profile();

  REQUIRE(h.sdk->install_config(h.brand.sign(bookshop_config(2, true))));
  const Profile kept = h.profile();
  // Nothing is lost: the same interests, counted the same.
  for (const std::string target : {"books", "books/occult", "theme=tarot", "format=paperback"}) {
    INFO(target);
    REQUIRE(find_interest(kept, target) != nullptr);
    CHECK(find_interest(kept, target)->signals == find_interest(before, target)->signals);
    CHECK(find_interest(kept, target)->score == Approx(find_interest(before, target)->score).epsilon(1e-9));
  }
  CHECK(mentions(h.exported(), "tarot-3"));

  // Flagged: withdrawing sensitive now removes exactly the occult part.
  h.deny({DataCategory::kSensitive});
  const Profile after = h.profile();
  CHECK(find_interest(after, "books") == nullptr);
  CHECK(find_interest(after, "theme=tarot") == nullptr);
  REQUIRE(find_interest(after, "format=paperback") != nullptr);
  CHECK(find_interest(after, "format=paperback")->signals == 1);
  CHECK(after.preferences.empty());
  const std::string exported = h.exported();
  CHECK_FALSE(mentions(exported, "tarot-"));
  CHECK(mentions(exported, "latte"));
}

TEST_CASE("a config whose taxonomy path is not a category path is refused, naming it") {
  std::string bad = bookshop_config(2, true);
  bad.replace(bad.find("books/occult\",\"sensitive"), 12, "Books/Occult");
  // The brand's tool refuses to sign it; the device runs the same checks.
  confidant::testing::TestBrand brand;
  auto refused = brand::sign_config(bad, brand.keys);
  CHECK(refused.status().code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(refused.status().message(), Catch::Contains("config.taxonomy[1].path"));
  std::string twice = bookshop_config(2, true);
  twice.replace(twice.find("health"), 6, "books/occult");
  refused = brand::sign_config(twice, brand.keys);
  CHECK_THAT(refused.status().message(), Catch::Contains("config.taxonomy[1].path: listed twice"));
}

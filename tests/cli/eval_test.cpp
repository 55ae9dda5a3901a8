// confidant eval through the real binary: the leave-last-out harness on a
// generated personal-taste dataset (Confidant must beat popularity, every
// method has its interval), exact baseline figures on a hand-computed case,
// the repeat split, skipped users, bad input and usage errors.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "common/json.hpp"
#include "support/numbered.hpp"

using namespace cli_test;
using confidant::testing::numbered;

namespace {

// Deterministic, so the dataset (and the figures) never change between runs.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }

 private:
  std::uint64_t state_;
};

const std::vector<std::string> kCategories = {"food/pasta", "food/salads", "drinks/coffee",
                                              "drinks/tea", "food/bakery", "food/sandwiches"};
const std::vector<std::string> kStyles = {"a", "b", "c"};
constexpr std::size_t kItemsPerCategory = 12;
// The whole crowd's favourites, in categories most users do not care about.
const std::vector<std::string> kHits = {"i0-0", "i2-1", "i4-2", "i5-3"};

// Appended piece by piece (support/numbered.hpp says why).
std::string item_id(std::size_t category, std::size_t n) {
  std::string id = numbered("i", static_cast<long long>(category));
  id += '-';
  id += std::to_string(n);
  return id;
}

std::string catalog_text() {
  std::string out;
  for (std::size_t c = 0; c < kCategories.size(); ++c) {
    for (std::size_t n = 0; n < kItemsPerCategory; ++n) {
      const std::string id = item_id(c, n);
      bool hit = false;
      for (const std::string& h : kHits) hit = hit || h == id;
      out += R"({"id":")" + id + R"(","categories":[")" + kCategories[c] + R"("],"attrs":{"style":")" +
             kStyles[n % kStyles.size()] + R"("},"kind":"consumable","popularity":)" + (hit ? "0.9" : "0.1") +
             "}\n";
    }
  }
  return out;
}

std::string interaction(const std::string& user, const std::string& type, std::size_t category, std::size_t n,
                        const std::string& at) {
  return R"({"user":")" + user + R"(","signal":{"type":")" + type + R"(","item":")" + item_id(category, n) +
         R"(","categories":[")" + kCategories[category] + R"("],"attrs":{"style":")" + kStyles[n % kStyles.size()] +
         R"("},"at":")" + at + "\"}}\n";
}

// Each user has a favourite category and style: 55% of their interactions
// are items of both, 20% other items of the category, 25% the crowd's hits.
// So popularity (counts and the brand's prior) points away from what each
// person wants, and the held-out item is usually in the person's taste.
std::string personal_taste_interactions(std::size_t users) {
  Random random(20261120);
  const std::vector<std::string> types = {"order", "view", "click"};
  std::string out;
  for (std::size_t u = 0; u < users; ++u) {
    const std::size_t favourite = u % kCategories.size();
    const std::size_t style = (u / kCategories.size()) % kStyles.size();
    for (std::size_t j = 0; j < 10; ++j) {
      const double r = random.unit();
      std::size_t category = favourite, n = 0;
      if (r < 0.25) {
        const std::string& hit = kHits[random.below(kHits.size())];
        category = static_cast<std::size_t>(hit[1] - '0');
        n = static_cast<std::size_t>(hit[3] - '0');
      } else if (r < 0.8) {
        n = style + kStyles.size() * random.below(kItemsPerCategory / kStyles.size());
      } else {
        n = random.below(kItemsPerCategory);
      }
      char at[32];
      std::snprintf(at, sizeof at, "2026-10-%02zuT%02zu:00:00Z", 1 + 2 * j, 8 + u % 10);
      out += interaction(numbered("u", static_cast<long long>(u)), types[random.below(types.size())], category, n, at);
    }
  }
  return out;
}

struct Figures {
  double hr, ndcg, mrr, hr1;
};

Figures figures(const confidant::json::Value& report, std::string_view method) {
  const auto& m = member(report, method);
  return {member(m, "hr").as_double(), member(m, "ndcg").as_double(), member(m, "mrr").as_double(),
          member(m, "hr1").as_double()};
}

// Every method of a report in the new split, in its order.
const std::vector<const char*> kMethods = {"confidant",      "confidant_no_item_model", "confidant_not_personal",
                                           "most_popular",   "recent_popular",          "item_knn_recent"};

// A method's 95 % interval of one figure, which must hold the figure.
void check_interval(const confidant::json::Value& report, std::string_view method, std::string_view figure) {
  INFO(method << " " << figure);
  const double mean = member(member(report, method), figure).as_double();
  const auto& bounds = member(member(member(report, method), "ci95"), figure);
  REQUIRE(bounds.is_array());
  REQUIRE(bounds.as_array().size() == 2);
  const double low = bounds.as_array()[0].as_double(), high = bounds.as_array()[1].as_double();
  CHECK(0 <= low);
  CHECK(low <= mean);
  CHECK(mean <= high);
  CHECK(high <= 1);
}

void check_relations(const Figures& f) {
  CHECK(f.hr >= 0);
  CHECK(f.hr <= 1);
  CHECK(f.ndcg >= 0);
  CHECK(f.mrr >= 0);
  // One relevant item at position r <= K: 1 >= 1/log2(r+1) >= 1/r.
  CHECK(f.hr >= f.ndcg);
  CHECK(f.ndcg >= f.mrr);
  CHECK(f.mrr >= f.hr1);
}

// Every method's figures exactly equal in two reports.
void check_same_figures(const confidant::json::Value& a_report, const confidant::json::Value& b_report) {
  for (const char* method : kMethods) {
    INFO(method);
    const Figures a = figures(a_report, method), b = figures(b_report, method);
    CHECK(a.hr == b.hr);
    CHECK(a.ndcg == b.ndcg);
    CHECK(a.mrr == b.mrr);
    CHECK(a.hr1 == b.hr1);
  }
}

Run eval(const Cli& cli, const std::string& interactions, const std::string& catalog,
         const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"eval", "--interactions", cli.write_file("interactions.jsonl", interactions).string(),
                                   "--catalog", cli.write_file("catalog.jsonl", catalog).string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

}  // namespace

TEST_CASE("cli: eval on personal-taste data: Confidant beats popularity, with a well-formed report") {
  Cli cli;
  std::string interactions = personal_taste_interactions(60);
  // Two users who cannot be evaluated: one interaction only, and a held-out
  // item the catalog does not have.
  interactions += interaction("lonely", "order", 0, 1, "2026-10-03T08:00:00Z");
  interactions += interaction("gone", "order", 1, 1, "2026-10-03T08:00:00Z");
  interactions += R"({"user":"gone","signal":{"type":"order","item":"discontinued","at":"2026-10-04T08:00:00Z"}})"
                  "\n";

  const Run run = eval(cli, interactions, catalog_text(), {"--json"});
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.empty());
  const auto report = parse_json_line(run.out);
  CHECK(member(report, "users").as_double() == 60);
  CHECK(member(report, "skipped").as_double() == 2);
  CHECK(member(report, "k").as_double() == 10);
  CHECK(member(member(report, "skipped_by_reason"), "too_few").as_double() == 1);
  CHECK(member(member(report, "skipped_by_reason"), "not_in_catalog").as_double() == 1);

  CHECK(member(report, "split").as_string() == "new");
  CHECK(report.find("repeat_users") == nullptr);
  CHECK(report.find("decayed_frequency") == nullptr);

  const Figures confidant = figures(report, "confidant");
  const Figures popular = figures(report, "most_popular");
  const Figures recent = figures(report, "recent_popular");
  for (const char* method : kMethods) {
    INFO(method);
    check_relations(figures(report, method));
    for (const char* figure : {"hr", "ndcg", "mrr", "hr1"}) check_interval(report, method, figure);
  }
  CHECK(confidant.hr > popular.hr);
  CHECK(confidant.ndcg > popular.ndcg);
  CHECK(confidant.hr > recent.hr);

  // Deterministic: the same input gives the same report (intervals
  // included), threads or not.
  CHECK(eval(cli, interactions, catalog_text(), {"--json"}).out == run.out);
  // `--split new` is the default, said or not.
  CHECK(eval(cli, interactions, catalog_text(), {"--json", "--split", "new"}).out == run.out);
  // The table names every method and the metrics at K, with intervals.
  const Run table = eval(cli, interactions, catalog_text(), {"--k", "5"});
  REQUIRE(table.exit_code == 0);
  for (const char* word : {"HR@5", "NDCG@5", "MRR@5", "split: new", "95 % interval"}) CHECK(contains(table.out, word));
  for (const char* method : kMethods) CHECK(contains(table.out, method));
  CHECK(contains(table.out, " ["));
}

namespace {

// The by-hand case: catalog order A, B, C; u1 views A then orders B, u2
// clicks A then orders C. The four times are given as JSON values (an ISO
// string in quotes, or an integer).
const std::string kByHandCatalog = R"({"id":"A","categories":["food/pasta"]})"
                                   "\n"
                                   R"({"id":"B","categories":["food/salads"]})"
                                   "\n"
                                   R"({"id":"C","categories":["drinks/tea"]})"
                                   "\n";

std::string by_hand_log(const std::string& view_a, const std::string& click_a, const std::string& order_b,
                        const std::string& order_c) {
  return R"({"user":"u1","signal":{"type":"view","item":"A","at":)" + view_a + "}}\n" +
         R"({"user":"u2","signal":{"type":"click","item":"A","at":)" + click_a + "}}\n" +
         R"({"user":"u1","signal":{"type":"order","item":"B","at":)" + order_b + "}}\n" +
         R"({"user":"u2","signal":{"type":"order","item":"C","at":)" + order_c + "}}\n";
}

}  // namespace

TEST_CASE("cli: eval's most-popular baseline, computed by hand") {
  // Training parts: u1 {view A}, u2 {click A}, so the counts are A 2, B 0,
  // C 0 and the order A, B, C (ties: catalog order). u1 holds out B; its
  // candidates are B, C: B first. u2 holds out C; its candidates are B, C:
  // C second. All within one week, so recent-popular gives the same order.
  Cli cli;
  const std::string& catalog = kByHandCatalog;
  const std::string interactions = by_hand_log(R"("2026-11-01T08:00:00Z")", R"("2026-11-01T09:00:00Z")",
                                               R"("2026-11-02T08:00:00Z")", R"("2026-11-02T09:00:00Z")");

  const Run at10 = eval(cli, interactions, catalog, {"--json"});
  INFO("stderr: " << at10.err);
  REQUIRE(at10.exit_code == 0);
  const auto report = parse_json_line(at10.out);
  CHECK(member(report, "users").as_double() == 2);
  CHECK(member(report, "skipped").as_double() == 0);
  for (const char* method : {"most_popular", "recent_popular"}) {
    const Figures f = figures(report, method);
    CHECK(f.hr == 1.0);
    CHECK(f.ndcg == Approx((1 + 1 / std::log2(3.0)) / 2).epsilon(1e-12));
    CHECK(f.mrr == 0.75);
  }
  check_relations(figures(report, "confidant"));

  const Run at1 = eval(cli, interactions, catalog, {"--json", "--k", "1"});
  REQUIRE(at1.exit_code == 0);
  const Figures f = figures(parse_json_line(at1.out), "most_popular");
  CHECK(f.hr == 0.5);
  CHECK(f.ndcg == 0.5);
  CHECK(f.mrr == 0.5);
}

TEST_CASE("cli: eval --split repeat, computed by hand") {
  // Catalog A, B, C, every user's candidates. u1 orders B, A 12 days later,
  // and A again 2 days after that (held out: a repeat); u2 orders B, then C
  // (held out: new to u2). Training counts A 1, B 2: most-popular B, A, C.
  //   decayed_frequency: u1 A 0.5^(2/14) above B 0.5^(14/14): first; u2 B
  //     0.5^(1/14), then A, C at 0: third.
  //   most_popular: u1 second, u2 third.
  Cli cli;
  const std::string interactions =
      R"({"user":"u1","signal":{"type":"order","item":"B","at":"2026-10-20T08:00:00Z"}})" "\n"
      R"({"user":"u1","signal":{"type":"order","item":"A","at":"2026-11-01T08:00:00Z"}})" "\n"
      R"({"user":"u1","signal":{"type":"order","item":"A","at":"2026-11-03T08:00:00Z"}})" "\n"
      R"({"user":"u2","signal":{"type":"order","item":"B","at":"2026-11-01T09:00:00Z"}})" "\n"
      R"({"user":"u2","signal":{"type":"order","item":"C","at":"2026-11-02T09:00:00Z"}})" "\n";
  const Run at10 = eval(cli, interactions, kByHandCatalog, {"--json", "--split", "repeat"});
  INFO("stderr: " << at10.err);
  REQUIRE(at10.exit_code == 0);
  const auto report = parse_json_line(at10.out);
  CHECK(member(report, "split").as_string() == "repeat");
  CHECK(member(report, "users").as_double() == 2);
  const Figures decayed = figures(report, "decayed_frequency");
  CHECK(decayed.hr1 == 0.5);
  CHECK(decayed.hr == 1);
  CHECK(decayed.mrr == Approx((1 + 1.0 / 3) / 2).epsilon(1e-12));
  const Figures popular = figures(report, "most_popular");
  CHECK(popular.hr1 == 0);
  CHECK(popular.mrr == Approx((0.5 + 1.0 / 3) / 2).epsilon(1e-12));
  for (const char* method : kMethods) {
    check_relations(figures(report, method));
    check_interval(report, method, "hr1");
  }
  const auto& repeat = member(report, "repeat_users");
  CHECK(member(repeat, "users").as_double() == 1);  // u1
  CHECK(figures(repeat, "decayed_frequency").hr1 == 1);
  CHECK(figures(repeat, "most_popular").mrr == 0.5);

  // HR@1 is the first place of the top-K list: what --k 1 gives as HR.
  const Run at1 = eval(cli, interactions, kByHandCatalog, {"--json", "--split", "repeat", "--k", "1"});
  REQUIRE(at1.exit_code == 0);
  const auto report1 = parse_json_line(at1.out);
  for (const char* method : {"confidant", "confidant_no_item_model", "confidant_not_personal", "most_popular",
                             "recent_popular", "item_knn_recent", "decayed_frequency"}) {
    INFO(method);
    CHECK(figures(report1, method).hr == figures(report, method).hr1);
  }
  const Run table = eval(cli, interactions, kByHandCatalog, {"--split", "repeat"});
  REQUIRE(table.exit_code == 0);
  for (const char* word : {"split: repeat", "HR@1", "decayed_frequency", "repeat users"})
    CHECK(contains(table.out, word));
}

TEST_CASE("cli: a catalog without popularity gives Confidant the training popularity as its prior") {
  // Everyone but the last users orders the hit; each user's held-out item
  // is the hit or, for those who had it, another. With no prior at all
  // Confidant would rank the hit by nothing; with the training popularity
  // (what a brand's item model would carry) it comes first, as for
  // most-popular.
  Cli cli;
  std::string catalog;
  for (const char* id : {"A", "B", "C", "D", "E", "HIT"})
    catalog += std::string(R"({"id":")") + id + R"(","categories":["food/pasta"]})" + "\n";
  std::string interactions;
  for (int u = 0; u < 12; ++u) {
    const std::string user = numbered("u", u);
    const std::string day = u < 10 ? "01" : "03";
    interactions += R"({"user":")" + user + R"(","signal":{"type":"view","item":")" + std::string(1, static_cast<char>('A' + u % 5)) +
                    R"(","at":"2026-11-)" + day + R"(T08:00:00Z"}})" + "\n";
    interactions += R"({"user":")" + user + R"(","signal":{"type":"order","item":"HIT","at":"2026-11-)" + day +
                    R"(T09:00:00Z"}})" + "\n";
    if (u < 10) {
      interactions += R"({"user":")" + user + R"(","signal":{"type":"view","item":")" +
                      std::string(1, static_cast<char>('A' + (u + 1) % 5)) + R"(","at":"2026-11-02T08:00:00Z"}})" + "\n";
    }
  }
  const Run run = eval(cli, interactions, catalog, {"--json", "--k", "1"});
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  const auto report = parse_json_line(run.out);
  CHECK(member(report, "popularity_from_training").as_bool());
  // u10 and u11 hold out HIT (their last positive), never seen in their own training part.
  const Figures confidant = figures(report, "confidant");
  const Figures popular = figures(report, "most_popular");
  CHECK(confidant.hr == popular.hr);
  CHECK(confidant.hr > 0);
}

// Every occurrence of `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

TEST_CASE("cli: a log from before 2000 is moved forward in whole weeks and evaluates the same") {
  // 1998 has the calendar of 2026 (both start on a Thursday, neither is a
  // leap year), so the same dates in 1998 keep every gap, hour and weekday.
  Cli cli;
  const std::string recent = personal_taste_interactions(30);
  const std::string old = replaced(recent, "\"2026-", "\"1998-");
  REQUIRE(old != recent);

  const Run now_run = eval(cli, recent, catalog_text(), {"--json"});
  const Run old_run = eval(cli, old, catalog_text(), {"--json"});
  INFO("stderr: " << old_run.err);
  REQUIRE(now_run.exit_code == 0);
  REQUIRE(old_run.exit_code == 0);
  CHECK(old_run.err.empty());
  const auto now_report = parse_json_line(now_run.out);
  const auto old_report = parse_json_line(old_run.out);
  CHECK(member(now_report, "time_shift_days").as_double() == 0);
  const double shift = member(old_report, "time_shift_days").as_double();
  CHECK(shift > 0);
  CHECK(std::fmod(shift, 7) == 0);
  CHECK(member(old_report, "users").as_double() == member(now_report, "users").as_double());
  check_same_figures(now_report, old_report);
  // The table says so too.
  const Run table = eval(cli, old, catalog_text());
  REQUIRE(table.exit_code == 0);
  CHECK(contains(table.out, "the log starts before 2000"));
}

TEST_CASE("cli: one early or negative time in a recent log is a bad line, not a reason to move the log") {
  Cli cli;
  const std::string recent = personal_taste_interactions(30);
  const std::size_t lines = static_cast<std::size_t>(std::count(recent.begin(), recent.end(), '\n'));
  for (const std::string at : {"1", "-2000000000000000", "-9223372036854775807"}) {
    INFO("at " << at);
    const Run run = eval(cli, recent + R"({"user":"u1","signal":{"type":"view","item":"i0-0","at":)" + at + "}}\n",
                         catalog_text(), {"--json"});
    CHECK(run.exit_code == 3);
    CHECK(run.out.empty());
    CHECK(contains(run.err, "line " + std::to_string(lines + 1) + ": signal."));
    // The good lines stay where they were: none of them is reported.
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  }
}

TEST_CASE("cli: integer times in Unix seconds are read as seconds, and the figures are those of the same log in ISO form") {
  // The by-hand case above, its times as MovieLens gives them: integer
  // seconds (1998-11-01T08:00:00Z = 909907200), which as milliseconds would
  // all fall on 1970-01-11.
  Cli cli;
  const Run seconds =
      eval(cli, by_hand_log("909907200", "909910800", "909993600", "909997200"), kByHandCatalog, {"--json"});
  const Run iso = eval(cli,
                       by_hand_log(R"("1998-11-01T08:00:00Z")", R"("1998-11-01T09:00:00Z")",
                                   R"("1998-11-02T08:00:00Z")", R"("1998-11-02T09:00:00Z")"),
                       kByHandCatalog, {"--json"});
  INFO("stderr: " << seconds.err);
  REQUIRE(seconds.exit_code == 0);
  REQUIRE(iso.exit_code == 0);
  const auto from_seconds = parse_json_line(seconds.out);
  const auto from_iso = parse_json_line(iso.out);
  CHECK(member(from_seconds, "times_in_seconds").as_bool());
  CHECK_FALSE(member(from_iso, "times_in_seconds").as_bool());
  CHECK(member(from_seconds, "time_shift_days").as_double() == member(from_iso, "time_shift_days").as_double());
  check_same_figures(from_seconds, from_iso);
  CHECK(figures(from_seconds, "most_popular").mrr == 0.75);
}

TEST_CASE("cli: a catalog without related items gives Confidant the training co-occurrence as its item model") {
  // Everyone who has X also has Y, and the test users hold Y out after X.
  // P is the crowd's favourite, so popularity alone puts P first; the item
  // model (the brand's "people who chose X also chose Y") puts Y first.
  Cli cli;
  std::string catalog;
  for (const char* id : {"P", "Q", "X", "Y", "Z"})
    catalog += std::string(R"({"id":")") + id + R"(","categories":["food/pasta"]})" + "\n";
  const auto line = [](const std::string& user, const char* type, const char* item, const char* at) {
    return R"({"user":")" + user + R"(","signal":{"type":")" + type + R"(","item":")" + item + R"(","at":")" + at +
           "\"}}\n";
  };
  std::string interactions;
  for (int u = 0; u < 8; ++u) {  // X and Y together; Z held out
    const std::string user = "pair" + std::to_string(u);
    interactions += line(user, "order", "X", "2026-11-01T08:00:00Z") + line(user, "order", "Y", "2026-11-01T09:00:00Z") +
                    line(user, "order", "Z", "2026-11-02T08:00:00Z");
  }
  for (int u = 0; u < 10; ++u) {  // the crowd: P; Q held out
    const std::string user = "crowd" + std::to_string(u);
    interactions += line(user, "order", "P", "2026-11-01T08:00:00Z") + line(user, "order", "Q", "2026-11-02T08:00:00Z");
  }
  for (int u = 0; u < 4; ++u) {  // X twice, then Y held out
    const std::string user = "test" + std::to_string(u);
    interactions += line(user, "order", "X", "2026-11-02T08:00:00Z") + line(user, "order", "X", "2026-11-03T08:00:00Z") +
                    line(user, "order", "Y", "2026-11-03T09:00:00Z");
  }

  const Run run = eval(cli, interactions, catalog, {"--json", "--k", "1"});
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  const auto report = parse_json_line(run.out);
  CHECK(member(report, "related_from_training").as_bool());
  CHECK(member(report, "popularity_from_training").as_bool());
  CHECK(member(report, "users").as_double() == 22);
  // At K = 1 most-popular finds no one's item (the test users get P); the
  // item model finds the test users' Y.
  const Figures confidant = figures(report, "confidant");
  const Figures popular = figures(report, "most_popular");
  CHECK(confidant.hr > popular.hr);

  // A catalog that carries related items is used as it is.
  const std::string with_related = replaced(catalog, R"({"id":"Z",)", R"({"id":"Z","related":{"P":0.5},)");
  const Run given = eval(cli, interactions, with_related, {"--json", "--k", "1"});
  REQUIRE(given.exit_code == 0);
  CHECK_FALSE(member(parse_json_line(given.out), "related_from_training").as_bool());
}

TEST_CASE("cli: eval shows at most 20 bad lines, and counts the rest") {
  Cli cli;
  std::string interactions;
  for (int i = 0; i < 25; ++i)
    interactions += R"({"user":"u1","signal":{"type":"view","item":"A","at":"not a time"}})" "\n";
  const Run run = eval(cli, interactions, R"({"id":"A"})" "\n");
  CHECK(run.exit_code == 3);
  CHECK(all_lines_prefixed(run.err));
  CHECK(contains(run.err, "line 20: "));
  CHECK_FALSE(contains(run.err, "line 21: "));
  CHECK(contains(run.err, "eval: 5 more bad lines not shown"));
}

TEST_CASE("cli: eval refuses malformed input with line numbers (exit 3)") {
  Cli cli;
  const std::string catalog = R"({"id":"A"})"
                              "\n"
                              R"({"id":"B"})"
                              "\n";
  const std::string good = R"({"user":"u1","signal":{"type":"view","item":"A","at":"2026-11-01T08:00:00Z"}})"
                           "\n";
  SECTION("a line that is not an interaction") {
    const Run run = eval(cli, good + "\n" + R"({"user":"u1","signal":{"type":"view","item":"B",)" + "\n", catalog);
    CHECK(run.exit_code == 3);
    CHECK(contains(run.err, "line 3: "));
    CHECK(all_lines_prefixed(run.err));
    CHECK(run.out.empty());
  }
  SECTION("an unknown member, a missing user, a signal without a time") {
    const Run run = eval(cli,
                         good + R"({"user":"u1","signal":{"type":"view","item":"B","at":"2026-11-02T08:00:00Z"},"x":1})" +
                             "\n" + R"({"signal":{"type":"view","item":"B","at":"2026-11-02T08:00:00Z"}})" + "\n" +
                             R"({"user":"u1","signal":{"type":"view","item":"B"}})" + "\n",
                         catalog);
    CHECK(run.exit_code == 3);
    CHECK(contains(run.err, "line 2: unknown field 'x'"));
    CHECK(contains(run.err, "line 3: user: required"));
    CHECK(contains(run.err, "line 4: signal.at: required"));
  }
  SECTION("a signal the SDK refuses") {
    const Run run = eval(cli, good + R"({"user":"u1","signal":{"type":"rate","item":"B","rating":9,"at":"2026-11-02T08:00:00Z"}})" + "\n",
                         catalog);
    CHECK(run.exit_code == 3);
    CHECK(contains(run.err, "line 2: signal.rating"));
  }
  SECTION("a bad catalog line, and a duplicate id") {
    const Run run = eval(cli, good, catalog + R"({"id":"C","popularity":"high"})" + "\n" + R"({"id":"A"})" + "\n");
    CHECK(run.exit_code == 3);
    CHECK(contains(run.err, "line 3: popularity"));
    CHECK(contains(run.err, "line 4: id 'A' already on line 1"));
  }
  SECTION("a catalog value rank() refuses names its line") {
    const Run run = eval(cli, good, catalog + R"({"id":"C","popularity":7})" + "\n");
    CHECK(run.exit_code == 3);
    CHECK(contains(run.err, "line 3: popularity"));
  }
  SECTION("a file that cannot be read") {
    const Run run = run_cli({"eval", "--interactions", (cli.tmp.path() / "absent.jsonl").string(), "--catalog",
                             cli.write_file("catalog.jsonl", catalog).string()});
    CHECK(run.exit_code == 3);
    CHECK(contains(run.err, "cannot read"));
  }
}

TEST_CASE("cli: eval's usage errors (exit 2)") {
  auto expect_usage = [](const std::vector<std::string>& args, const std::string& needle) {
    const Run run = run_cli(args);
    INFO("stderr: " << run.err);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, needle));
    CHECK(all_lines_prefixed(run.err));
  };
  expect_usage({"eval"}, "eval: missing --interactions");
  expect_usage({"eval", "--interactions", "i.jsonl"}, "eval: missing --catalog");
  expect_usage({"eval", "--interactions", "i.jsonl", "--catalog", "c.jsonl", "--k", "0"}, "--k: expected an integer");
  expect_usage({"eval", "--interactions", "i.jsonl", "--catalog", "c.jsonl", "--k", "1001"}, "--k: expected");
  expect_usage({"eval", "--interactions", "i.jsonl", "--catalog", "c.jsonl", "--limit", "3"}, "unknown option '--limit'");
  expect_usage({"eval", "--interactions", "i.jsonl", "--catalog", "c.jsonl", "extra"}, "unexpected argument 'extra'");
  expect_usage({"eval", "--interactions", "i.jsonl", "--json", "--json"}, "--json given twice");
  expect_usage({"eval", "--interactions", "i.jsonl", "--catalog", "c.jsonl", "--split", "old"},
               "--split: expected new or repeat, got 'old'");
  expect_usage({"eval", "--interactions", "i.jsonl", "--catalog", "c.jsonl", "--split", "new", "--split", "new"},
               "--split given twice");
  expect_usage({"eval", "--interactions"}, "--interactions needs a value");
  expect_usage({"--dir", "d", "--key-file", "k", "eval", "--interactions", "i", "--catalog", "c"},
               "eval: takes no global options");
}

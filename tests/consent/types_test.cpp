// Consent vocabulary: every name round-trips, parse errors name the field and
// the bad value, and the CLI's comma lists ("all", duplicates) parse as the
// CLI contract says.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "consent/types.hpp"

namespace {

using namespace confidant::consent;
using confidant::ErrorCode;

TEST_CASE("every category and use round-trips through its name") {
  std::set<std::string> seen;
  for (DataCategory category : kAllCategories) {
    auto parsed = parse_category(name(category));
    REQUIRE(parsed);
    CHECK(parsed.value() == category);
    seen.emplace(name(category));
  }
  CHECK(seen == std::set<std::string>{"preferences", "browsing", "search", "purchases", "location", "sensitive"});
  CHECK(name(Use::kPersonalize) == "personalize");
  CHECK(name(Use::kShare) == "share");
  for (Use use : kAllUses) CHECK(parse_use(name(use)).value() == use);
}

TEST_CASE("states, decisions and sources have stable names") {
  CHECK(name(ConsentState::kUnknown) == "unknown");
  CHECK(name(ConsentState::kGranted) == "granted");
  CHECK(name(ConsentState::kDenied) == "denied");
  CHECK(name(Decision::kGranted) == "granted");
  CHECK(name(Decision::kWithdrawn) == "withdrawn");
  CHECK(name(Source::kUser) == "user");
  CHECK(name(Source::kAppDefault) == "app_default");
  CHECK(name(Source::kCmp) == "cmp");
  CHECK(parse_source("cmp").value() == Source::kCmp);
  for (auto state : {ConsentState::kUnknown, ConsentState::kGranted, ConsentState::kDenied}) {
    CHECK(parse_state(name(state)).value() == state);
  }
  CHECK(parse_decision("withdrawn").value() == Decision::kWithdrawn);
  CHECK(parse_source("app_default").value() == Source::kAppDefault);
  CHECK(state_after(Decision::kGranted) == ConsentState::kGranted);
  CHECK(state_after(Decision::kWithdrawn) == ConsentState::kDenied);
}

TEST_CASE("an unknown name is an invalid argument naming the field and the value") {
  auto category = parse_category("foo");
  REQUIRE_FALSE(category);
  CHECK(category.status().code() == ErrorCode::kInvalidArgument);
  CHECK(category.status().message() == "category: unknown value 'foo'");
  CHECK(parse_use("sell").status().message() == "use: unknown value 'sell'");
  CHECK(parse_state("maybe").status().message() == "state: unknown value 'maybe'");
  CHECK(parse_decision("denied").status().message() == "decision: unknown value 'denied'");
  CHECK(parse_source("brand").status().message() == "source: unknown value 'brand'");
  // Exact and case-sensitive; no trimming.
  CHECK_FALSE(parse_category("Purchases"));
  CHECK_FALSE(parse_category(" purchases"));
  CHECK_FALSE(parse_category(""));
}

TEST_CASE("a bad value is shown safely in the message") {
  CHECK(parse_category("a\nb'c").status().message() == "category: unknown value 'a\\x0ab\\x27c'");
  const std::string long_value(100, 'x');
  CHECK(parse_use(long_value).status().message() == "use: unknown value '" + std::string(64, 'x') + "...'");
  // Quoted as the signals layer quotes (common/quote.hpp): valid UTF-8 stays
  // readable, ill-formed bytes and C1 controls are escaped.
  CHECK(parse_category("caf\xc3\xa9\xff").status().message() == "category: unknown value 'caf\xc3\xa9\\xff'");
  CHECK(parse_category("a\xc2\x85" "b").status().message() == "category: unknown value 'a\\u0085b'");
}

TEST_CASE("comma lists and 'all' parse as the CLI takes them") {
  auto all = parse_categories("all");
  REQUIRE(all);
  CHECK(all.value() == std::vector<DataCategory>(kAllCategories.begin(), kAllCategories.end()));
  auto two = parse_categories("purchases,browsing,purchases");
  REQUIRE(two);
  CHECK(two.value() == std::vector<DataCategory>{DataCategory::kPurchases, DataCategory::kBrowsing});
  CHECK(parse_uses("all").value() == std::vector<Use>{Use::kPersonalize, Use::kShare});
  CHECK(parse_uses("share").value() == std::vector<Use>{Use::kShare});

  CHECK(parse_categories("purchases,foo").status().message() == "category: unknown value 'foo'");
  CHECK(parse_categories("purchases,,search").status().message() == "categories: empty item in 'purchases,,search'");
  CHECK(parse_categories("").status().code() == ErrorCode::kInvalidArgument);
  CHECK_FALSE(parse_uses("personalize,"));
  CHECK_FALSE(parse_uses("all,share"));
}

TEST_CASE("pair indexes are dense and distinct") {
  std::set<std::size_t> indexes;
  for (DataCategory category : kAllCategories) {
    for (Use use : kAllUses) {
      const std::size_t index = pair_index(category, use);
      CHECK(index < kPairCount);
      indexes.insert(index);
    }
  }
  CHECK(indexes.size() == kPairCount);
}

}  // namespace

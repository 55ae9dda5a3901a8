// Signal types: stable names that round-trip, parse errors that name the
// field, and the two documented tables of signals/signal.hpp (data category,
// and which fields each type takes) written out again here, row by row, so a
// change to either is a deliberate edit in two places.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "signals/signal.hpp"

namespace {

using namespace confidant::signals;
using confidant::ErrorCode;
using confidant::consent::DataCategory;

TEST_CASE("every signal type round-trips through its name, and the names are the CLI's") {
  std::set<std::string> seen;
  for (SignalType type : kAllSignalTypes) {
    auto parsed = parse_signal_type(name(type));
    REQUIRE(parsed);
    CHECK(parsed.value() == type);
    seen.emplace(name(type));
  }
  CHECK(seen == std::set<std::string>{"view", "search", "add_to_cart", "purchase", "order", "dismiss",
                                      "already_have", "rate", "visit", "impression", "click", "like",
                                      "dislike", "block"});
  // The enum is dense and kAllSignalTypes lists it in order.
  for (std::size_t i = 0; i < kAllSignalTypes.size(); ++i) CHECK(static_cast<std::size_t>(kAllSignalTypes[i]) == i);
  CHECK(name(static_cast<SignalType>(kAllSignalTypes.size())) == "invalid");
}

TEST_CASE("an unknown type is an invalid argument naming the field and the value") {
  auto parsed = parse_signal_type("foo");
  REQUIRE_FALSE(parsed);
  CHECK(parsed.status().code() == ErrorCode::kInvalidArgument);
  CHECK(parsed.status().message() == "type: unknown value 'foo'");
  // Exact and case-sensitive, no trimming, no aliases.
  CHECK(parse_signal_type("View").status().message() == "type: unknown value 'View'");
  CHECK_FALSE(parse_signal_type(" view"));
  CHECK_FALSE(parse_signal_type("add-to-cart"));
  CHECK(parse_signal_type("").status().message() == "type: unknown value ''");
  CHECK(parse_signal_type("a\nb'c").status().message() == "type: unknown value 'a\\x0ab\\x27c'");
  CHECK(parse_signal_type(std::string(100, 'x')).status().message() ==
        "type: unknown value '" + std::string(64, 'x') + "...'");
}

TEST_CASE("each type maps to the data category documented in signal.hpp") {
  struct Row {
    const char* type;
    const char* category;
  };
  const Row table[] = {
      {"view", "browsing"},        {"impression", "browsing"}, {"click", "browsing"},
      {"add_to_cart", "browsing"}, {"dismiss", "browsing"},    {"rate", "browsing"},
      {"search", "search"},        {"purchase", "purchases"},  {"order", "purchases"},
      {"already_have", "purchases"}, {"visit", "location"},    {"like", "preferences"},
      {"dislike", "preferences"},  {"block", "preferences"},
  };
  std::set<std::string> covered;
  for (const Row& row : table) {
    INFO("type " << row.type);
    auto type = parse_signal_type(row.type);
    REQUIRE(type);
    CHECK(confidant::consent::name(data_category(type.value())) == row.category);
    covered.emplace(row.type);
  }
  CHECK(covered.size() == kAllSignalTypes.size());
  // Sensitivity comes from the taxonomy, never from the type.
  for (SignalType type : kAllSignalTypes) CHECK(data_category(type) != DataCategory::kSensitive);
  CHECK(is_preference(SignalType::kLike));
  CHECK(is_preference(SignalType::kDislike));
  CHECK(is_preference(SignalType::kBlock));
  for (SignalType type : kAllSignalTypes) {
    CHECK(is_preference(type) == (data_category(type) == DataCategory::kPreferences));
  }
}

TEST_CASE("each type takes the fields documented in signal.hpp") {
  constexpr auto F = Presence::kForbidden;
  constexpr auto O = Presence::kOptional;
  constexpr auto R = Presence::kRequired;
  struct Row {
    const char* type;
    Presence item, query, rating, text;
    bool needs_target;
  };
  const Row table[] = {
      {"view", R, F, F, F, false},         {"impression", R, F, F, F, false}, {"click", R, F, F, F, false},
      {"add_to_cart", R, F, F, F, false},  {"dismiss", R, F, F, F, false},    {"purchase", R, F, F, F, false},
      {"order", R, F, F, F, false},        {"already_have", R, F, F, F, false}, {"visit", R, F, F, F, false},
      {"rate", R, F, R, F, false},         {"search", O, R, F, F, false},     {"like", O, F, F, O, true},
      {"dislike", O, F, F, O, true},       {"block", O, F, F, O, true},
  };
  std::set<std::string> covered;
  for (const Row& row : table) {
    INFO("type " << row.type);
    const FieldRules rules = field_rules(parse_signal_type(row.type).value());
    CHECK(rules.item == row.item);
    CHECK(rules.query == row.query);
    CHECK(rules.rating == row.rating);
    CHECK(rules.text == row.text);
    CHECK(rules.needs_target == row.needs_target);
    covered.emplace(row.type);
  }
  CHECK(covered.size() == kAllSignalTypes.size());
}

}  // namespace

// Targets: the three text forms parse to their parts; malformed ones are
// refused naming "target" and the value, by the same rules as signal fields;
// path arithmetic never mistakes a shared prefix for an ancestor.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "profile/target.hpp"

namespace {

using confidant::ErrorCode;
using confidant::profile::any_prefix;
using confidant::profile::covers;
using confidant::profile::is_under;
using confidant::profile::parse_target;
using confidant::profile::segment_count;
using confidant::profile::Target;
using confidant::profile::target_text;
using confidant::profile::TargetKind;

Target parsed(const std::string& text) {
  auto target = parse_target(text);
  INFO(target.status().to_string());
  REQUIRE(target);
  return target.value();
}

std::string error_of(const std::string& text) {
  auto target = parse_target(text);
  REQUIRE_FALSE(target);
  CHECK(target.status().code() == ErrorCode::kInvalidArgument);
  return target.status().message();
}

TEST_CASE("the three forms of a target") {
  const Target path = parsed("drinks/coffee");
  CHECK(path.kind == Target::Kind::kCategory);
  CHECK(path.key == "drinks/coffee");
  CHECK(path.text == "drinks/coffee");

  const Target attribute = parsed("milk=oat");
  CHECK(attribute.kind == TargetKind::kAttribute);
  CHECK(attribute.key == "milk");
  CHECK(attribute.value == "oat");
  CHECK(attribute.text == "milk=oat");

  const Target item = parsed("item:latte-1");
  CHECK(item.kind == TargetKind::kItem);
  CHECK(item.key == "latte-1");
  CHECK(item.text == "item:latte-1");

  // "item:" wins over '=', and a value may hold '=' and spaces.
  CHECK(parsed("item:a=b").kind == TargetKind::kItem);
  CHECK(parsed("note=a=b c").value == "a=b c");
  CHECK(target_text(TargetKind::kAttribute, "milk", "oat") == "milk=oat");
  CHECK(target_text(TargetKind::kItem, "x", "") == "item:x");
}

TEST_CASE("malformed targets name the field and the value") {
  CHECK(error_of("") == "target '': empty path");
  CHECK(error_of("Drinks") ==
        "target 'Drinks': invalid character 'D' at byte 0 (segments are a-z, 0-9, '_' and '-')");
  CHECK(error_of("drinks//tea") == "target 'drinks//tea': empty path segment");
  CHECK(error_of("a/b/c/d/e/f/g") == "target 'a/b/c/d/e/f/g': 7 segments, at most 6");
  CHECK(error_of("=oat") == "target '=oat': attribute key empty");
  CHECK(error_of("milk=") == "target 'milk=': attribute value empty");
  CHECK(error_of("item:") == "target 'item:': item id empty");
  CHECK(error_of("item:" + std::string(129, 'x')).find("item id longer than 128 bytes (got 129)") !=
        std::string::npos);
  CHECK(error_of("item:a\nb").find("item id control character U+000A") != std::string::npos);
}

TEST_CASE("is_under and covers respect segment boundaries") {
  CHECK(is_under("drinks/tea", "drinks"));
  CHECK(is_under("drinks", "drinks"));
  CHECK_FALSE(is_under("drinkshop", "drinks"));
  CHECK_FALSE(is_under("drinks", "drinks/tea"));
  CHECK(segment_count("a/b/c") == 3);
  CHECK(segment_count("a") == 1);

  const Target drinks = parsed("drinks");
  CHECK(covers(drinks, TargetKind::kCategory, "drinks/tea/green", ""));
  CHECK_FALSE(covers(drinks, TargetKind::kItem, "drinks", ""));
  const Target oat = parsed("milk=oat");
  CHECK(covers(oat, TargetKind::kAttribute, "milk", "oat"));
  CHECK_FALSE(covers(oat, TargetKind::kAttribute, "milk", "oats"));

  std::vector<std::string> prefixes;
  any_prefix("a/b/c", [&](std::string_view p) {
    prefixes.emplace_back(p);
    return false;
  });
  CHECK(prefixes == std::vector<std::string>{"a", "a/b", "a/b/c"});
}

}  // namespace

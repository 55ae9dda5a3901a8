// The taxonomy: labels, item kinds and sensitivity inherit down the tree;
// unknown paths take them from their nearest known ancestor; bad node lists
// are refused naming the node; the built-in tree serves the samples.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "profile/taxonomy.hpp"

namespace {

using confidant::ErrorCode;
using confidant::profile::ItemKind;
using confidant::profile::Taxonomy;
using confidant::profile::TaxonomyNode;

Taxonomy make(std::vector<TaxonomyNode> nodes) {
  auto built = Taxonomy::from_nodes(std::move(nodes));
  INFO(built.status().to_string());
  REQUIRE(built);
  return std::move(built).value();
}

TEST_CASE("kind is inherited from the nearest ancestor that has one") {
  const Taxonomy t = make({
      {"shop", "", ItemKind::kDurable, false},
      {"shop/food", "", ItemKind::kConsumable, false},
      {"shop/food/cheese", "", {}, false},
  });
  CHECK(t.kind("shop") == ItemKind::kDurable);
  CHECK(t.kind("shop/food") == ItemKind::kConsumable);
  CHECK(t.kind("shop/food/cheese") == ItemKind::kConsumable);
  CHECK(t.kind("shop/tools") == ItemKind::kDurable);          // unknown, under shop
  CHECK(t.kind("shop/food/cheese/brie") == ItemKind::kConsumable);  // unknown, two levels below
  CHECK_FALSE(t.kind("garden").has_value());                   // nothing known above it
}

TEST_CASE("a sensitive mark covers the path and everything under it, known or not") {
  const Taxonomy t = make({
      {"fashion", "", ItemKind::kDurable, false},
      {"fashion/lingerie", "", {}, true},
      {"fashion/lingerie/silk", "", {}, false},  // cannot unmark what an ancestor marked
  });
  CHECK_FALSE(t.is_sensitive("fashion"));
  CHECK(t.is_sensitive("fashion/lingerie"));
  CHECK(t.is_sensitive("fashion/lingerie/silk"));
  CHECK(t.is_sensitive("fashion/lingerie/new_in"));
  CHECK_FALSE(t.is_sensitive("fashion/lingeriez"));  // a sibling sharing a prefix
  CHECK_FALSE(t.is_sensitive("fashion/tops"));
  const std::vector<std::string> paths = {"fashion/tops", "fashion/lingerie/bras"};
  CHECK(t.any_sensitive(paths));
}

TEST_CASE("nodes may come in any order, inheritance does not depend on it") {
  const Taxonomy t = make({
      {"a/b/c", "", {}, false},
      {"a", "", ItemKind::kExperience, true},
  });
  CHECK(t.kind("a/b/c") == ItemKind::kExperience);
  CHECK(t.is_sensitive("a/b/c"));
}

TEST_CASE("labels: the node's own, else the last segment with '_' and '-' as spaces") {
  const Taxonomy t = make({{"footwear/running_shoes", "", {}, false}, {"rooms/deluxe", "deluxe room", {}, false}});
  CHECK(t.label("footwear/running_shoes") == "running shoes");
  CHECK(t.label("rooms/deluxe") == "deluxe room");
  CHECK(t.label("rooms/deluxe/sea-view") == "sea view");  // unknown: its own segment
  CHECK(t.label("tea") == "tea");
  CHECK(t.knows("rooms/deluxe"));
  CHECK_FALSE(t.knows("rooms"));
}

TEST_CASE("an empty taxonomy knows nothing and marks nothing") {
  const Taxonomy t;
  CHECK_FALSE(t.is_sensitive("health"));
  CHECK_FALSE(t.kind("drinks").has_value());
  CHECK(t.label("drinks/flat_white") == "flat white");
}

TEST_CASE("bad node lists are refused, naming the node") {
  auto bad_path = Taxonomy::from_nodes({{"drinks", "", {}, false}, {"Drinks/Tea", "", {}, false}});
  REQUIRE_FALSE(bad_path);
  CHECK(bad_path.status().code() == ErrorCode::kInvalidArgument);
  CHECK(bad_path.status().message().rfind("nodes[1].path: invalid character", 0) == 0);

  auto duplicate = Taxonomy::from_nodes({{"a", "", {}, false}, {"b", "", {}, false}, {"a", "", {}, true}});
  REQUIRE_FALSE(duplicate);
  CHECK(duplicate.status().message() == "nodes[2].path: duplicate of nodes[0]");

  auto empty_segment = Taxonomy::from_nodes({{"a//b", "", {}, false}});
  REQUIRE_FALSE(empty_segment);
  CHECK(empty_segment.status().message() == "nodes[0].path: empty path segment");

  auto control = Taxonomy::from_nodes({{"a", "tab\there", {}, false}});
  REQUIRE_FALSE(control);
  CHECK(control.status().message().rfind("nodes[0].label: control character", 0) == 0);
}

TEST_CASE("the built-in taxonomy: coffee consumable, hotel experience, retail durable, sensitive roots") {
  const Taxonomy& t = Taxonomy::builtin();
  CHECK(t.kind("drinks/coffee/latte") == ItemKind::kConsumable);
  CHECK(t.kind("food/pasta") == ItemKind::kConsumable);
  CHECK(t.kind("rooms/suite") == ItemKind::kExperience);
  CHECK(t.kind("amenities/spa") == ItemKind::kExperience);
  CHECK(t.kind("electronics/camera/batteries") == ItemKind::kDurable);
  CHECK(t.kind("footwear/running_shoes") == ItemKind::kDurable);
  CHECK(t.label("footwear/running_shoes") == "running shoes");
  CHECK(t.label("fashion/lingerie") == "lingerie");

  for (const char* path : {"health", "health/pharmacy", "baby/pregnancy", "fashion/lingerie", "religion",
                           "politics/parties", "sexuality", "finance/hardship"}) {
    INFO(path);
    CHECK(t.is_sensitive(path));
  }
  for (const char* path : {"baby", "baby/strollers", "fashion", "finance", "drinks/tea", "electronics"}) {
    INFO(path);
    CHECK_FALSE(t.is_sensitive(path));
  }
}

}  // namespace

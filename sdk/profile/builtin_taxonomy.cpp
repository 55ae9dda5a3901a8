// The taxonomy the samples run on until a brand's signed config brings its
// own: enough of a coffee shop, a hotel and a retailer to exercise every item
// kind, plus the special categories PRIVACY.md names as sensitive.
#include <cstdlib>

#include "profile/taxonomy.hpp"

namespace confidant::profile {
namespace {

constexpr auto kConsumable = ItemKind::kConsumable;
constexpr auto kDurable = ItemKind::kDurable;
constexpr auto kExperience = ItemKind::kExperience;

std::vector<TaxonomyNode> builtin_nodes() {
  return {
      // Coffee shop: everything is consumed, so buying builds the usual.
      {"drinks", "", kConsumable, false},
      {"drinks/coffee", "", {}, false},
      {"drinks/coffee/latte", "", {}, false},
      {"drinks/coffee/cappuccino", "", {}, false},
      {"drinks/coffee/espresso", "", {}, false},
      {"drinks/coffee/flat_white", "", {}, false},
      {"drinks/tea", "", {}, false},
      {"drinks/tea/green", "green tea", {}, false},
      {"drinks/juice", "", {}, false},
      {"food", "", kConsumable, false},
      {"food/bakery", "", {}, false},
      {"food/bakery/croissant", "", {}, false},
      {"food/pasta", "", {}, false},
      {"food/sandwiches", "", {}, false},
      {"food/salads", "", {}, false},

      // Hotel: a stay is lived once; buying one says what the person likes.
      {"rooms", "", kExperience, false},
      {"rooms/standard", "standard room", {}, false},
      {"rooms/deluxe", "deluxe room", {}, false},
      {"rooms/suite", "", {}, false},
      {"amenities", "", kExperience, false},
      {"amenities/breakfast", "", {}, false},
      {"amenities/spa", "", {}, false},
      {"amenities/gym", "", {}, false},
      {"amenities/parking", "", {}, false},
      {"amenities/late_checkout", "", {}, false},

      // Retail: owned for a while, so a purchase suppresses its kind.
      {"electronics", "", kDurable, false},
      {"electronics/camera", "cameras", {}, false},
      {"electronics/camera/batteries", "camera batteries", {}, false},
      {"electronics/camera/lenses", "", {}, false},
      {"electronics/phones", "", {}, false},
      {"electronics/audio/headphones", "", {}, false},
      {"footwear", "", kDurable, false},
      {"footwear/running_shoes", "", {}, false},
      {"footwear/boots", "", {}, false},
      {"fashion", "", kDurable, false},
      {"fashion/outerwear", "", {}, false},
      {"fashion/tops", "", {}, false},
      {"fashion/lingerie", "", {}, true},  // intimate apparel

      // Sensitive roots (PRIVACY.md, promise 4): used only with an explicit
      // `sensitive` grant; everything under them inherits the mark.
      {"health", "", kConsumable, true},
      {"baby", "", kDurable, false},
      {"baby/pregnancy", "pregnancy", {}, true},
      {"religion", "", {}, true},
      {"politics", "", {}, true},
      {"sexuality", "", {}, true},
      {"finance", "", {}, false},
      {"finance/hardship", "financial hardship", {}, true},
  };
}

}  // namespace

const Taxonomy& Taxonomy::builtin() {
  static const Taxonomy kBuiltin = [] {
    auto built = Taxonomy::from_nodes(builtin_nodes());
    // The list above is a constant checked by the tests; failing here is a
    // build defect, not a runtime condition.
    if (!built) std::abort();
    return std::move(built).value();
  }();
  return kBuiltin;
}

}  // namespace confidant::profile

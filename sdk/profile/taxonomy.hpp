// Taxonomy: the category tree signals refer to ("drinks/coffee/latte"), with
// what the profile needs to know about each node: a display label, what kind
// of item lives there (which decides what a purchase means), and whether the
// category is sensitive (PRIVACY.md, promise 4).
//
// Paths the taxonomy does not list are allowed — every app has its own
// categories — and take their kind and sensitivity from their nearest listed
// ancestor ("fashion/lingerie/new_in" is sensitive because
// "fashion/lingerie" is). The built-in taxonomy serves the samples; a
// brand's signed config adds its own marks through with_marks(), and the SDK
// uses that one effective taxonomy everywhere (intake, profile, ranking,
// explanations, sync).
//
// Queries are a hash lookup per ancestor: a path of n segments costs at most
// n lookups, and nothing is allocated.
//
// Thread-safety: immutable after construction; safe to share between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/status.hpp"
#include "common/string_map.hpp"

namespace confidant::profile {

// What buying something in a category means.
enum class ItemKind : std::uint8_t {
  kConsumable,  // bought again and again (a latte): a purchase counts as an order
  kDurable,     // owned for a while (a camera battery): a purchase suppresses it
  kExperience,  // lived once (a hotel room): a purchase is interest, nothing more
};
// "consumable", "durable", "experience".
std::string_view name(ItemKind kind) noexcept;

struct TaxonomyNode {
  std::string path;              // a valid category path (signals/validate.hpp rules)
  std::string label;             // shown to the person; empty: the last segment, '_' and '-' as spaces
  std::optional<ItemKind> kind;  // empty: the nearest ancestor's
  bool sensitive = false;        // marks the path and everything under it
};

class Taxonomy {
 public:
  // Knows no path: labels are derived, nothing is sensitive, no kind is known.
  Taxonomy() = default;

  // kInvalidArgument naming the node ("nodes[3].path: ...") for an invalid
  // path, a path listed twice, or a label that is not 1..64 bytes of UTF-8
  // without control characters.
  static Result<Taxonomy> from_nodes(std::vector<TaxonomyNode> nodes);

  // The samples' taxonomy: a coffee shop, a hotel and a retailer, and the
  // sensitive roots (docs/profile.md lists it).
  static const Taxonomy& builtin();

  // This taxonomy with `extra` nodes laid over it: a path both list is
  // sensitive when either marks it (a brand can add marks, never lift the
  // SDK's), and takes the extra node's label and kind where it gives them.
  // Errors as from_nodes(), naming the extra node ("nodes[2].path: ...").
  Result<Taxonomy> with_marks(const std::vector<TaxonomyNode>& extra) const;

  bool knows(std::string_view path) const;
  // The node's label, or the last segment with '_' and '-' read as spaces.
  std::string label(std::string_view path) const;
  // The nearest kind on the path or its ancestors; empty when none says.
  std::optional<ItemKind> kind(std::string_view path) const;
  // The path or one of its ancestors is marked sensitive.
  bool is_sensitive(std::string_view path) const;
  bool any_sensitive(std::span<const std::string> paths) const;

  const std::vector<TaxonomyNode>& nodes() const { return nodes_; }

 private:
  // A node with its inherited properties already folded in.
  struct Resolved {
    std::size_t node = 0;  // index into nodes_
    std::optional<ItemKind> kind;
    bool sensitive = false;
  };
  // The path's own entry, else its nearest listed ancestor's; nullptr if none.
  const Resolved* nearest(std::string_view path) const;

  std::vector<TaxonomyNode> nodes_;
  text::StringMap<Resolved> by_path_;
};

}  // namespace confidant::profile

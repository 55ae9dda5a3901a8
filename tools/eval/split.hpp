// eval's leave-last-out split (docs/cli.md, "eval", has the definitions).
//
// Per user, interactions in time order (file order among equal times). The
// held-out interaction is the user's last positive one; its item is what
// every method must find. Interactions after it are the future and are not
// used. The two modes (SplitMode) differ in the rest:
//
//   new     the training part is everything before it except the user's
//           earlier interactions with that same item: with them, the item
//           would be "already interacted with" and so never a candidate,
//           or, kept as a candidate, a view before the purchase would give
//           the answer away. The candidates are the catalog minus the
//           training items: what is measured is finding something new.
//   repeat  the training part is everything before it, earlier
//           interactions with the held-out item included, and the
//           candidates are the whole catalog: what is measured is putting
//           "the usual" first, which a brand selling consumables lives on.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "confidant_eval/eval.hpp"
#include "eval/dataset.hpp"

namespace confidant::eval {

// order, purchase, click, add_to_cart, view, visit, and rate with 4 or 5
// stars: the person chose or engaged with the item.
bool is_positive(const Signal& signal);
// The catalog index of a positive signal's item; none for any other
// signal, or an item the catalog does not have.
std::optional<std::size_t> positive_catalog_item(const Dataset& data, const Signal& signal);

struct UserCase {
  std::uint32_t user = 0;
  std::vector<std::size_t> training;    // indices into Dataset::interactions, in time order
  std::size_t held_out = 0;             // index into Dataset::interactions
  std::size_t held_out_item = 0;        // index into Dataset::catalog
  std::int64_t held_out_at = 0;
  // Catalog indices taken out of the user's candidates, sorted, unique: the
  // training items (new split), none (repeat split).
  std::vector<std::size_t> excluded_items;
  // A positive training interaction with the held-out item: only ever in
  // the repeat split, whose "repeat users" these are.
  bool repeat = false;
};

struct Split {
  std::vector<UserCase> cases;  // in order of the users' first appearance
  Skipped skipped;
};

Split split_users(const Dataset& data, SplitMode mode = SplitMode::kNew);

}  // namespace confidant::eval

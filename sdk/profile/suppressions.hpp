// Suppressions: what not to recommend for a while — an item bought (durable),
// already owned or dismissed, and for the first two its near-duplicates (the
// item's category paths of at least ModelParams::near_duplicate_min_segments
// segments).
//
// Rows are keyed (item or category, key, reason, sensitive), like terms, so a
// withdrawal of `purchases` lifts purchase suppressions and keeps dismissals.
// Besides the rows, two indexes answer "is this candidate suppressed?" in a
// few hash lookups: the latest end of any suppression per item and per path.
//
// Thread-safety: the owner's; one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/string_map.hpp"
#include "profile/row_table.hpp"

namespace confidant::profile {

struct SuppressionSpan {
  std::int64_t since_ms = 0;  // the latest signal that asked for it
  std::int64_t until_ms = 0;  // active while now < until_ms
};

class Suppressions {
 public:
  using Table = RowTable<SuppressionSpan>;

  // Suppresses `key` (an item id, or a category path and what lies under it)
  // from `at_ms` for `period_ms`. Repeats extend it; out-of-order arrivals
  // give the same result (the latest signal wins).
  void suppress(TargetKind kind, std::string_view key, SignalType reason, bool sensitive, std::int64_t at_ms,
                std::int64_t period_ms);

  // A row read from the store.
  void insert_saved(RowKey key, SuppressionSpan span);

  // Removes the rows pred(const RowKey&, const SuppressionSpan&) accepts.
  template <typename Pred>
  std::size_t erase_if(Pred&& pred) {
    const std::size_t erased = table_.erase_if(pred);
    if (erased > 0) reindex();
    return erased;
  }

  // The end of the latest suppression of the item itself; 0 when none.
  std::int64_t item_until(std::string_view item) const;
  // The end of the latest suppression of the path or any of its ancestors; 0 when none.
  std::int64_t path_until(std::string_view path) const;
  // Whether a candidate is suppressed at `now_ms`, by its id or one of its paths.
  bool suppressed(std::string_view item, std::span<const std::string> categories, std::int64_t now_ms) const;

  const Table& rows() const noexcept { return table_; }
  Table& rows() noexcept { return table_; }

 private:
  void index(TargetKind kind, std::string_view key, std::int64_t until_ms);
  void reindex();

  Table table_;
  text::StringMap<std::int64_t> item_until_;
  text::StringMap<std::int64_t> path_until_;
};

}  // namespace confidant::profile

// Interest terms: one decayed sum per (target, signal type, sensitive flag),
// with the counts an explanation needs ("viewed 5 times this week").
//
// Thread-safety: plain values.
#pragma once

#include <algorithm>
#include <cstdint>

#include "profile/decay.hpp"
#include "profile/row_table.hpp"

namespace confidant::profile {

struct Term {
  DecayedSum decayed;        // the score, valued at decayed.ref_ms
  std::int64_t count = 0;    // signals that contributed
  std::int64_t first_ms = 0; // the earliest of them
  std::int64_t last_ms = 0;  // the latest of them

  void add(double weight, std::int64_t at_ms, double half_life_ms) noexcept {
    decayed.add(weight, at_ms, half_life_ms);
    first_ms = count == 0 ? at_ms : std::min(first_ms, at_ms);
    last_ms = count == 0 ? at_ms : std::max(last_ms, at_ms);
    ++count;
  }

  // Takes back one contribution that add() made with the same values. The
  // decayed sum is linear, so this is exact up to rounding; first_ms and
  // last_ms keep their values (the term no longer knows its other times).
  void subtract(double weight, std::int64_t at_ms, double half_life_ms) noexcept {
    // at_ms <= ref_ms, since the contribution is in the sum: no rebase.
    decayed.score -= weight * decay_factor(decayed.ref_ms - at_ms, half_life_ms);
    --count;
  }

  // Adds every contribution of `other`, a term of the same signal type.
  void merge(const Term& other, double half_life_ms) noexcept {
    if (other.count == 0) return;
    decayed.add(other.decayed.score, other.decayed.ref_ms, half_life_ms);
    first_ms = count == 0 ? other.first_ms : std::min(first_ms, other.first_ms);
    last_ms = count == 0 ? other.last_ms : std::max(last_ms, other.last_ms);
    count += other.count;
  }
};

using TermTable = RowTable<Term>;

}  // namespace confidant::profile

// ExactSum: a sum of doubles whose result does not depend on the order of
// the additions.
//
// The view and ranking add up many terms per target, iterating hash maps
// whose order depends on the insertion history: the same stored profile,
// loaded after a restart, would otherwise sum in another order and differ in
// the last bits — enough to flip two equal-looking interests, or a usual at
// exactly half. Each addend is rounded once to a multiple of 2^-32 (about
// 2.3e-10, far below anything shown or ranked on) and added as an integer,
// which is associative. The range is ±2^31 (about 2.1e9, some thousand times
// what years of constant use produce); beyond it the sum saturates.
//
// Thread-safety: a plain value.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace confidant::profile {

class ExactSum {
 public:
  void add(double addend) noexcept { units_ = saturating_add(units_, to_units(addend)); }
  ExactSum& operator+=(double addend) noexcept {
    add(addend);
    return *this;
  }
  double value() const noexcept { return static_cast<double>(units_) / kUnitsPerOne; }

 private:
  static constexpr double kUnitsPerOne = 4294967296.0;  // 2^32
  static constexpr double kLimit = 9.2e18;              // just inside int64
  static constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  static constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

  static std::int64_t to_units(double addend) noexcept {
    const double scaled = addend * kUnitsPerOne;
    if (std::isnan(scaled)) return 0;
    if (scaled <= -kLimit) return kMin;
    if (scaled >= kLimit) return kMax;
    return std::llround(scaled);
  }
  static std::int64_t saturating_add(std::int64_t a, std::int64_t b) noexcept {
    if (b > 0 && a > kMax - b) return kMax;
    if (b < 0 && a < kMin - b) return kMin;
    return a + b;
  }

  std::int64_t units_ = 0;
};

}  // namespace confidant::profile

// A small deterministic random source for exploration: the same seed gives
// the same draws on every platform and standard library (std::mt19937 is
// portable, but the std distributions are not).
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>

namespace confidant::ranking {

// SplitMix64 (Steele, Lea and Flood, 2014): one 64-bit state, good enough
// statistics for picking slots and categories, and trivially seedable.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}

  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1), from the top 53 bits.
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, bound); bound > 0. The modulo bias is below 2^-40 for
  // the bounds used here (positions and categories, well under 2^24).
  std::uint64_t below(std::uint64_t bound) noexcept { return next() % bound; }

 private:
  std::uint64_t state_;
};

}  // namespace confidant::ranking

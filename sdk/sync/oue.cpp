#include "sync/oue.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "crypto/bytes.hpp"

namespace confidant::sync {

OueProbabilities oue_probabilities(double epsilon) noexcept { return {0.5, 1.0 / (std::exp(epsilon) + 1.0)}; }

double secure_uniform() {
  std::array<std::uint8_t, 8> bytes{};
  crypto::random_bytes(bytes);
  std::uint64_t word = 0;
  std::memcpy(&word, bytes.data(), bytes.size());
  return static_cast<double>(word >> 11) * 0x1.0p-53;  // 53 random bits: every double in [0,1) on the grid
}

std::size_t packed_size(std::uint32_t domain_size) noexcept { return (static_cast<std::size_t>(domain_size) + 7) / 8; }

bool bit_set(std::span<const std::uint8_t> packed, std::uint32_t index) noexcept {
  return index / 8 < packed.size() && ((packed[index / 8] >> (index % 8)) & 1U) != 0;
}

std::vector<std::uint8_t> oue_randomize(std::uint32_t value, std::uint32_t domain_size, double epsilon,
                                        const Uniform& uniform) {
  const OueProbabilities odds = oue_probabilities(epsilon);
  std::vector<std::uint8_t> packed(packed_size(domain_size), 0);
  for (std::uint32_t i = 0; i < domain_size; ++i) {
    const double keep = i == value ? odds.p : odds.q;
    if (uniform() < keep) packed[i / 8] = static_cast<std::uint8_t>(packed[i / 8] | (1U << (i % 8)));
  }
  return packed;
}

std::vector<OueEstimate> oue_estimate(std::span<const std::uint64_t> ones, std::uint64_t reports, double epsilon) {
  const OueProbabilities odds = oue_probabilities(epsilon);
  const double n = static_cast<double>(reports);
  const double gap = odds.p - odds.q;
  std::vector<OueEstimate> out;
  out.reserve(ones.size());
  for (std::uint64_t count_of_ones : ones) {
    OueEstimate e;
    if (reports > 0) {
      e.count = (static_cast<double>(count_of_ones) - n * odds.q) / gap;
      const double f = std::clamp(e.count / n, 0.0, 1.0);
      const double variance = n * (f * odds.p * (1 - odds.p) + (1 - f) * odds.q * (1 - odds.q)) / (gap * gap);
      e.sd = std::sqrt(variance);
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace confidant::sync

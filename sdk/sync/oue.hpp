// Optimized unary encoding (OUE), the local-DP frequency oracle of sync
// (Wang et al., "Locally Differentially Private Protocols for Frequency
// Estimation", USENIX Security 2017). Formulas and their derivation are in
// docs/sync.md; the device randomizes with oue_randomize() and the brand
// debiases with oue_estimate(), so both sides share one definition of p and q.
//
// A true value v in [0, d) becomes d bits: bit v is 1 with probability p = 1/2,
// every other bit is 1 with probability q = 1 / (e^epsilon + 1). Any two
// inputs give any output with probabilities within a factor e^epsilon.
//
// Thread-safety: pure functions; `uniform` is the caller's.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace confidant::sync {

// Largest domain a metric may have: keeps a sealed report under 1 KiB.
inline constexpr std::uint32_t kMaxDomainSize = 4096;

struct OueProbabilities {
  double p = 0.5;  // P(bit of the true value is 1)
  double q = 0;    // P(any other bit is 1)
};

OueProbabilities oue_probabilities(double epsilon) noexcept;

// A uniform draw in [0, 1).
using Uniform = std::function<double()>;
// Draws from the OS's cryptographic random source.
double secure_uniform();

// The packed bits (bit i in byte i/8, least significant first) of `value`'s
// randomization over a domain of `domain_size`.
std::vector<std::uint8_t> oue_randomize(std::uint32_t value, std::uint32_t domain_size, double epsilon,
                                        const Uniform& uniform);

std::size_t packed_size(std::uint32_t domain_size) noexcept;
bool bit_set(std::span<const std::uint8_t> packed, std::uint32_t index) noexcept;

struct OueEstimate {
  double count = 0;  // debiased number of reports whose true value is this bucket
  double sd = 0;     // its standard deviation
};

// From ones[i] (reports with bit i set) among `reports` reports:
//   count_i = (ones_i - n q) / (p - q)
//   var_i   = n (f p (1-p) + (1-f) q (1-q)) / (p - q)^2,  f = clamp(count_i / n, 0, 1)
std::vector<OueEstimate> oue_estimate(std::span<const std::uint64_t> ones, std::uint64_t reports, double epsilon);

}  // namespace confidant::sync

// 95 % intervals of the per-user means (HR, NDCG, MRR, HR@1), by the
// percentile bootstrap over users: B times, draw as many users as there
// are, with replacement, and take the mean of each figure over the draw;
// the interval is the 2.5th and the 97.5th percentile of the B means.
// Users are what varies between two samples of people, so they are what is
// resampled; an interval says how far a figure could move on another sample
// of the same size, which a difference between two methods must exceed to
// mean anything.
//
// Deterministic: the generator is std::mt19937_64 (its output is fixed by
// the standard) seeded with kBootstrapSeed, and a draw is taken from its
// raw output (std::uniform_int_distribution differs between standard
// libraries), so the same input gives the same intervals on every run and
// machine. Every method is resampled with the same draws (paired), so its
// intervals do not depend on which other methods were evaluated.
//
// Thread-safety: pure functions (the generator is the caller's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "confidant_eval/eval.hpp"

namespace confidant::eval {

inline constexpr std::size_t kBootstrapResamples = 1000;
// Any fixed value does; this one is documented (docs/cli.md) so anyone can
// recompute the intervals.
inline constexpr std::uint64_t kBootstrapSeed = 16;

// Uniform in [0, n), n >= 1: the raw output, values of the last incomplete
// run of n refused.
std::size_t draw_below(std::mt19937_64& random, std::size_t n);

// The p-th quantile (0..1) of ascending `sorted`, linear between the order
// statistics at p * (size - 1) (numpy.percentile's default); 0 when empty.
double percentile(const std::vector<double>& sorted, double p);

// Per method, the intervals of its mean figures: `per_user[m][u]` is user
// u's figures by method m (every method the same users, in the same order).
// No users: every interval [0, 0].
std::vector<Intervals> bootstrap_intervals(const std::vector<std::vector<Metrics>>& per_user,
                                           std::size_t resamples = kBootstrapResamples,
                                           std::uint64_t seed = kBootstrapSeed);

}  // namespace confidant::eval

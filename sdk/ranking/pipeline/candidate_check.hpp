// The checks a ranking applies to its inputs before using any of them:
// every candidate field and every request field, with the signal rules
// where the fields are the same (ids, category paths, attributes), and
// messages that name the field ("candidates[3].categories[0]: empty path
// segment", "limit: 0 out of range 1..1000").
//
// The common case — a valid candidate — allocates nothing: each check runs
// a cheap test first and builds a message only when it fails.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "confidant/ranking.hpp"
#include "confidant/status.hpp"

namespace confidant::ranking {

inline constexpr std::size_t kMaxCandidates = 100'000;
inline constexpr std::size_t kMaxLimit = 1000;
inline constexpr std::size_t kMaxRelated = 64;
// The shared field rules (common/field_rules.hpp), as constants for arrays.
inline constexpr std::size_t kMaxCategories = 8;
inline constexpr std::size_t kMaxAttributes = 16;
inline constexpr std::size_t kMaxMomentBytes = 64;
inline constexpr int kMaxUtcOffsetMinutes = 14 * 60;

// Rules that both check_candidate() and the fast scan (candidate_scan.hpp)
// apply, stated once.
// A text of 1..max_bytes bytes: one unsigned comparison (empty wraps around).
constexpr bool is_text_size(std::size_t size, std::size_t max_bytes) noexcept { return size - 1 < max_bytes; }
// Popularity and relatedness: 0..1, NaN refused.
constexpr bool is_unit_number(double value) noexcept { return value >= 0 && value <= 1; }
constexpr bool is_known_kind(const std::optional<CandidateKind>& kind) noexcept {
  return !kind || static_cast<unsigned>(*kind) <= static_cast<unsigned>(CandidateKind::kExperience);
}

// The fields of candidates[index] that need no lookup: id, counts,
// attributes, popularity, kind, related. Paths are checked where they are
// first looked up (is_valid_path), and reported by path_error(). A ranking
// runs it only for a candidate scan_candidate() could not vouch for.
Status check_candidate(std::size_t index, const Candidate& candidate);

// The message for candidates[index].categories[path_index] failing is_valid_path().
Status path_error(std::size_t index, std::size_t path_index, std::string_view path);
// The same path twice in one candidate (it would count twice).
Status duplicate_path_error(std::size_t index, std::size_t path_index, std::size_t first_index);
Status duplicate_id_error(std::size_t index, std::size_t first_index);

Status check_request(const RankRequest& request);

// The id rules (1..128 bytes of UTF-8 without control characters).
bool is_valid_id(std::string_view id) noexcept;

}  // namespace confidant::ranking

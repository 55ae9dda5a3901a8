// scan_candidate(): one read of a candidate before it is evaluated. Every
// text the ranking looks up (the attributes, the related ids, the id) is
// hashed, and tested for the common case of a valid field (plain printable
// ASCII within its limits, numbers in range) in the same pass over its
// bytes; evaluate() then walks flat arrays instead of the candidate's maps
// and never hashes those texts again.
//
// A candidate the fast test cannot vouch for is not necessarily invalid
// (a UTF-8 attribute value is fine): check_candidate() decides, and names
// the field when it is not.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "confidant/ranking.hpp"
#include "ranking/pipeline/candidate_check.hpp"

namespace confidant::ranking {

struct ScannedCandidate {
  const Candidate* candidate = nullptr;
  std::uint64_t id_hash = 0;  // hash_text(id)
  // hash_text() of each category path (of the first kMaxCategories).
  std::array<std::uint64_t, kMaxCategories> path_hashes;
  // The first kMaxAttributes attributes in key order, and TextKey{key, value}.hash() of each.
  std::size_t attribute_count = 0;
  std::array<const std::pair<const std::string, std::string>*, kMaxAttributes> attributes;
  std::array<std::uint64_t, kMaxAttributes> attribute_hashes;
  // The first kMaxRelated related items in id order, and hash_text(id) of each.
  std::size_t related_count = 0;
  std::array<const std::pair<const std::string, double>*, kMaxRelated> related;
  std::array<std::uint64_t, kMaxRelated> related_hashes;
};

// Fills `out` (arrays past the counts are left as they were) and returns
// true when every field passed the fast test; false: check_candidate()
// must decide. Category paths are hashed but not checked: the path memo
// checks each path once (is_valid_path).
bool scan_candidate(const Candidate& candidate, ScannedCandidate& out) noexcept;

}  // namespace confidant::ranking

#include "ranking/candidate_scan.hpp"

#include "ranking/text_hash.hpp"
#include "signals/validate.hpp"

namespace confidant::ranking {
namespace {

constexpr signals::ValidationLimits kLimits{};
static_assert(kMaxCategories == kLimits.max_categories && kMaxAttributes == kLimits.max_attrs);

// 1..max_bytes: one unsigned comparison (an empty text wraps around).
constexpr bool size_within(std::size_t size, std::size_t max_bytes) noexcept { return size - 1 < max_bytes; }

}  // namespace

bool scan_candidate(const Candidate& c, ScannedCandidate& out) noexcept {
  out.candidate = &c;
  // Each test is folded into `valid` rather than returned on: the hashes are
  // needed whatever the answer, and one branch at the end is cheaper than
  // one per field.
  const TextScan id = scan_text(c.id, false);
  out.id_hash = id.hash;
  bool valid = id.plain && size_within(c.id.size(), kLimits.max_item_bytes);
  valid &= c.categories.size() <= kMaxCategories;
  for (std::size_t i = 0; i < c.categories.size() && i < kMaxCategories; ++i) {
    out.path_hashes[i] = hash_text(c.categories[i]);
  }
  valid &= c.popularity >= 0 && c.popularity <= 1;  // false for NaN
  valid &= !c.kind || static_cast<unsigned>(*c.kind) <= static_cast<unsigned>(CandidateKind::kExperience);

  std::size_t count = 0;
  for (const auto& pair : c.attrs) {
    if (count == kMaxAttributes) {
      valid = false;
      break;
    }
    const auto& [key, value] = pair;
    const TextScan key_scan = scan_text(key, true, kTextHashSeed, false);
    const TextScan value_scan = scan_text(value, false, second_part_seed(key_scan.hash));
    valid &= key_scan.plain && value_scan.plain && size_within(key.size(), kLimits.max_attr_key_bytes) &&
             size_within(value.size(), kLimits.max_attr_value_bytes);
    out.attributes[count] = &pair;
    // As hash_text_pair() (an empty value is invalid, but hashed alike).
    out.attribute_hashes[count++] = value.empty() ? text_words::avalanche(key_scan.hash) : value_scan.hash;
  }
  out.attribute_count = count;

  count = 0;
  for (const auto& pair : c.related) {
    if (count == kMaxRelated) {
      valid = false;
      break;
    }
    const auto& [other, weight] = pair;
    const TextScan other_scan = scan_text(other, false);
    valid &= other_scan.plain && size_within(other.size(), kLimits.max_item_bytes) && weight >= 0 && weight <= 1;
    out.related[count] = &pair;
    out.related_hashes[count++] = other_scan.hash;
  }
  out.related_count = count;
  return valid;
}

}  // namespace confidant::ranking

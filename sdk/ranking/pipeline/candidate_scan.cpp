#include "ranking/pipeline/candidate_scan.hpp"

#include "common/text_hash.hpp"
#include "common/field_rules.hpp"

namespace confidant::ranking {
namespace {

constexpr fields::FieldLimits kLimits{};

}  // namespace

bool scan_candidate(const Candidate& c, ScannedCandidate& out) noexcept {
  out.candidate = &c;
  // Each test is folded into `valid` rather than returned on: the hashes are
  // needed whatever the answer, and one branch at the end is cheaper than
  // one per field.
  const text::TextScan id = text::scan_text(c.id, false);
  out.id_hash = id.hash;
  bool valid = id.plain && is_text_size(c.id.size(), kLimits.max_item_bytes);
  valid &= c.categories.size() <= kMaxCategories;
  for (std::size_t i = 0; i < c.categories.size() && i < kMaxCategories; ++i) {
    out.path_hashes[i] = text::hash_text(c.categories[i]);
  }
  valid &= is_unit_number(c.popularity) && is_known_kind(c.kind);

  std::size_t count = 0;
  for (const auto& pair : c.attrs) {
    if (count == kMaxAttributes) {
      valid = false;
      break;
    }
    const auto& [key, value] = pair;
    const text::TextScan key_scan = text::scan_text(key, true, text::kTextHashSeed, false);
    const text::TextScan value_scan = text::scan_text(value, false, text::second_part_seed(key_scan.hash));
    valid &= key_scan.plain && value_scan.plain && is_text_size(key.size(), kLimits.max_attr_key_bytes) &&
             is_text_size(value.size(), kLimits.max_attr_value_bytes);
    out.attributes[count] = &pair;
    // As hash_text_pair() (an empty value is invalid, but hashed alike).
    out.attribute_hashes[count++] = value.empty() ? text::text_words::avalanche(key_scan.hash) : value_scan.hash;
  }
  out.attribute_count = count;

  count = 0;
  for (const auto& pair : c.related) {
    if (count == kMaxRelated) {
      valid = false;
      break;
    }
    const auto& [other, weight] = pair;
    const text::TextScan other_scan = text::scan_text(other, false);
    valid &= other_scan.plain && is_text_size(other.size(), kLimits.max_item_bytes) && is_unit_number(weight);
    out.related[count] = &pair;
    out.related_hashes[count++] = other_scan.hash;
  }
  out.related_count = count;
  return valid;
}

}  // namespace confidant::ranking

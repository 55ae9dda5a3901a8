#include "ranking/pipeline/candidate_check.hpp"

#include <cmath>
#include <string>

#include "common/quote.hpp"
#include "common/utf8.hpp"
#include "common/text_hash.hpp"
#include "common/field_rules.hpp"

namespace confidant::ranking {
namespace {

constexpr fields::FieldLimits kLimits{};
static_assert(kMaxCategories == kLimits.max_categories && kMaxAttributes == kLimits.max_attrs);

std::string field(std::size_t index, std::string_view name) {
  return "candidates[" + std::to_string(index) + "]." + std::string(name);
}

// Not plain ASCII: valid UTF-8 without controls (and no '=' when asked).
// Out of line: the plain-ASCII test before it is the common case.
[[gnu::noinline]] bool is_valid_unicode_text(std::string_view text, bool no_equals) noexcept {
  if (no_equals && text.find('=') != std::string_view::npos) return false;
  for (std::size_t offset = 0; offset < text.size();) {
    const text::Utf8Step step = text::decode_utf8(text, offset);
    if (step.length == 0 || text::is_control(step.code_point)) return false;
    offset += step.length;
  }
  return true;
}

[[gnu::always_inline]] inline bool is_valid_text(std::string_view text, std::size_t max_bytes,
                                                bool no_equals = false) noexcept {
  if (!is_text_size(text.size(), max_bytes)) return false;
  return text::scan_text(text, no_equals).plain || is_valid_unicode_text(text, no_equals);
}

bool is_valid_attribute(std::string_view key, std::string_view value) noexcept {
  return is_valid_text(key, kLimits.max_attr_key_bytes, true) && is_valid_text(value, kLimits.max_attr_value_bytes);
}

std::string number(double value) {
  std::string text = std::to_string(value);
  // to_string writes six decimals; trim the zeros that say nothing.
  while (text.size() > 1 && text.back() == '0' && text[text.size() - 2] != '.') text.pop_back();
  return text;
}

}  // namespace

bool is_valid_id(std::string_view id) noexcept { return is_valid_text(id, kLimits.max_item_bytes); }

Status check_candidate(std::size_t index, const Candidate& c) {
  if (!is_valid_id(c.id)) return fields::check_text(field(index, "id"), c.id, kLimits.max_item_bytes);
  if (c.categories.size() > kMaxCategories) {
    return Status::invalid_field(field(index, "categories"),
                   std::to_string(c.categories.size()) + " entries, at most " + std::to_string(kMaxCategories));
  }
  if (c.attrs.size() > kMaxAttributes) {
    return Status::invalid_field(field(index, "attrs"),
                   std::to_string(c.attrs.size()) + " entries, at most " + std::to_string(kMaxAttributes));
  }
  for (const auto& [key, value] : c.attrs) {
    if (is_valid_attribute(key, value)) continue;
    return fields::check_attribute(field(index, "attrs[" + text::quoted(key, '"', 32) + "]"), key, value, kLimits);
  }
  if (!is_unit_number(c.popularity)) {
    return Status::invalid_field(field(index, "popularity"), number(c.popularity) + " out of range 0..1");
  }
  if (!is_known_kind(c.kind)) {
    return Status::invalid_field(field(index, "kind"),
                                 "invalid value " + std::to_string(static_cast<unsigned>(*c.kind)));
  }
  if (c.related.size() > kMaxRelated) {
    return Status::invalid_field(field(index, "related"),
                   std::to_string(c.related.size()) + " entries, at most " + std::to_string(kMaxRelated));
  }
  for (const auto& [other, weight] : c.related) {
    if (!is_valid_id(other)) {
      return fields::check_text(field(index, "related[" + text::quoted(other, '"', 32) + "]"), other,
                                       kLimits.max_item_bytes, "id ");
    }
    if (!is_unit_number(weight)) {
      return Status::invalid_field(field(index, "related[" + text::quoted(other, '"', 32) + "]"),
                     number(weight) + " out of range 0..1");
    }
  }
  return Status::ok();
}

Status path_error(std::size_t index, std::size_t path_index, std::string_view path) {
  const std::string where = field(index, "categories[" + std::to_string(path_index) + "]");
  Status status = fields::check_category_path(where, path, kLimits);
  if (status) return Status::invalid_field(where, "invalid path");  // not reached: the two checks agree
  return status;
}

Status duplicate_path_error(std::size_t index, std::size_t path_index, std::size_t first_index) {
  return Status::invalid_field(field(index, "categories[" + std::to_string(path_index) + "]"),
                 "duplicate of categories[" + std::to_string(first_index) + "]");
}

Status duplicate_id_error(std::size_t index, std::size_t first_index) {
  return Status::invalid_field(field(index, "id"), "duplicate of candidates[" + std::to_string(first_index) + "].id");
}

Status check_request(const RankRequest& r) {
  if (r.limit < 1 || r.limit > kMaxLimit) {
    return Status::invalid_field("limit", std::to_string(r.limit) + " out of range 1.." + std::to_string(kMaxLimit));
  }
  switch (r.slot.kind) {
    case Slot::Kind::kHome:
      if (!r.slot.item.empty()) return Status::invalid_field("slot.item", "not allowed for the home slot");
      break;
    case Slot::Kind::kRelated:
      if (!is_valid_id(r.slot.item)) return fields::check_text("slot.item", r.slot.item, kLimits.max_item_bytes);
      break;
    default:
      return Status::invalid_field("slot.kind", "invalid value " + std::to_string(static_cast<unsigned>(r.slot.kind)));
  }
  if (r.moment.size() > kMaxMomentBytes) {
    return Status::invalid_field("moment", "longer than " + std::to_string(kMaxMomentBytes) + " bytes (got " +
                                 std::to_string(r.moment.size()) + ")");
  }
  for (std::size_t i = 0; i < r.moment.size(); ++i) {
    const char c = r.moment[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return Status::invalid_field("moment", "invalid character " + text::quoted(r.moment.substr(i, 1)) + " at byte " +
                                   std::to_string(i) + " (names are a-z, 0-9 and '_')");
    }
  }
  if (r.max_per_category < 1 || r.max_per_category > kMaxLimit) {
    return Status::invalid_field("max_per_category",
                   std::to_string(r.max_per_category) + " out of range 1.." + std::to_string(kMaxLimit));
  }
  if (!(r.exploration_share >= 0 && r.exploration_share <= 1)) {
    return Status::invalid_field("exploration_share", number(r.exploration_share) + " out of range 0..1");
  }
  if (!r.place.empty() && !is_valid_id(r.place)) {
    return fields::check_text("place", r.place, kLimits.max_item_bytes);
  }
  if (r.utc_offset_minutes < -kMaxUtcOffsetMinutes || r.utc_offset_minutes > kMaxUtcOffsetMinutes) {
    return Status::invalid_field("utc_offset_minutes", std::to_string(r.utc_offset_minutes) + " out of range -" +
                                             std::to_string(kMaxUtcOffsetMinutes) + ".." +
                                             std::to_string(kMaxUtcOffsetMinutes));
  }
  return Status::ok();
}

}  // namespace confidant::ranking

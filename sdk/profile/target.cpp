#include "profile/target.hpp"

#include <utility>

#include "common/quote.hpp"
#include "common/field_rules.hpp"

namespace confidant::profile {
namespace {

// A target is checked by the very rules a signal's fields are checked by
// (signals/validate.hpp), so a target the person can state is always one a
// signal can carry, and back.
const fields::FieldLimits kLimits{};

}  // namespace

std::string_view name(TargetKind kind) noexcept {
  switch (kind) {
    case TargetKind::kCategory: return "category";
    case TargetKind::kAttribute: return "attribute";
    case TargetKind::kItem: return "item";
  }
  return "invalid";
}

Result<TargetKind> parse_target_kind(std::string_view text) {
  for (const TargetKind kind : {TargetKind::kCategory, TargetKind::kAttribute, TargetKind::kItem}) {
    if (name(kind) == text) return kind;
  }
  return Status{ErrorCode::kInvalidArgument, "target kind: unknown value " + text::quoted(text)};
}

std::string target_text(TargetKind kind, std::string_view key, std::string_view value) {
  std::string text;
  switch (kind) {
    case TargetKind::kCategory: text = key; break;
    case TargetKind::kAttribute:
      text.reserve(key.size() + 1 + value.size());
      text.append(key).append("=").append(value);
      break;
    case TargetKind::kItem:
      text.reserve(kItemPrefix.size() + key.size());
      text.append(kItemPrefix).append(key);
      break;
  }
  return text;
}

Result<Target> parse_target(std::string_view text) {
  const std::string field = "target " + text::quoted(text);
  Target target;
  target.text = std::string(text);
  if (text.substr(0, kItemPrefix.size()) == kItemPrefix) {
    target.kind = TargetKind::kItem;
    target.key = std::string(text.substr(kItemPrefix.size()));
    if (Status status = fields::check_text(field, target.key, kLimits.max_item_bytes, "item id "); !status) {
      return status;
    }
    return target;
  }
  if (const std::size_t eq = text.find('='); eq != std::string_view::npos) {
    target.kind = TargetKind::kAttribute;
    target.key = std::string(text.substr(0, eq));
    target.value = std::string(text.substr(eq + 1));
    if (Status status = fields::check_attribute(field, target.key, target.value, kLimits, "attribute "); !status) {
      return status;
    }
    return target;
  }
  target.kind = TargetKind::kCategory;
  target.key = target.text;
  if (Status status = fields::check_category_path(field, text, kLimits); !status) return status;
  return target;
}

}  // namespace confidant::profile

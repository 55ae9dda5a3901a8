#include "profile/target.hpp"

#include <utility>

#include "common/quote.hpp"
#include "signals/validate.hpp"

namespace confidant::profile {
namespace {

// A target is checked by the very rules a signal's fields are checked by:
// the target rides on a `like` signal through signals::validate(), and the
// field name in its message is swapped for ours. One set of rules, so a
// target the person can state is always one a signal can carry, and back.
Signal carrier() {
  Signal signal;
  signal.type = SignalType::kLike;
  signal.at = signals::kYear2000Ms;
  return signal;
}

Status validated(const Signal& signal, std::string_view field_in_message, std::string_view our_field,
                 std::string_view what) {
  Status status = signals::validate(signal, signals::ValidationLimits{}, signals::kYear2000Ms);
  if (status) return status;
  std::string problem = status.message();
  const std::string prefix = std::string(field_in_message) + ": ";
  if (problem.compare(0, prefix.size(), prefix) == 0) problem.erase(0, prefix.size());
  return {ErrorCode::kInvalidArgument, std::string(our_field) + ": " + std::string(what) + problem};
}

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

Status check_category_path(std::string_view path, std::string_view field) {
  Signal signal = carrier();
  signal.categories.emplace_back(path);
  return validated(signal, "categories[0]", field, "");
}

Result<Target> parse_target(std::string_view text) {
  const std::string field = "target " + text::quoted(text);
  Target target;
  target.text = std::string(text);
  if (text.substr(0, kItemPrefix.size()) == kItemPrefix) {
    target.kind = TargetKind::kItem;
    target.key = std::string(text.substr(kItemPrefix.size()));
    Signal signal = carrier();
    signal.item = target.key;
    if (Status status = validated(signal, "item", field, "item id "); !status) return status;
    return target;
  }
  if (const std::size_t eq = text.find('='); eq != std::string_view::npos) {
    target.kind = TargetKind::kAttribute;
    target.key = std::string(text.substr(0, eq));
    target.value = std::string(text.substr(eq + 1));
    Signal signal = carrier();
    signal.attrs.emplace(target.key, target.value);
    const std::string attr_field = "attrs[" + text::quoted(target.key, '"', 32) + "]";
    if (Status status = validated(signal, attr_field, field, "attribute "); !status) return status;
    return target;
  }
  target.kind = TargetKind::kCategory;
  target.key = target.text;
  if (Status status = check_category_path(text, field); !status) return status;
  return target;
}

}  // namespace confidant::profile

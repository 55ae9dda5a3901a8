// The privacy center's actions and their target fields (privacy_center.hpp
// lists them for app developers; this is the one place they are enforced).
#include "api/privacy_action_rules.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>

#include "common/json_fields.hpp"
#include "common/quote.hpp"
#include "consent/types.hpp"

namespace confidant::api {
namespace {

struct Rule {
  std::string_view id;
  std::initializer_list<std::string_view> required;
  std::initializer_list<std::string_view> optional;
};

const std::array<Rule, 10>& rules() {
  static const std::array<Rule, 10> table = {{
      {"forget", {"target"}, {}},
      {"block", {"target"}, {}},
      {"like", {"target"}, {"text"}},
      {"dislike", {"target"}, {"text"}},
      {"grant", {"category", "use"}, {"policy_version"}},
      {"deny", {"category", "use"}, {"policy_version"}},
      {"pause", {}, {}},
      {"resume", {}, {}},
      {"export", {}, {}},
      {"erase", {}, {}},
  }};
  return table;
}

Status invalid(std::string message) { return {ErrorCode::kInvalidArgument, std::move(message)}; }

bool contains(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::string_view target_value(const PrivacyAction& action, std::string_view name) {
  for (const auto& [key, value] : action.target) {
    if (key == name) return value;
  }
  return {};
}

Status check_privacy_action(const PrivacyAction& action) {
  const auto rule = std::find_if(rules().begin(), rules().end(), [&](const Rule& r) { return r.id == action.id; });
  if (action.id.empty()) return invalid("id: required");
  if (rule == rules().end()) return invalid("id: unknown action " + text::quoted(action.id));
  for (std::size_t i = 0; i < action.target.size(); ++i) {
    const std::string& key = action.target[i].first;
    if (!contains(rule->required, key) && !contains(rule->optional, key)) {
      return invalid("target." + json::field_label(key) + ": not a field of '" + action.id + "'");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (action.target[j].first == key) return invalid("target." + json::field_label(key) + ": given twice");
    }
  }
  for (const std::string_view name : rule->required) {
    if (target_value(action, name).empty()) return invalid("target." + std::string(name) + ": required");
  }
  if (const std::string_view category = target_value(action, "category"); !category.empty()) {
    if (!consent::parse_category(category)) {
      return invalid("target.category: unknown value " + text::quoted(category));
    }
  }
  if (const std::string_view use = target_value(action, "use"); !use.empty()) {
    if (!consent::parse_use(use)) return invalid("target.use: unknown value " + text::quoted(use));
  }
  return Status::ok();
}

}  // namespace confidant::api

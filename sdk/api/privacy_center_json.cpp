// The JSON forms of confidant/privacy_center.hpp: the model a UI renders and
// the actions it sends back.
#include "api/privacy_action_rules.hpp"
#include "common/json.hpp"
#include "common/json_fields.hpp"
#include "common/time.hpp"
#include "confidant/privacy_center.hpp"

namespace confidant {
namespace {

using json::Value;

Value params_value(const TextParams& params) {
  Value::Object members;
  for (const auto& [name, value] : params) members.emplace_back(name, Value::from_string(value));
  return Value::from_object(std::move(members));
}

Value text_value(const Text& text) {
  return Value::from_object({{"key", Value::from_string(text.key)},
                             {"text", Value::from_string(text.text)},
                             {"params", params_value(text.params)}});
}

Value action_value(const PrivacyAction& action) {
  Value::Object members{{"id", Value::from_string(action.id)},
                        {"label", text_value(action.label)},
                        {"target", params_value(action.target)}};
  if (!action.confirm.key.empty()) members.emplace_back("confirm", text_value(action.confirm));
  return Value::from_object(std::move(members));
}

Value actions_value(const std::vector<PrivacyAction>& actions) {
  Value::Array items;
  for (const PrivacyAction& a : actions) items.push_back(action_value(a));
  return Value::from_array(std::move(items));
}

Value row_value(const PrivacyRow& row) {
  Value::Array lines;
  for (const Text& line : row.lines) lines.push_back(text_value(line));
  return Value::from_object({{"id", Value::from_string(row.id)},
                             {"kind", Value::from_string(row.kind)},
                             {"title", text_value(row.title)},
                             {"lines", Value::from_array(std::move(lines))},
                             {"facts", params_value(row.facts)},
                             {"actions", actions_value(row.actions)}});
}

Value section_value(const PrivacySection& section) {
  Value::Array rows;
  for (const PrivacyRow& row : section.rows) rows.push_back(row_value(row));
  return Value::from_object({{"id", Value::from_string(section.id)},
                             {"title", text_value(section.title)},
                             {"summary", text_value(section.summary)},
                             {"empty", text_value(section.empty)},
                             {"rows", Value::from_array(std::move(rows))}});
}

Status read_params(const std::string& field, const Value& value, TextParams& out) {
  if (!value.is_object()) return json::wrong_type(field, "an object", value);
  for (const auto& [name, member] : value.as_object()) {
    if (!member.is_string()) return json::wrong_type(field + "." + json::field_label(name), "a string", member);
    out.emplace_back(name, member.as_string());
  }
  return Status::ok();
}

}  // namespace

std::string to_json(const PrivacyCenter& center) {
  Value::Array sections;
  for (const PrivacySection& s : center.sections) sections.push_back(section_value(s));
  return json::serialize(Value::from_object({{"format", Value::from_string(center.format)},
                                             {"as_of", Value::from_string(timefmt::iso8601_utc(center.as_of_ms))},
                                             {"title", text_value(center.title)},
                                             {"sections", Value::from_array(std::move(sections))},
                                             {"actions", actions_value(center.actions)}}));
}

std::string to_json(const PrivacyAction& action) { return json::serialize(action_value(action)); }

std::string to_json(const PrivacyActionResult& result) {
  std::string out = "{\"id\":" + json::json_string(result.id);
  // The export is a JSON document this SDK wrote: embedded as it is.
  if (!result.export_json.empty()) out += ",\"export\":" + result.export_json;
  return out + "}";
}

Result<PrivacyAction> parse_privacy_action(std::string_view text) {
  // An action is a few short strings; small limits keep a hostile page cheap.
  json::ParseLimits limits;
  limits.max_depth = 4;
  limits.max_text_bytes = 64u << 10;
  auto doc = json::parse(text, limits);
  if (!doc) return doc.status();
  if (!doc->is_object()) return json::wrong_type("action", "an object", doc.value());
  PrivacyAction action;
  for (const auto& [name, member] : doc->as_object()) {
    if (name == "id") {
      if (!member.is_string()) return json::wrong_type("id", "a string", member);
      action.id = member.as_string();
    } else if (name == "target") {
      if (Status st = read_params("target", member, action.target); !st) return st;
    } else if (name != "label" && name != "confirm") {
      // label and confirm are the model's own; a UI may send the action back whole.
      return Status{ErrorCode::kInvalidArgument, json::field_label(name) + ": unknown field"};
    }
  }
  if (Status st = api::check_privacy_action(action); !st) return st;
  return action;
}

}  // namespace confidant

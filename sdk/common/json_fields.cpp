#include "common/json_fields.hpp"

#include "common/quote.hpp"

namespace confidant::json {

Status wrong_type(const std::string& field, std::string_view expected, const Value& found) {
  return Status::invalid_field(field,
                               "expected " + std::string(expected) + ", got " + std::string(describe(found.type())));
}

std::string field_label(std::string_view name) {
  const bool plain = !name.empty() && name.size() <= 64 &&
                     name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
                         std::string_view::npos;
  return plain ? std::string(name) : text::quoted(name);
}

Status read_string_array(const std::string& field, const Value& value, std::vector<std::string>& out) {
  if (!value.is_array()) return wrong_type(field, "an array of strings", value);
  const Value::Array& items = value.as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string()) return wrong_type(field + "[" + std::to_string(i) + "]", "a string", items[i]);
    out.push_back(items[i].as_string());
  }
  return Status::ok();
}

Status read_string_map(const std::string& field, const Value& value, std::map<std::string, std::string>& out) {
  if (!value.is_object()) return wrong_type(field, "an object of strings", value);
  for (const auto& [key, member] : value.as_object()) {  // the parser refused duplicate keys
    if (!member.is_string()) return wrong_type(field + "." + field_label(key), "a string", member);
    out.emplace(key, member.as_string());
  }
  return Status::ok();
}

void append_member_key(std::string& out, std::string_view key) {
  out += ',';
  append_json_string(out, key);
  out += ':';
}

void append_string_array(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

void append_string_map(std::string& out, const std::map<std::string, std::string>& members) {
  out += '{';
  bool first = true;
  for (const auto& [key, value] : members) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, key);
    out += ':';
    append_json_string(out, value);
  }
  out += '}';
}

}  // namespace confidant::json

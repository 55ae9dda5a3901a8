// Field-level helpers for the SDK's JSON codecs of public values (signals,
// candidates, results): the same error messages and the same layout
// wherever a field of the same shape appears.
//
// Messages: "<field>: expected <what>, got <JSON type>", "<field>: <what>".
// A key inside a message is bare when it is a plain name, quoted (bounded,
// escaped) otherwise, so caller text cannot garble a log.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "confidant/status.hpp"

namespace confidant::json {

Status wrong_type(const std::string& field, std::string_view expected, const Value& found);
std::string field_label(std::string_view name);

// "categories": ["a", "b"]; errors name "categories[1]".
Status read_string_array(const std::string& field, const Value& value, std::vector<std::string>& out);
// "attrs": {"milk": "oat"}; errors name "attrs.milk".
Status read_string_map(const std::string& field, const Value& value, std::map<std::string, std::string>& out);

// ',"key":' — members after the first.
void append_member_key(std::string& out, std::string_view key);
void append_string_array(std::string& out, const std::vector<std::string>& items);
void append_string_map(std::string& out, const std::map<std::string, std::string>& members);

}  // namespace confidant::json

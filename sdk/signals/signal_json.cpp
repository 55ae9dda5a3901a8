// The JSON form of a Signal (confidant/signal.hpp): one line of the CLI's
// JSONL, or a C-ABI payload.
//
// Only JSON-level problems are caught here: syntax, unknown or duplicate
// fields, wrong JSON types, malformed times. Lengths, per-type field rules
// and time bounds belong to signals/validate.cpp, which every signal passes
// through whichever way it arrived, so that the rules live in one place.
//
// null is a wrong type, not "absent": loosening that later breaks no one,
// tightening it later would.
#include <string>

#include "common/json.hpp"
#include "common/json_fields.hpp"
#include "common/quote.hpp"
#include "common/time.hpp"
#include "confidant/signal.hpp"
#include "signals/signal.hpp"
#include "signals/signal_json.hpp"

namespace confidant {
namespace {

using json::Value;
using json::append_member_key;

using json::field_label;
using json::wrong_type;

Status read_string(const char* field, const Value& value, std::optional<std::string>& out) {
  if (!value.is_string()) return wrong_type(field, "a string", value);
  out = value.as_string();
  return Status::ok();
}

Status read_rating(const Value& value, std::optional<std::int64_t>& out) {
  // 4.0 and 4e0 are refused too: a rating is a count of stars, and accepting
  // them would invite 4.5 next.
  if (!value.is_integer()) {
    if (value.is_number()) return Status::invalid_field("rating", "expected an integer, got a non-integer number");
    return wrong_type("rating", "an integer", value);
  }
  out = value.as_int64();
  return Status::ok();
}

Status read_at(const Value& value, std::int64_t& out) {
  if (value.is_integer()) {
    out = value.as_int64();
    return Status::ok();
  }
  if (!value.is_string()) {
    if (value.is_number()) {
      return Status::invalid_field("at", "expected an integer (Unix ms), got a non-integer number");
    }
    return wrong_type("at", "an ISO 8601 string or an integer (Unix ms)", value);
  }
  auto parsed = timefmt::parse_iso8601(value.as_string());
  if (!parsed) {
    // "time: offset 4: ..." reads better as "at: '2026/11/20': offset 4: ...".
    std::string reason = parsed.status().message();
    if (reason.rfind("time: ", 0) == 0) reason.erase(0, 6);
    return Status::invalid_field("at", text::quoted(value.as_string()) + ": " + reason);
  }
  out = parsed.value();
  return Status::ok();
}

}  // namespace

CONFIDANT_EXPORT Result<Signal> signal_from_json(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed) return parsed.status();
  return signals::signal_from_value(parsed.value());
}

Result<Signal> signals::signal_from_value(const json::Value& document) {
  if (!document.is_object()) return wrong_type("signal", "a JSON object", document);

  Signal signal;
  bool has_type = false;
  for (const auto& [key, value] : document.as_object()) {
    Status status;
    if (key == "type") {
      if (!value.is_string()) return wrong_type("type", "a string", value);
      auto type = signals::parse_signal_type(value.as_string());
      if (!type) return type.status();
      signal.type = type.value();
      has_type = true;
    } else if (key == "item") {
      status = read_string("item", value, signal.item);
    } else if (key == "categories") {
      status = json::read_string_array("categories", value, signal.categories);
    } else if (key == "attrs") {
      status = json::read_string_map("attrs", value, signal.attrs);
    } else if (key == "query") {
      status = read_string("query", value, signal.query);
    } else if (key == "rating") {
      status = read_rating(value, signal.rating);
    } else if (key == "at") {
      status = read_at(value, signal.at);
    } else if (key == "text") {
      status = read_string("text", value, signal.text);
    } else {
      return Status::invalid_field(field_label(key), "unknown field");
    }
    if (!status) return status;
  }
  if (!has_type) return Status::invalid_field("type", "required");
  return signal;
}

CONFIDANT_EXPORT std::string to_json(const Signal& signal) {
  std::string out = "{\"type\":";
  json::append_json_string(out, signals::name(signal.type));
  if (signal.item) {
    append_member_key(out, "item");
    json::append_json_string(out, *signal.item);
  }
  if (!signal.categories.empty()) {
    append_member_key(out, "categories");
    json::append_string_array(out, signal.categories);
  }
  if (!signal.attrs.empty()) {
    append_member_key(out, "attrs");
    json::append_string_map(out, signal.attrs);
  }
  if (signal.query) {
    append_member_key(out, "query");
    json::append_json_string(out, *signal.query);
  }
  if (signal.rating) {
    append_member_key(out, "rating");
    out += std::to_string(*signal.rating);
  }
  if (signal.at != 0) {
    append_member_key(out, "at");
    // Outside what ISO 8601 UTC can show (before 1970, after 9999), the
    // integer form keeps signal_from_json(to_json(s)) == s; validate()
    // refuses such times anyway.
    const std::string iso = timefmt::iso8601_utc(signal.at);
    if (iso.empty()) {
      out += std::to_string(signal.at);
    } else {
      json::append_json_string(out, iso);
    }
  }
  if (signal.text) {
    append_member_key(out, "text");
    json::append_json_string(out, *signal.text);
  }
  out += '}';
  return out;
}

}  // namespace confidant

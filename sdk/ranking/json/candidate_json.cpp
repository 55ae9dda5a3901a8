// The JSON form of a candidate (confidant/ranking.hpp): one line of the
// CLI's `rank` input, and a list of them as the C ABI and the bindings pass
// it (a JSON array, or JSONL).
//
// As for signals (signals/signal_json.cpp), only JSON-level problems are
// caught here — syntax, unknown or duplicate fields, wrong JSON types,
// unknown kinds; lengths and ranges are rank()'s, which names the candidate.
// null is a wrong type, not "absent".
#include <algorithm>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/json_fields.hpp"
#include "common/quote.hpp"
#include "confidant/ranking.hpp"

namespace confidant {
namespace {

using json::Value;
using json::append_member_key;

using json::field_label;
using json::wrong_type;

Status read_related(const Value& value, std::map<std::string, double>& out) {
  if (!value.is_object()) return wrong_type("related", "an object of numbers", value);
  for (const auto& [key, weight] : value.as_object()) {
    if (!weight.is_number()) return wrong_type("related." + field_label(key), "a number", weight);
    out.emplace(key, weight.as_double());
  }
  return Status::ok();
}

Status read_kind(const Value& value, std::optional<CandidateKind>& out) {
  if (!value.is_string()) return wrong_type("kind", "a string", value);
  for (const CandidateKind kind : {CandidateKind::kConsumable, CandidateKind::kDurable, CandidateKind::kExperience}) {
    if (value.as_string() == candidate_kind_name(kind)) {
      out = kind;
      return Status::ok();
    }
  }
  return Status::invalid_field("kind", "unknown value " + text::quoted(value.as_string()) +
                             " (expected consumable, durable or experience)");
}

constexpr std::string_view kSpace = " \t\r\n";

Result<Candidate> candidate_from_value(const Value& document) {
  if (!document.is_object()) return wrong_type("candidate", "a JSON object", document);

  Candidate candidate;
  bool has_id = false;
  for (const auto& [key, value] : document.as_object()) {
    Status status;
    if (key == "id") {
      if (!value.is_string()) return wrong_type("id", "a string", value);
      candidate.id = value.as_string();
      has_id = true;
    } else if (key == "categories") {
      status = json::read_string_array("categories", value, candidate.categories);
    } else if (key == "attrs") {
      status = json::read_string_map("attrs", value, candidate.attrs);
    } else if (key == "kind") {
      status = read_kind(value, candidate.kind);
    } else if (key == "popularity") {
      if (!value.is_number()) return wrong_type("popularity", "a number", value);
      candidate.popularity = value.as_double();
    } else if (key == "related") {
      status = read_related(value, candidate.related);
    } else if (key == "sensitive") {
      if (!value.is_bool()) return wrong_type("sensitive", "a boolean", value);
      candidate.sensitive = value.as_bool();
    } else {
      return Status::invalid_field(field_label(key), "unknown field");
    }
    if (!status) return status;
  }
  if (!has_id) return Status::invalid_field("id", "required");
  return candidate;
}

// The candidate's own message, prefixed with where it is in the list.
Status at(const std::string& where, const Status& status) {
  return {status.code(), where + ": " + status.message()};
}

Result<std::vector<Candidate>> from_array(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed) return at("candidates", parsed.status());
  const Value::Array& items = parsed.value().as_array();
  std::vector<Candidate> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto candidate = candidate_from_value(items[i]);
    if (!candidate) return at("candidates[" + std::to_string(i) + "]", candidate.status());
    out.push_back(std::move(candidate.value()));
  }
  return out;
}

Result<std::vector<Candidate>> from_lines(std::string_view text) {
  std::vector<Candidate> out;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(kSpace) == std::string_view::npos) continue;
    auto candidate = candidate_from_json(line);
    if (!candidate) return at("candidates line " + std::to_string(line_number), candidate.status());
    out.push_back(std::move(candidate.value()));
  }
  return out;
}

}  // namespace

CONFIDANT_EXPORT const char* candidate_kind_name(CandidateKind kind) noexcept {
  switch (kind) {
    case CandidateKind::kConsumable: return "consumable";
    case CandidateKind::kDurable: return "durable";
    case CandidateKind::kExperience: return "experience";
  }
  return "invalid";
}

CONFIDANT_EXPORT Result<Candidate> candidate_from_json(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed) return parsed.status();
  return candidate_from_value(parsed.value());
}

CONFIDANT_EXPORT Result<std::vector<Candidate>> candidates_from_json(std::string_view text) {
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first != std::string_view::npos && text[first] == '[') return from_array(text);
  return from_lines(text);
}

CONFIDANT_EXPORT std::string to_json(const Candidate& candidate) {
  std::string out = "{\"id\":";
  json::append_json_string(out, candidate.id);
  if (!candidate.categories.empty()) {
    append_member_key(out, "categories");
    json::append_string_array(out, candidate.categories);
  }
  if (!candidate.attrs.empty()) {
    append_member_key(out, "attrs");
    json::append_string_map(out, candidate.attrs);
  }
  if (candidate.kind) {
    append_member_key(out, "kind");
    json::append_json_string(out, candidate_kind_name(*candidate.kind));
  }
  append_member_key(out, "popularity");
  json::append_json_double(out, candidate.popularity);
  if (!candidate.related.empty()) {
    append_member_key(out, "related");
    out += '{';
    bool first = true;
    for (const auto& [other, weight] : candidate.related) {
      if (!first) out += ',';
      first = false;
      json::append_json_string(out, other);
      out += ':';
      json::append_json_double(out, weight);
    }
    out += '}';
  }
  if (candidate.sensitive) out += ",\"sensitive\":true";
  out += '}';
  return out;
}

}  // namespace confidant

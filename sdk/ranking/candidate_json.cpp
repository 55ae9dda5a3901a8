// The JSON forms of the ranking's public values (confidant/ranking.hpp):
// a candidate (one line of the CLI's `rank` input) and a result (one line of
// its output), and the slot's text form.
//
// As for signals (signals/signal_json.cpp), only JSON-level problems are
// caught here — syntax, unknown or duplicate fields, wrong JSON types,
// unknown kinds; lengths and ranges are rank()'s, which names the candidate.
// null is a wrong type, not "absent".
#include <string>

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
  const Value& document = parsed.value();
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

CONFIDANT_EXPORT Result<Slot> parse_slot(std::string_view text) {
  constexpr std::string_view kRelated = "related:";
  if (text == "home") return Slot::home();
  if (text.substr(0, kRelated.size()) == kRelated) {
    const std::string_view item = text.substr(kRelated.size());
    if (item.empty()) return Status{ErrorCode::kInvalidArgument, "slot: 'related:' needs an item id"};
    return Slot::related_to(std::string(item));
  }
  return Status{ErrorCode::kInvalidArgument,
                "slot: unknown value " + text::quoted(text) + " (expected home or related:ITEM)"};
}

CONFIDANT_EXPORT std::string to_json(const RankedItem& item) {
  std::string out = "{\"id\":";
  json::append_json_string(out, item.id);
  out += ",\"score\":";
  json::append_json_double(out, item.score);
  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < item.reasons.size(); ++i) {
    const Reason& reason = item.reasons[i];
    if (i > 0) out += ',';
    out += "{\"code\":";
    json::append_json_string(out, reason.code);
    out += ",\"text\":";
    json::append_json_string(out, reason.text);
    if (!reason.params.empty()) {
      out += ",\"params\":{";
      bool first = true;
      for (const auto& [key, value] : reason.params) {
        if (!first) out += ',';
        first = false;
        json::append_json_string(out, key);
        out += ':';
        json::append_json_string(out, value);
      }
      out += '}';
    }
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace confidant

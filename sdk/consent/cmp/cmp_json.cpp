// The JSON forms of confidant/cmp.hpp: the request the C ABI and the CLI
// pass (read strictly: unknown fields and wrong JSON types are named), and
// the outcome they print. What the values mean is plan_cmp()'s to check.
#include <functional>
#include <map>
#include <string>

#include "common/json.hpp"
#include "common/json_fields.hpp"
#include "common/quote.hpp"
#include "confidant/cmp.hpp"
#include "consent/cmp/iabtcf_keys.hpp"
#include "consent/types.hpp"

namespace confidant {
namespace {

using json::Value;
using json::wrong_type;

Status read_iabtcf(const Value& value, std::map<std::string, std::string>& out) {
  if (!value.is_object()) return wrong_type("iabtcf", "an object", value);
  for (const auto& [key, member] : value.as_object()) {
    const std::string field = "iabtcf." + json::field_label(key);
    if (member.is_string()) {
      out[key] = member.as_string();
    } else if (member.is_integer()) {
      out[key] = std::to_string(member.as_int64());  // apps store the numbers as integers
    } else {
      return wrong_type(field, "a string or an integer", member);
    }
  }
  return Status::ok();
}

void append_pairs(std::string& out, const std::function<std::string_view(DataCategory, Use)>& value_of) {
  out += '{';
  bool first_category = true;
  for (const DataCategory category : kAllCategories) {
    if (!first_category) out += ',';
    first_category = false;
    json::append_json_string(out, consent::name(category));
    out += ":{";
    bool first_use = true;
    for (const Use use : kAllUses) {
      if (!first_use) out += ',';
      first_use = false;
      json::append_json_string(out, consent::name(use));
      out += ':';
      json::append_json_string(out, value_of(category, use));
    }
    out += '}';
  }
  out += '}';
}

}  // namespace

CONFIDANT_EXPORT std::string_view cmp_decision_name(CmpDecision decision) noexcept {
  switch (decision) {
    case CmpDecision::kNone: return "none";
    case CmpDecision::kGranted: return "granted";
    case CmpDecision::kWithdrawn: return "withdrawn";
  }
  return "invalid";
}

CONFIDANT_EXPORT Result<CmpRequest> cmp_request_from_json(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed) return parsed.status();
  const Value& root = parsed.value();
  if (!root.is_object()) return wrong_type("cmp", "an object", root);
  CmpRequest request;
  const Value* tc_string = nullptr;
  for (const auto& [key, value] : root.as_object()) {
    if (key == "iabtcf") {
      if (Status st = read_iabtcf(value, request.signals.iabtcf); !st) return st;
    } else if (key == "consent_mode") {
      if (Status st = json::read_string_map("consent_mode", value, request.signals.consent_mode); !st) return st;
    } else if (key == "tc_string") {
      if (!value.is_string()) return wrong_type("tc_string", "a string", value);
      tc_string = &value;
    } else if (key == "vendor_id") {
      if (!value.is_integer() || value.as_int64() < 0 || value.as_int64() > 65535) {
        return Status::invalid_field("vendor_id", "expected an integer 0..65535");
      }
      request.options.vendor_id = static_cast<std::uint32_t>(value.as_int64());
    } else {
      return Status::invalid_field("cmp", "unknown field " + text::quoted(key));
    }
  }
  if (tc_string != nullptr) {
    if (!request.signals.iabtcf.emplace(consent::cmp::kTcStringKey, tc_string->as_string()).second) return Status::invalid_field("tc_string", "given twice (also as iabtcf.IABTCF_TCString)");
  }
  return request;
}

CONFIDANT_EXPORT std::string to_json(const CmpOutcome& outcome) {
  std::string out = "{\"applied\":";
  out += outcome.applied ? "true" : "false";
  out += ",\"cmp_hash\":";
  json::append_json_string(out, outcome.cmp_hash);
  out += ",\"policy_version\":";
  json::append_json_string(out, outcome.policy_version);
  out += ",\"decisions\":";
  append_pairs(out, [&](DataCategory c, Use u) { return cmp_decision_name(outcome.of(c, u)); });
  out += ",\"states\":";
  append_pairs(out, [&](DataCategory c, Use u) { return consent::name(outcome.states.of(c, u)); });
  out += '}';
  return out;
}

}  // namespace confidant

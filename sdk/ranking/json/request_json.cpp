// The JSON form of a rank request (confidant/ranking.hpp) and the slot's
// text form: what the C ABI and the bindings pass for RankRequest.
//
// As for candidates, only JSON-level problems are caught here (syntax,
// unknown fields, wrong JSON types); ranges are rank()'s, which names the
// field ("request.limit: 0 out of range 1..1000").
#include <limits>
#include <string>

#include "common/json.hpp"
#include "common/json_fields.hpp"
#include "common/quote.hpp"
#include "confidant/ranking.hpp"

namespace confidant {
namespace {

using json::Value;
using json::wrong_type;

Status read_count(const std::string& field, const Value& value, std::uint64_t& out) {
  if (!value.is_integer() || value.as_int64() < 0) return wrong_type(field, "a non-negative integer", value);
  out = static_cast<std::uint64_t>(value.as_int64());
  return Status::ok();
}

Status read_member(const std::string& key, const Value& value, RankRequest& request) {
  const std::string field = "request." + key;
  std::uint64_t count = 0;
  if (key == "limit" || key == "max_per_category" || key == "seed") {
    if (Status st = read_count(field, value, count); !st) return st;
    if (key == "limit") request.limit = static_cast<std::size_t>(count);
    if (key == "max_per_category") request.max_per_category = static_cast<std::size_t>(count);
    if (key == "seed") request.seed = count;
  } else if (key == "slot") {
    if (!value.is_string()) return wrong_type(field, "a string", value);
    auto slot = parse_slot(value.as_string());
    if (!slot) return {slot.status().code(), "request." + slot.status().message()};
    request.slot = std::move(slot.value());
  } else if (key == "moment" || key == "place") {
    if (!value.is_string()) return wrong_type(field, "a string", value);
    (key == "moment" ? request.moment : request.place) = value.as_string();
  } else if (key == "variety") {
    if (!value.is_bool()) return wrong_type(field, "a boolean", value);
    request.variety = value.as_bool();
  } else if (key == "exploration_share") {
    if (!value.is_number()) return wrong_type(field, "a number", value);
    request.exploration_share = value.as_double();
  } else if (key == "utc_offset_minutes") {
    if (!value.is_integer()) return wrong_type(field, "an integer", value);
    const std::int64_t minutes = value.as_int64();
    if (minutes < std::numeric_limits<int>::min() || minutes > std::numeric_limits<int>::max()) {
      return Status::invalid_field(field, std::to_string(minutes) + " out of range");
    }
    request.utc_offset_minutes = static_cast<int>(minutes);
  } else {
    // Bounded and escaped: the key comes from the host and lands in a log
    // line (a raw cut could split a character or carry controls).
    return Status::invalid_field("request", "unknown field " + text::quoted(key));
  }
  return Status::ok();
}

}  // namespace

CONFIDANT_EXPORT Result<Slot> parse_slot(std::string_view text) {
  constexpr std::string_view kRelated = "related:";
  if (text == "home") return Slot::home();
  if (text.substr(0, kRelated.size()) == kRelated) {
    const std::string_view item = text.substr(kRelated.size());
    if (item.empty()) return Status::invalid_field("slot", "'related:' needs an item id");
    return Slot::related_to(std::string(item));
  }
  return Status::invalid_field("slot", "unknown value " + text::quoted(text) + " (expected home or related:ITEM)");
}

CONFIDANT_EXPORT std::string to_string(const Slot& slot) {
  return slot.kind == Slot::Kind::kHome ? "home" : "related:" + slot.item;
}

CONFIDANT_EXPORT Result<RankRequest> rank_request_from_json(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed) return Status{parsed.status().code(), "request: " + parsed.status().message()};
  if (!parsed.value().is_object()) return wrong_type("request", "a JSON object", parsed.value());
  RankRequest request;
  for (const auto& [key, value] : parsed.value().as_object()) {
    if (Status st = read_member(key, value, request); !st) return st;
  }
  return request;
}

CONFIDANT_EXPORT std::string to_json(const RankRequest& request) {
  std::string out = "{\"limit\":" + std::to_string(request.limit);
  out += ",\"slot\":" + json::json_string(to_string(request.slot));
  out += ",\"moment\":" + json::json_string(request.moment);
  out += ",\"seed\":" + std::to_string(request.seed);
  out += std::string(",\"variety\":") + (request.variety ? "true" : "false");
  out += ",\"max_per_category\":" + std::to_string(request.max_per_category);
  out += ",\"exploration_share\":";
  json::append_json_double(out, request.exploration_share);
  out += ",\"utc_offset_minutes\":" + std::to_string(request.utc_offset_minutes);
  out += ",\"place\":" + json::json_string(request.place);
  return out + "}";
}

}  // namespace confidant

#include "capi/rank_inputs.hpp"

#include <limits>
#include <string>

#include "common/json.hpp"
#include "common/quote.hpp"

namespace confidant::capi {
namespace {

using json::Value;

constexpr std::string_view kSpace = " \t\r\n";

Status wrong_type(std::string_view field, std::string_view expected, const Value& found) {
  return Status::invalid_field(field,
                               "expected " + std::string(expected) + ", got " + std::string(json::describe(found.type())));
}

// The candidate's own message, prefixed with where it is in the input.
Status at(const std::string& where, const Status& status) {
  return {status.code(), where + ": " + status.message()};
}

Result<std::vector<Candidate>> from_array(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed) return at("candidates", parsed.status());
  std::vector<Candidate> out;
  const Value::Array& items = parsed.value().as_array();
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    // Back through the public reader, so every host reads candidates alike.
    auto candidate = candidate_from_json(json::serialize(items[i]));
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

Status read_count(std::string_view field, const Value& value, std::uint64_t& out) {
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
    if (!slot) return at("request", slot.status());
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

Result<std::vector<Candidate>> candidates_from_json(std::string_view text) {
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first != std::string_view::npos && text[first] == '[') return from_array(text);
  return from_lines(text);
}

Result<RankRequest> rank_request_from_json(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed) return at("request", parsed.status());
  if (!parsed.value().is_object()) return wrong_type("request", "a JSON object", parsed.value());
  RankRequest request;
  for (const auto& [key, value] : parsed.value().as_object()) {
    if (Status st = read_member(key, value, request); !st) return st;
  }
  return request;
}

}  // namespace confidant::capi

// The JSON form of ranking results (confidant/ranking.hpp): one item (one
// line of the CLI's `rank` output, the answer of why()) and a whole list as
// the C ABI and the bindings return it.
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/json_fields.hpp"
#include "confidant/ranking.hpp"

namespace confidant {

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
      json::append_member_key(out, "params");
      json::append_string_map(out, reason.params);
    }
    out += '}';
  }
  out += "]}";
  return out;
}

CONFIDANT_EXPORT std::string to_json(const std::vector<RankedItem>& results) {
  std::string out = "{\"results\":[";
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i > 0) out += ',';
    out += to_json(results[i]);
  }
  out += "]}";
  return out;
}

}  // namespace confidant

#include "eval/interaction_json.hpp"

#include "common/json.hpp"
#include "common/json_fields.hpp"
#include "common/quote.hpp"
#include "signals/signal_json.hpp"

namespace confidant::eval {

Result<InteractionLine> parse_interaction_line(std::string_view line) {
  auto parsed = json::parse(line);
  if (!parsed) return parsed.status();
  const json::Value& document = parsed.value();
  if (!document.is_object()) {
    return Status::invalid_argument("expected an object {\"user\":..,\"signal\":{..}}, got " +
                                    std::string(json::describe(document.type())));
  }
  const json::Value* user = nullptr;
  const json::Value* signal = nullptr;
  // In the author's order, so the first problem on the line is the one named.
  for (const auto& [key, value] : document.as_object()) {
    if (key == "user") {
      if (!value.is_string()) return json::wrong_type("user", "a string", value);
      if (value.as_string().empty()) return Status::invalid_field("user", "empty");
      user = &value;
    } else if (key == "signal") {
      if (!value.is_object()) return json::wrong_type("signal", "an object", value);
      signal = &value;
    } else {
      return Status::invalid_argument("unknown field " + text::quoted(key) + " (expected user and signal)");
    }
  }
  if (user == nullptr) return Status::invalid_field("user", "required");
  if (signal == nullptr) return Status::invalid_field("signal", "required");
  // The SDK's reader of a parsed value: the rules and messages of
  // signal_from_json (track's JSONL), without writing the object back to
  // text and parsing it again.
  auto read = signals::signal_from_value(*signal);
  if (!read) return Status::invalid_argument("signal." + read.status().message());
  return InteractionLine{user->as_string(), std::move(read.value())};
}

}  // namespace confidant::eval

// One line of eval's interactions file: {"user":"u1","signal":{...}}.
//
// Read with the SDK's one JSON reader (common/json.hpp), so the envelope is
// exactly as strict as every other JSON Confidant reads (well-formed UTF-8,
// no duplicate keys, nothing after the value), and the signal through the
// public signal_from_json, so it is exactly what track() would take. Both
// members required, no other member.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "confidant/signal.hpp"
#include "confidant/status.hpp"

namespace confidant::eval {

struct InteractionLine {
  std::string user;  // non-empty, escapes decoded: "a" and "\u0061" are one user
  Signal signal;
};

// kInvalidArgument naming the problem: the JSON reader's "json: offset N:
// ...", "user: expected a string, got a number", "unknown field 'x'
// (expected user and signal)", or the signal's own, prefixed "signal."
// ("signal.rating: ...").
Result<InteractionLine> parse_interaction_line(std::string_view line);

}  // namespace confidant::eval

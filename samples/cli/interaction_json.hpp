// One line of eval's interactions file: {"user":"u1","signal":{...}}.
//
// The CLI uses only the public API, which parses a signal but not this
// envelope, so the envelope is read here: the user id (a JSON string,
// escapes decoded) and the signal object's text, handed unchanged to
// signal_from_json. Strict like the rest of the CLI's input: both members
// required, no other member, nothing after the object.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "confidant/status.hpp"

namespace confidant::cli {

struct InteractionLine {
  std::string user;
  std::string_view signal;  // the signal object's JSON text, inside the line given
};

// kInvalidArgument naming the problem ("user: expected a string").
Result<InteractionLine> parse_interaction_line(std::string_view line);

}  // namespace confidant::cli

// A signal read from an already parsed JSON value, for readers that hold one
// inside a larger document (eval's {"user":..,"signal":{..}} lines): the same
// rules and messages as the public signal_from_json (confidant/signal.hpp),
// which parses its text and calls this.
//
// Thread-safety: a pure function.
#pragma once

#include "common/json.hpp"
#include "confidant/signal.hpp"

namespace confidant::signals {

Result<Signal> signal_from_value(const json::Value& document);

}  // namespace confidant::signals

// What every command does the same way: open the store for the length of
// the command, report a failed call, print a JSON result.
//
// Thread-safety: one thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "confidant/sdk.hpp"
#include "exit_codes.hpp"
#include "session.hpp"

namespace confidant::cli {

// Opens the store (reporting why it cannot be opened), runs `body`, closes.
Exit with_store(const Session& session, std::string_view command, const std::function<Exit(Sdk&)>& body);

// Reports a failed call as "<command>: <why>" on stderr and gives its exit code.
Exit report(std::string_view command, const Status& status);

// Prints a JSON document and a newline on stdout, or reports why there is none.
Exit print_json(std::string_view command, const Result<std::string>& json);

}  // namespace confidant::cli

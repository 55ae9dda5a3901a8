// confidant privacy-center (docs/cli.md): the privacy center model of a
// store as JSON, or its page served for a browser (privacy_center_server).
//
// Thread-safety: one thread.
#pragma once

#include <span>
#include <string>
#include <variant>

#include "args.hpp"
#include "exit_codes.hpp"
#include "session.hpp"

namespace confidant::cli {

// `privacy-center --json` or `--serve HOST:PORT`: exactly one mode.
std::variant<Command, UsageError> parse_privacy_center(std::span<const std::string> rest);

Exit run_privacy_center(const Session& session, const PrivacyCenterCommand& args);

}  // namespace confidant::cli

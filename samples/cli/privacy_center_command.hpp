// confidant privacy-center (docs/cli.md): the privacy center model of a
// store, as the app's settings screen would show it.
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

// `privacy-center --json`. A mode is required, so that serving the page
// (a later mode) is one more choice here, not a change of meaning.
std::variant<Command, UsageError> parse_privacy_center(std::span<const std::string> rest);

Exit run_privacy_center(const Session& session, const PrivacyCenterCommand& args);

}  // namespace confidant::cli

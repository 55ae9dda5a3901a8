#include "privacy_center_command.hpp"

#include "command_support.hpp"
#include "output.hpp"

namespace confidant::cli {

std::variant<Command, UsageError> parse_privacy_center(std::span<const std::string> rest) {
  PrivacyCenterCommand command;
  bool json = false;
  for (const std::string& arg : rest) {
    if (arg == "--json") {
      if (json) return UsageError{"privacy-center: --json given twice"};
      json = true;
      continue;
    }
    return UsageError{arg.starts_with("-") ? "privacy-center: unknown option '" + arg + "'"
                                     : "privacy-center: unexpected argument '" + arg + "'"};
  }
  if (!json) return UsageError{"privacy-center: say how to show it: --json"};
  command.mode = PrivacyCenterCommand::Mode::kJson;
  return command;
}

Exit run_privacy_center(const Session& session, const PrivacyCenterCommand& args) {
  (void)args;  // --json is the only mode so far
  return with_store(session, "privacy-center", [](Sdk& sdk) {
    auto center = sdk.privacy_center();
    if (!center) return report("privacy-center", center.status());
    return print_json("privacy-center", to_json(center.value()));
  });
}

}  // namespace confidant::cli

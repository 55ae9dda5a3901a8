#include "command_support.hpp"

#include "output.hpp"

namespace confidant::cli {

Exit with_store(const Session& session, std::string_view command, const std::function<Exit(Sdk&)>& body) {
  auto opened = session.open();
  if (auto* exit = std::get_if<Exit>(&opened)) return *exit;
  Sdk& sdk = *std::get<std::unique_ptr<Sdk>>(opened);
  const Exit exit = body(sdk);
  // Each call has committed what it changed; closing only stops the worker,
  // but a failure there still deserves a word when all else went well.
  if (const Status closed = sdk.close(); !closed && exit == Exit::kOk) return report(command, closed);
  return exit;
}

Exit report(std::string_view command, const Status& status) {
  const Exit exit = exit_for(status.code());
  // Bad input is the person's to fix and the message names the field; other
  // failures also carry the code's name, for a bug report.
  error(std::string(command) + ": " + (exit == Exit::kBadInput ? status.message() : status.to_string()));
  return exit;
}

Exit print_json(std::string_view command, const Result<std::string>& json) {
  if (!json) return report(command, json.status());
  if (!print_line(json.value())) {
    error(std::string(command) + ": cannot write to standard output");
    return Exit::kFailure;
  }
  return Exit::kOk;
}

}  // namespace confidant::cli

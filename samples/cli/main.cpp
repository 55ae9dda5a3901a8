// confidant: the command-line tool over the public SDK (docs/cli.md).
//
// main() only turns argv into a parsed invocation and exit codes; nothing
// may escape it as an exception, because a crash would give a script an exit
// code the contract does not know.
#include <exception>
#include <string>
#include <vector>

#include "args.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "session.hpp"

namespace {

using namespace confidant::cli;

Exit run_cli(const std::vector<std::string>& args) {
  const Parsed parsed = parse_args(args);
  if (const auto* error = std::get_if<UsageError>(&parsed)) {
    usage_error(error->message);
    return Exit::kUsage;
  }
  if (std::holds_alternative<HelpRequested>(parsed)) {
    return print_line(usage_text()) ? Exit::kOk : Exit::kFailure;
  }
  const Invocation& invocation = std::get<Invocation>(parsed);
  auto session = Session::prepare(invocation.options);
  if (const auto* exit = std::get_if<Exit>(&session)) return *exit;
  return run(std::get<Session>(session), invocation.command);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    return as_int(run_cli(args));
  } catch (const std::exception& e) {
    error(std::string("unexpected failure: ") + e.what());
  } catch (...) {
    error("unexpected failure");
  }
  return as_int(Exit::kFailure);
}

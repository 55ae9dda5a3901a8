#include "privacy_center_command.hpp"

#include <charconv>

#include "command_support.hpp"
#include "output.hpp"
#include "privacy_center_server.hpp"

namespace confidant::cli {
namespace {

// HOST:PORT, HOST possibly a bracketed IPv6 address ("[::1]:0").
bool parse_address(std::string_view text, PrivacyCenterCommand& command) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view host = text.substr(0, colon);
  const std::string_view port = text.substr(colon + 1);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return false;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return false;  // an IPv6 address needs its brackets
  }
  int value = -1;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || port.empty() || value < 0 || value > 65535) return false;
  command.serve_host = std::string(host);
  command.serve_port = value;
  return true;
}

}  // namespace

std::variant<Command, UsageError> parse_privacy_center(std::span<const std::string> rest) {
  PrivacyCenterCommand command;
  bool json = false;
  bool serve = false;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const std::string& arg = rest[i];
    if (arg == "--json") {
      if (json) return UsageError{"privacy-center: --json given twice"};
      json = true;
      continue;
    }
    if (arg == "--serve") {
      if (serve) return UsageError{"privacy-center: --serve given twice"};
      if (i + 1 == rest.size()) return UsageError{"privacy-center: --serve needs HOST:PORT"};
      if (!parse_address(rest[++i], command)) {
        return UsageError{"privacy-center: --serve: expected HOST:PORT (e.g. 127.0.0.1:0), got '" + rest[i] + "'"};
      }
      serve = true;
      continue;
    }
    return UsageError{arg.starts_with("-") ? "privacy-center: unknown option '" + arg + "'"
                                     : "privacy-center: unexpected argument '" + arg + "'"};
  }
  if (json && serve) return UsageError{"privacy-center: --json and --serve are two ways to show it: choose one"};
  if (!json && !serve) return UsageError{"privacy-center: say how to show it: --json or --serve HOST:PORT"};
  command.mode = serve ? PrivacyCenterCommand::Mode::kServe : PrivacyCenterCommand::Mode::kJson;
  return command;
}

Exit run_privacy_center(const Session& session, const PrivacyCenterCommand& args) {
  return with_store(session, "privacy-center", [&args](Sdk& sdk) {
    if (args.mode == PrivacyCenterCommand::Mode::kServe) {
      return serve_privacy_center(sdk, {.host = args.serve_host, .port = args.serve_port});
    }
    auto center = sdk.privacy_center();
    if (!center) return report("privacy-center", center.status());
    return print_json("privacy-center", to_json(center.value()));
  });
}

}  // namespace confidant::cli

#include "cmp_command.hpp"

#include <string>

#include "command_support.hpp"
#include "output.hpp"
#include "read_file.hpp"

namespace confidant::cli {

Exit run_consent_cmp(const Session& session, const ConsentCmp& args) {
  // The inputs are read and checked before the store is opened, so bad input
  // leaves no trace.
  CmpRequest request;
  if (args.iabtcf_file) {
    auto text = tools::read_file(*args.iabtcf_file);
    if (!text) return report("consent cmp", text.status());
    // The file is the object of IABTCF_ values an app keeps; read as the
    // "iabtcf" member of a request, so its errors name "iabtcf.<key>".
    auto read = cmp_request_from_json("{\"iabtcf\":" + text.value() + "}");
    if (!read) return report("consent cmp: " + args.iabtcf_file->string(), read.status());
    request = std::move(read.value());
  }
  if (args.tc_string && !request.signals.iabtcf.emplace("IABTCF_TCString", *args.tc_string).second) {
    usage_error("consent cmp: --tcf given, and " + args.iabtcf_file->string() + " has an IABTCF_TCString too");
    return Exit::kUsage;
  }
  request.signals.consent_mode = args.consent_mode;
  request.options.vendor_id = args.vendor_id;
  return with_store(session, "consent cmp", [&](Sdk& sdk) {
    auto outcome = sdk.apply_cmp(request.signals, request.options);
    if (!outcome) return report("consent cmp", outcome.status());
    return print_json("consent cmp", to_json(outcome.value()));
  });
}

}  // namespace confidant::cli

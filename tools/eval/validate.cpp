#include "eval/validate.hpp"

#include <charconv>
#include <memory>
#include <string>

#include "confidant/sdk.hpp"
#include "eval/line_errors.hpp"

namespace confidant::eval {
namespace {

// 9999-12-31T23:59:59Z: every signal time is in the past of this clock, so
// "at most 5 minutes ahead" never refuses one here (the replay tracks each
// signal at its own time).
constexpr std::int64_t kEndOfTime = 253402300799000;

// rank() names a candidate by its index ("candidates[3].popularity: ...");
// the person needs the catalog line instead.
std::string with_line(const Dataset& data, const InputFiles& files, const std::string& message) {
  constexpr std::string_view kPrefix = "candidates[";
  const std::size_t at = message.find(kPrefix);
  if (at != std::string::npos) {
    const char* first = message.data() + at + kPrefix.size();
    std::size_t index = 0;
    const auto [end, ec] = std::from_chars(first, message.data() + message.size(), index);
    if (ec == std::errc() && *end == ']' && index < data.catalog_lines.size()) {
      // "candidates[3].popularity: ..." -> "line 5: popularity: ..."
      const char* rest = end + 1;
      if (rest < message.data() + message.size() && *rest == '.') ++rest;
      return files.catalog.string() + ": line " + std::to_string(data.catalog_lines[index]) + ": " +
             std::string(rest, message.data() + message.size());
    }
  }
  return files.catalog.string() + ": " + message;
}

// The status, told: every failure of this file is reported where it happens.
Status told(const Messages& messages, Status status, const std::string& context) {
  messages(context + status.to_string());
  return status;
}

}  // namespace

Status validate_dataset(const Dataset& data, const InputFiles& files, const std::filesystem::path& scratch,
                        const Messages& messages) {
  Options options;
  options.dir = scratch / "validate";
  options.key_provider = make_in_memory_key_provider();
  options.clock = make_fixed_clock(kEndOfTime);
  auto opened = Sdk::open(std::move(options));
  if (!opened) return told(messages, opened.status(), "");
  Sdk& sdk = *opened.value();
  if (Status ready = sdk.wait_until_ready(); !ready) return told(messages, std::move(ready), "temporary store: ");

  LineErrors errors(messages);
  for (const Interaction& interaction : data.interactions) {
    const Status st = sdk.track(interaction.signal);
    if (st.code() == ErrorCode::kInvalidArgument) {
      errors.report(files.interactions, interaction.line, "signal." + st.message());
    }
  }
  errors.finish();  // the interactions' count, before anything about the catalog
  bool bad = false;
  if (!data.catalog.empty()) {
    RankRequest request;
    request.limit = 1;
    auto ranked = sdk.rank(data.catalog, request);
    if (!ranked) {
      if (ranked.status().code() != ErrorCode::kInvalidArgument) {
        return told(messages, ranked.status(), "checking the catalog: ");
      }
      messages(with_line(data, files, ranked.status().message()));
      bad = true;
    }
  }
  // Nothing of the input is kept: the store goes with the scratch directory.
  static_cast<void>(sdk.close());
  if (bad || errors.any()) return Status::invalid_argument("the SDK refused the input (each line is reported)");
  return Status::ok();
}

}  // namespace confidant::eval

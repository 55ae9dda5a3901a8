#include "eval_validate.hpp"

#include <charconv>
#include <memory>
#include <string>

#include "confidant/sdk.hpp"
#include "eval_line_errors.hpp"
#include "output.hpp"

namespace confidant::cli {
namespace {

// 9999-12-31T23:59:59Z: every signal time is in the past of this clock, so
// "at most 5 minutes ahead" never refuses one here (the replay tracks each
// signal at its own time).
constexpr std::int64_t kEndOfTime = 253402300799000;

// rank() names a candidate by its index ("candidates[3].popularity: ...");
// the person needs the catalog line instead.
std::string with_line(const Dataset& data, const Eval& args, const std::string& message) {
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
      return args.catalog.string() + ": line " + std::to_string(data.catalog_lines[index]) + ": " +
             std::string(rest, message.data() + message.size());
    }
  }
  return args.catalog.string() + ": " + message;
}

}  // namespace

Exit validate_dataset(const Dataset& data, const Eval& args, const std::filesystem::path& scratch) {
  Options options;
  options.dir = scratch / "validate";
  options.key_provider = make_in_memory_key_provider();
  options.clock = make_fixed_clock(kEndOfTime);
  auto opened = Sdk::open(std::move(options));
  if (!opened) {
    error("eval: " + opened.status().to_string());
    return Exit::kFailure;
  }
  Sdk& sdk = *opened.value();
  if (const Status ready = sdk.wait_until_ready(); !ready) {
    error("eval: temporary store: " + ready.to_string());
    return Exit::kFailure;
  }

  LineErrors errors;
  for (const Interaction& interaction : data.interactions) {
    const Status st = sdk.track(interaction.signal);
    if (st.code() == ErrorCode::kInvalidArgument) {
      errors.report(args.interactions, interaction.line, "signal." + st.message());
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
        error("eval: checking the catalog: " + ranked.status().to_string());
        return Exit::kFailure;
      }
      error("eval: " + with_line(data, args, ranked.status().message()));
      bad = true;
    }
  }
  // Nothing of the input is kept: the store goes with the scratch directory.
  static_cast<void>(sdk.close());
  return bad || errors.any() ? Exit::kBadInput : Exit::kOk;
}

}  // namespace confidant::cli

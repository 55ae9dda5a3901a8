#include "track_command.hpp"

#include <cstdint>
#include <memory>
#include <string>

#include "command_support.hpp"
#include "line_reader.hpp"
#include "output.hpp"

namespace confidant::cli {
namespace {

// A queue that is still full right after a flush means something else is
// wrong; a few attempts tell the two apart.
constexpr int kBusyRetries = 3;

struct Tally {
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  std::uint64_t not_permitted = 0;         // rejected by consent (or pause) in track()
  std::uint64_t accepted_preferences = 0;  // like, dislike, block: stored as preferences, not signals
  bool bad_input = false;
};

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

bool is_preference(SignalType type) {
  return type == SignalType::kLike || type == SignalType::kDislike || type == SignalType::kBlock;
}

// track(), waiting out a full queue: a file is not a live stream, so nothing
// is gained by dropping a line the worker could take a moment later.
Status track_patiently(Sdk& sdk, const Signal& signal) {
  Status st = sdk.track(signal);
  for (int attempt = 0; attempt < kBusyRetries && st.code() == ErrorCode::kBusy; ++attempt) {
    if (Status flushed = sdk.flush(); !flushed) return flushed;
    st = sdk.track(signal);
  }
  return st;
}

void reject(Tally& tally, std::uint64_t line_number, const Status& why) {
  ++tally.rejected;
  error("line " + std::to_string(line_number) + ": " + why.message());
}

// Reads every line into track(). Returns a failure that stopped reading
// (not a rejected line), or ok.
Status track_lines(Sdk& sdk, LineReader& reader, Tally& tally) {
  std::uint64_t line_number = 0;
  while (const auto line = reader.next()) {
    ++line_number;
    if (is_blank(*line)) continue;
    auto signal = signal_from_json(*line);
    if (!signal) {
      tally.bad_input = true;
      reject(tally, line_number, signal.status());
      continue;
    }
    const Status st = track_patiently(sdk, signal.value());
    switch (st.code()) {
      case ErrorCode::kOk:
        ++tally.accepted;
        if (is_preference(signal->type)) ++tally.accepted_preferences;
        break;
      case ErrorCode::kInvalidArgument:
        tally.bad_input = true;
        reject(tally, line_number, st);
        break;
      case ErrorCode::kNotPermitted:
        ++tally.not_permitted;
        reject(tally, line_number, st);
        break;
      default:
        return Status(st.code(), "line " + std::to_string(line_number) + ": " + st.message());
    }
  }
  if (!reader.error().empty()) return {ErrorCode::kIo, "reading stopped after line " + std::to_string(line_number) + ": " + reader.error()};
  return Status::ok();
}

// track() answers before the worker stores a signal, and the worker checks
// what track() cannot (a block on a target; a like or dislike without
// `preferences` granted), so after the flush the counters say whether every
// accepted line was really kept. Returns false when some were lost.
bool check_kept(const Sdk& sdk, const Tally& tally) {
  const SdkStats stats = sdk.stats();
  const std::uint64_t dropped_later =
      stats.dropped_consent > tally.not_permitted ? stats.dropped_consent - tally.not_permitted : 0;
  if (dropped_later > 0) {
    error(std::to_string(dropped_later) +
          " accepted signal(s) were then dropped by the store: a blocked target, or a like or dislike "
          "without preferences granted");
  }
  // Preferences are stored apart from signals and counted nowhere: assume
  // they were kept, so this never cries wolf.
  if (stats.persisted + dropped_later + tally.accepted_preferences < tally.accepted) {
    error(std::to_string(tally.accepted - stats.persisted - dropped_later - tally.accepted_preferences) +
          " accepted signal(s) could not be stored");
    return false;
  }
  return true;
}

}  // namespace

Exit run_track(const Session& session, const Track& args) {
  // The input is opened before the store, so a missing file leaves no trace.
  std::unique_ptr<LineReader> reader =
      args.file ? std::make_unique<LineReader>(*args.file) : std::make_unique<LineReader>();
  if (!reader->ok()) {
    error("track: cannot read " + args.file->string() + ": " + reader->error());
    return Exit::kBadInput;
  }
  return with_store(session, "track", [&](Sdk& sdk) {
    Tally tally;
    const Status stopped = track_lines(sdk, *reader, tally);
    // Durable before the counts are printed: a count is a promise.
    if (const Status flushed = sdk.flush(); !flushed) return report("track", flushed);
    if (!check_kept(sdk, tally)) return Exit::kFailure;
    const std::string counts =
        "{\"accepted\":" + std::to_string(tally.accepted) + ",\"rejected\":" + std::to_string(tally.rejected) + "}";
    if (!print_line(counts)) {
      error("track: cannot write to standard output");
      return Exit::kFailure;
    }
    if (!stopped) return report("track", stopped);
    return tally.bad_input ? Exit::kBadInput : Exit::kOk;
  });
}

}  // namespace confidant::cli

// Clock and Logger: two small seams the host may implement.
//
// Confidant never reads the wall clock directly: every time it records (a
// signal's default time, a consent decision, decay of interests) comes from
// the Clock in Sdk Options, so tests and reproducible demos can fix time.
//
// Thread-safety: the SDK calls now_ms() from any thread (the host's thread in
// track(), its worker otherwise), so an implementation must be thread-safe.
// The SDK calls log() from its worker thread only, with no lock held; an
// implementation must not call back into the Sdk from log().
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "confidant/export.hpp"
#include "confidant/status.hpp"

namespace confidant {

class CONFIDANT_EXPORT Clock {
 public:
  virtual ~Clock() = default;
  // Unix time in milliseconds (UTC).
  virtual std::int64_t now_ms() const = 0;
};

// The system's real-time clock.
CONFIDANT_EXPORT std::shared_ptr<Clock> make_system_clock();
// A clock that always answers `unix_ms` (the CLI's --now).
CONFIDANT_EXPORT std::shared_ptr<Clock> make_fixed_clock(std::int64_t unix_ms);

// Reads an ISO 8601 time with a zone, "2026-11-20T08:00:00Z" or
// "2026-11-20T09:00:00.250+01:00", into Unix milliseconds (the CLI's --now,
// a signal's "at"). kInvalidArgument saying what is wrong otherwise.
CONFIDANT_EXPORT Result<std::int64_t> parse_iso8601(std::string_view text);

enum class LogLevel : std::uint8_t { kDebug, kInfo, kWarning, kError };

class CONFIDANT_EXPORT Logger {
 public:
  virtual ~Logger() = default;
  // One line, English, no trailing newline. Never contains signal contents,
  // queries, the person's words or keys: only counts, codes and file names.
  virtual void log(LogLevel level, std::string_view message) = 0;
};

}  // namespace confidant

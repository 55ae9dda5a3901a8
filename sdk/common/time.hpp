// Times as text: the ISO 8601 / RFC 3339 form the SDK writes (consent
// receipts, signal JSON, exports) and reads (the CLI's signals, configs).
//
// Reading accepts exactly RFC 3339's date-time, with a zone:
//
//   YYYY-MM-DDTHH:MM:SS[.F](Z|+HH:MM|-HH:MM)
//
//   - 'T' and 'Z' may be lower case (RFC 3339 section 5.6 allows it).
//   - The zone is required: a time without one means a different instant on
//     every phone, so it is refused rather than guessed. "-00:00" is UTC.
//   - F is 1 to 9 digits, truncated (not rounded) to milliseconds, so a time
//     never moves into the next second, minute or day.
//   - Second 60 (a leap second) is refused: Unix time has no such instant,
//     and phones do not produce it.
//   - Not accepted: a space instead of 'T' (RFC 3339 permits it only as an
//     application's choice, and it invites "local time" strings), ISO 8601's
//     basic format (20261120T080000Z), week or ordinal dates, "+0100" or
//     "+01", surrounding whitespace.
//   - The instant must lie within 1970-01-01T00:00:00.000Z ..
//     9999-12-31T23:59:59.999Z (0 .. kMaxUnixMs), the range iso8601_utc()
//     can write back.
//
// Dates are proleptic Gregorian; the arithmetic is this file's own (no
// timegm, no locale, no time zone database), so it is the same on every
// platform.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "confidant/status.hpp"

namespace confidant::timefmt {

inline constexpr std::int64_t kMaxUnixMs = 253402300799999;  // 9999-12-31T23:59:59.999Z

// "2026-11-20T08:00:00.000Z" (always UTC, always milliseconds); "" when
// outside 0 .. kMaxUnixMs.
std::string iso8601_utc(std::int64_t unix_ms);

// Unix milliseconds of an RFC 3339 date-time (see above). Errors are
// kInvalidArgument starting "time: " and naming the part at fault:
// "time: month 13 is out of range 01-12", "time: missing zone ...".
Result<std::int64_t> parse_iso8601(std::string_view text);

// Days since 1970-01-01 of a proleptic Gregorian date. Precondition: month
// 1..12, day 1..days_in_month(year, month).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept;
unsigned days_in_month(std::int64_t year, unsigned month) noexcept;

}  // namespace confidant::timefmt

// common/time: the civil-date arithmetic against std::chrono (an independent
// implementation), the formatter, and the strict RFC 3339 reader: each
// accepted form, each rejection with its message.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "common/time.hpp"

namespace {

using confidant::ErrorCode;
using confidant::timefmt::days_from_civil;
using confidant::timefmt::days_in_month;
using confidant::timefmt::iso8601_utc;
using confidant::timefmt::kMaxUnixMs;
using confidant::timefmt::parse_iso8601;

constexpr std::int64_t kT0 = 1795161600000;  // 2026-11-20T08:00:00.000Z

std::int64_t parse_ok(const std::string& text) {
  auto result = parse_iso8601(text);
  INFO(text << " -> " << result.status().to_string());
  REQUIRE(result);
  return result.value();
}

std::string parse_error(const std::string& text) {
  auto result = parse_iso8601(text);
  INFO(text);
  REQUIRE_FALSE(result);
  CHECK(result.status().code() == ErrorCode::kInvalidArgument);
  return result.status().message();
}

std::int64_t chrono_days(int year, unsigned month, unsigned day) {
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}}
      .time_since_epoch()
      .count();
}

TEST_CASE("days_from_civil agrees with std::chrono on every day of several centuries") {
  for (int year : {-400, -1, 0, 1, 1600, 1899, 1900, 1969, 1970, 1999, 2000, 2024, 2026, 2100, 2400, 9999}) {
    for (unsigned month = 1; month <= 12; ++month) {
      const unsigned last = days_in_month(year, month);
      const auto expected_last = static_cast<unsigned>(
          std::chrono::year_month_day_last{std::chrono::year{year} / std::chrono::month{month} / std::chrono::last}
              .day());
      INFO(year << "-" << month);
      REQUIRE(last == expected_last);
      for (unsigned day = 1; day <= last; ++day) REQUIRE(days_from_civil(year, month, day) == chrono_days(year, month, day));
    }
  }
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2000, 2) == 29);
  CHECK(days_in_month(2026, 13) == 0);
}

TEST_CASE("iso8601_utc formats milliseconds in UTC") {
  CHECK(iso8601_utc(0) == "1970-01-01T00:00:00.000Z");
  CHECK(iso8601_utc(kT0) == "2026-11-20T08:00:00.000Z");
  CHECK(iso8601_utc(1709208000123) == "2024-02-29T12:00:00.123Z");
  CHECK(iso8601_utc(951782400000) == "2000-02-29T00:00:00.000Z");
  CHECK(iso8601_utc(978307199999) == "2000-12-31T23:59:59.999Z");
  CHECK(iso8601_utc(kMaxUnixMs) == "9999-12-31T23:59:59.999Z");
  CHECK(iso8601_utc(-1).empty());
  CHECK(iso8601_utc(kMaxUnixMs + 1).empty());
}

TEST_CASE("iso8601_utc agrees with std::chrono across the whole range") {
  using namespace std::chrono;
  // A stride that is prime in milliseconds visits every time of day and day of month.
  for (std::int64_t ms = 0; ms <= kMaxUnixMs; ms += 9'999'999'967) {
    const sys_time<milliseconds> time{milliseconds{ms}};
    const sys_days day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss<milliseconds> clock{time - day};
    char expected[40];
    std::snprintf(expected, sizeof expected, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()), static_cast<int>(clock.subseconds().count()));
    INFO(ms);
    REQUIRE(iso8601_utc(ms) == expected);
    REQUIRE(parse_ok(expected) == ms);
  }
}

TEST_CASE("parse_iso8601 reads UTC and offsets") {
  CHECK(parse_ok("2026-11-20T08:00:00Z") == kT0);
  CHECK(parse_ok("2026-11-20T08:00:00.000Z") == kT0);
  CHECK(parse_ok("2026-11-20T09:00:00+01:00") == kT0);
  CHECK(parse_ok("2026-11-20T02:30:00-05:30") == kT0);
  CHECK(parse_ok("2026-11-21T07:59:00+23:59") == kT0);
  CHECK(parse_ok("2026-11-20T08:00:00-00:00") == kT0);
  CHECK(parse_ok("2026-11-20T08:00:00+00:00") == kT0);
  CHECK(parse_ok("2026-11-20t08:00:00z") == kT0);  // RFC 3339 allows lower case
  CHECK(parse_ok("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_ok("1970-01-01T01:00:00+01:00") == 0);
  CHECK(parse_ok("9999-12-31T23:59:59.999Z") == kMaxUnixMs);
  CHECK(parse_ok("2024-02-29T12:00:00.123Z") == 1709208000123);
}

TEST_CASE("fractions are truncated to milliseconds") {
  CHECK(parse_ok("2026-11-20T08:00:00.5Z") == kT0 + 500);
  CHECK(parse_ok("2026-11-20T08:00:00.05Z") == kT0 + 50);
  CHECK(parse_ok("2026-11-20T08:00:00.123Z") == kT0 + 123);
  CHECK(parse_ok("2026-11-20T08:00:00.1239Z") == kT0 + 123);
  CHECK(parse_ok("2026-11-20T08:00:00.999999999Z") == kT0 + 999);  // never rounds into the next second
  CHECK(parse_ok("2026-11-20T08:00:00.000000001+01:00") == kT0 - 3'600'000);
  CHECK(parse_error("2026-11-20T08:00:00.1234567890Z") == "time: more than 9 digits in the fraction of a second");
  CHECK(parse_error("2026-11-20T08:00:00.Z") == "time: offset 20: expected a digit after '.'");
  CHECK(parse_error("2026-11-20T08:00:00,5Z") == "time: offset 19: expected 'Z' or an offset such as '+01:00'");
}

TEST_CASE("a zone is required") {
  CHECK(parse_error("2026-11-20T08:00:00") ==
        "time: missing zone ('Z' or an offset such as '+01:00'): a time without one is ambiguous");
  CHECK(parse_error("2026-11-20T08:00:00.250").find("missing zone") != std::string::npos);
  CHECK(parse_error("2026-11-20T08:00:00 Z") == "time: offset 19: expected 'Z' or an offset such as '+01:00'");
  CHECK(parse_error("2026-11-20T08:00:00UTC") == "time: offset 19: expected 'Z' or an offset such as '+01:00'");
  CHECK(parse_error("2026-11-20T08:00:00+0100") == "time: offset 22: expected ':' in the offset");
  CHECK(parse_error("2026-11-20T08:00:00+01") == "time: offset 22: expected ':' in the offset");
  CHECK(parse_error("2026-11-20T08:00:00+1:00") == "time: offset 20: expected 2 digits for the offset's hours");
  CHECK(parse_error("2026-11-20T08:00:00+01:0") == "time: offset 23: expected 2 digits for the offset's minutes");
  CHECK(parse_error("2026-11-20T08:00:00+24:00") == "time: offset hour 24 is out of range 00-23");
  CHECK(parse_error("2026-11-20T08:00:00+01:60") == "time: offset minute 60 is out of range 00-59");
  CHECK(parse_error("2026-11-20T08:00:00ZZ") == "time: offset 20: expected the end after the zone");
  CHECK(parse_error("2026-11-20T08:00:00Z ") == "time: offset 20: expected the end after the zone");
}

TEST_CASE("the shape is fixed: separators, widths, no whitespace") {
  CHECK(parse_error("") == "time: offset 0: expected 4 digits for the year");
  CHECK(parse_error(" 2026-11-20T08:00:00Z") == "time: offset 0: expected 4 digits for the year");
  CHECK(parse_error("26-11-20T08:00:00Z") == "time: offset 0: expected 4 digits for the year");
  CHECK(parse_error("+2026-11-20T08:00:00Z") == "time: offset 0: expected 4 digits for the year");
  CHECK(parse_error("20261120T080000Z") == "time: offset 4: expected '-' after the year");
  CHECK(parse_error("2026/11/20T08:00:00Z") == "time: offset 4: expected '-' after the year");
  CHECK(parse_error("2026-1-20T08:00:00Z") == "time: offset 5: expected 2 digits for the month");
  CHECK(parse_error("2026-11/20T08:00:00Z") == "time: offset 7: expected '-' after the month");
  CHECK(parse_error("2026-11-2T08:00:00Z") == "time: offset 8: expected 2 digits for the day");
  CHECK(parse_error("2026-11-20 08:00:00Z") == "time: offset 10: expected 'T' between the date and the time");
  CHECK(parse_error("2026-11-20") == "time: offset 10: expected 'T' between the date and the time");
  CHECK(parse_error("2026-11-20T8:00:00Z") == "time: offset 11: expected 2 digits for the hour");
  CHECK(parse_error("2026-11-20T08-00:00Z") == "time: offset 13: expected ':' after the hour");
  CHECK(parse_error("2026-11-20T08:0:00Z") == "time: offset 14: expected 2 digits for the minute");
  CHECK(parse_error("2026-11-20T08:00Z") == "time: offset 16: expected ':' after the minute");
  CHECK(parse_error("2026-11-20T08:00:0Z") == "time: offset 17: expected 2 digits for the second");
  CHECK(parse_error("2026-W47-5T08:00:00Z") == "time: offset 5: expected 2 digits for the month");
  CHECK(parse_error("\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-11-20T08:00:00Z") ==  // full-width digits
        "time: offset 0: expected 4 digits for the year");
}

TEST_CASE("field ranges, including the days of each month") {
  CHECK(parse_error("2026-00-20T08:00:00Z") == "time: month 00 is out of range 01-12");
  CHECK(parse_error("2026-13-20T08:00:00Z") == "time: month 13 is out of range 01-12");
  CHECK(parse_error("2026-11-00T08:00:00Z") == "time: day 00 does not exist in 2026-11 (01-30)");
  CHECK(parse_error("2026-11-31T08:00:00Z") == "time: day 31 does not exist in 2026-11 (01-30)");
  CHECK(parse_error("2026-02-29T08:00:00Z") == "time: day 29 does not exist in 2026-02 (01-28)");
  CHECK(parse_error("2100-02-29T08:00:00Z") == "time: day 29 does not exist in 2100-02 (01-28)");
  CHECK(parse_ok("2000-02-29T00:00:00Z") == 951782400000);
  CHECK(parse_ok("2024-02-29T00:00:00Z") == 1709164800000);
  CHECK(parse_ok("2026-01-31T00:00:00Z") > 0);
  CHECK(parse_error("2026-04-31T00:00:00Z") == "time: day 31 does not exist in 2026-04 (01-30)");
  CHECK(parse_error("2026-11-20T24:00:00Z") == "time: hour 24 is out of range 00-23");
  CHECK(parse_error("2026-11-20T08:60:00Z") == "time: minute 60 is out of range 00-59");
  CHECK(parse_error("2026-11-20T08:00:60Z") == "time: second 60 (a leap second) is not supported");
  CHECK(parse_error("2026-11-20T08:00:61Z") == "time: second 61 is out of range 00-59");
  CHECK(parse_error("2026-11-20T08:00:99Z") == "time: second 99 is out of range 00-59");
}

TEST_CASE("the instant must lie between 1970 and the end of 9999") {
  CHECK(parse_error("1969-12-31T23:59:59.999Z") == "time: before 1970-01-01T00:00:00Z");
  CHECK(parse_error("1970-01-01T00:00:00+00:01") == "time: before 1970-01-01T00:00:00Z");
  CHECK(parse_error("0000-01-01T00:00:00Z") == "time: before 1970-01-01T00:00:00Z");
  CHECK(parse_ok("1969-12-31T23:59:59-00:01") == 59'000);
  CHECK(parse_error("9999-12-31T23:59:59-00:01") == "time: after 9999-12-31T23:59:59.999Z");
  CHECK(parse_ok("9999-12-31T23:59:59+00:01") == kMaxUnixMs - 999 - 60'000);
}

TEST_CASE("whatever iso8601_utc writes, parse_iso8601 reads back") {
  for (std::int64_t ms : {std::int64_t{0}, std::int64_t{1}, std::int64_t{999}, kT0, kT0 + 7, std::int64_t{951782400000},
                          kMaxUnixMs - 1, kMaxUnixMs}) {
    CHECK(parse_ok(iso8601_utc(ms)) == ms);
  }
}

}  // namespace

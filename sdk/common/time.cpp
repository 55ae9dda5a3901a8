#include "common/time.hpp"

#include <array>

namespace confidant::timefmt {
namespace {

constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerDay = 86'400'000;

// Division that rounds toward minus infinity, so leap-year counts stay right
// for years before 1 (days_from_civil takes any year).
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

constexpr bool is_leap(std::int64_t year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Leap years in [1, year): every 4th, less the centuries, plus every 4th century.
constexpr std::int64_t leap_years_before(std::int64_t year) noexcept {
  const std::int64_t y = year - 1;
  return floor_div(y, 4) - floor_div(y, 100) + floor_div(y, 400);
}

constexpr std::array<unsigned, 12> kDaysBeforeMonth = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

// Days from 0001-01-01 to 1970-01-01.
constexpr std::int64_t kEpochFromYearOne = 365 * 1969 + (1969 / 4 - 1969 / 100 + 1969 / 400);

// Zero-padded to `width` digits; `value` is never negative here.
void append_padded(std::string& out, std::int64_t value, std::size_t width) {
  const std::string digits = std::to_string(value);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}

std::string two_digits(std::int64_t value) {
  std::string out;
  append_padded(out, value, 2);
  return out;
}

// Reads the fixed-width fields left to right; every miss reports the offset
// and what belonged there.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const noexcept { return pos_ == text_.size(); }
  std::size_t pos() const noexcept { return pos_; }

  bool digits(std::size_t count, std::int64_t& value) noexcept {
    if (text_.size() - pos_ < count) return false;
    std::int64_t result = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      result = result * 10 + (c - '0');
    }
    pos_ += count;
    value = result;
    return true;
  }

  // Either case of a letter; exactly `c` otherwise.
  bool accept(char c) noexcept {
    if (at_end()) return false;
    const char found = text_[pos_];
    const bool letter = c >= 'A' && c <= 'Z';
    if (found != c && !(letter && found == c - 'A' + 'a')) return false;
    ++pos_;
    return true;
  }

  // The run of digits at the cursor (possibly empty).
  std::string_view digit_run() noexcept {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    return text_.substr(start, pos_ - start);
  }

  Status expected(std::string_view what) const {
    return Status::invalid_field("time", "offset " + std::to_string(pos_) + ": expected " + std::string(what));
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

Status check_range(std::string_view field, std::int64_t value, std::int64_t low, std::int64_t high) {
  if (value >= low && value <= high) return Status::ok();
  return Status::invalid_field("time", std::string(field) + " " + two_digits(value) + " is out of range " +
                                           two_digits(low) + "-" + two_digits(high));
}

}  // namespace

unsigned days_in_month(std::int64_t year, unsigned month) noexcept {
  constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return kDays[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
}

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept {
  const std::int64_t from_year_one = 365 * (year - 1) + leap_years_before(year);
  const std::int64_t in_year = kDaysBeforeMonth[month - 1] + (month > 2 && is_leap(year) ? 1 : 0) + (day - 1);
  return from_year_one + in_year - kEpochFromYearOne;
}

std::string iso8601_utc(std::int64_t unix_ms) {
  if (unix_ms < 0 || unix_ms > kMaxUnixMs) return {};
  const std::int64_t days = unix_ms / kMsPerDay;
  const std::int64_t ms_of_day = unix_ms % kMsPerDay;

  // No year has more than 366 days, so this starts at or before the answer
  // and walks forward a handful of years at most.
  std::int64_t year = 1970 + days / 366;
  while (days_from_civil(year + 1, 1, 1) <= days) ++year;
  unsigned month = 1;
  while (month < 12 && days_from_civil(year, month + 1, 1) <= days) ++month;
  const std::int64_t day = days - days_from_civil(year, month, 1) + 1;

  std::string out;
  out.reserve(24);
  append_padded(out, year, 4);
  out += '-';
  append_padded(out, month, 2);
  out += '-';
  append_padded(out, day, 2);
  out += 'T';
  append_padded(out, ms_of_day / 3'600'000, 2);
  out += ':';
  append_padded(out, ms_of_day / 60'000 % 60, 2);
  out += ':';
  append_padded(out, ms_of_day / 1000 % 60, 2);
  out += '.';
  append_padded(out, ms_of_day % 1000, 3);
  out += 'Z';
  return out;
}

Result<std::int64_t> parse_iso8601(std::string_view text) {
  Cursor cursor(text);
  std::int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;

  if (!cursor.digits(4, year)) return cursor.expected("4 digits for the year");
  if (!cursor.accept('-')) return cursor.expected("'-' after the year");
  if (!cursor.digits(2, month)) return cursor.expected("2 digits for the month");
  if (Status s = check_range("month", month, 1, 12); !s) return s;
  if (!cursor.accept('-')) return cursor.expected("'-' after the month");
  if (!cursor.digits(2, day)) return cursor.expected("2 digits for the day");
  const unsigned month_days = days_in_month(year, static_cast<unsigned>(month));
  if (day < 1 || day > month_days) {
    return Status::invalid_field("time", "day " + two_digits(day) + " does not exist in " + std::to_string(year) + "-" +
                   two_digits(month) + " (01-" + std::to_string(month_days) + ")");
  }
  if (!cursor.accept('T')) return cursor.expected("'T' between the date and the time");
  if (!cursor.digits(2, hour)) return cursor.expected("2 digits for the hour");
  if (Status s = check_range("hour", hour, 0, 23); !s) return s;
  if (!cursor.accept(':')) return cursor.expected("':' after the hour");
  if (!cursor.digits(2, minute)) return cursor.expected("2 digits for the minute");
  if (Status s = check_range("minute", minute, 0, 59); !s) return s;
  if (!cursor.accept(':')) return cursor.expected("':' after the minute");
  if (!cursor.digits(2, second)) return cursor.expected("2 digits for the second");
  if (second == 60) return Status::invalid_field("time", "second 60 (a leap second) is not supported");
  if (Status s = check_range("second", second, 0, 59); !s) return s;

  std::int64_t millis = 0;
  if (cursor.accept('.')) {
    const std::string_view fraction = cursor.digit_run();
    if (fraction.empty()) return cursor.expected("a digit after '.'");
    if (fraction.size() > 9) return Status::invalid_field("time", "more than 9 digits in the fraction of a second");
    for (std::size_t i = 0; i < 3; ++i) millis = millis * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  }

  std::int64_t offset_minutes = 0;
  if (cursor.at_end()) {
    return Status::invalid_field("time",
                                 "missing zone ('Z' or an offset such as '+01:00'): a time without one is ambiguous");
  }
  if (!cursor.accept('Z')) {
    const bool east = cursor.accept('+');
    if (!east && !cursor.accept('-')) return cursor.expected("'Z' or an offset such as '+01:00'");
    std::int64_t zone_hours = 0, zone_minutes = 0;
    if (!cursor.digits(2, zone_hours)) return cursor.expected("2 digits for the offset's hours");
    if (Status s = check_range("offset hour", zone_hours, 0, 23); !s) return s;
    if (!cursor.accept(':')) return cursor.expected("':' in the offset");
    if (!cursor.digits(2, zone_minutes)) return cursor.expected("2 digits for the offset's minutes");
    if (Status s = check_range("offset minute", zone_minutes, 0, 59); !s) return s;
    offset_minutes = (east ? 1 : -1) * (zone_hours * 60 + zone_minutes);
  }
  if (!cursor.at_end()) return cursor.expected("the end after the zone");

  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  // Local time minus its offset is UTC. Years are at most 9999, so no overflow.
  const std::int64_t unix_ms = days * kMsPerDay + ((hour * 60 + minute) * 60 + second) * 1000 + millis -
                               offset_minutes * kMsPerMinute;
  if (unix_ms < 0) return Status::invalid_field("time", "before 1970-01-01T00:00:00Z");
  if (unix_ms > kMaxUnixMs) return Status::invalid_field("time", "after 9999-12-31T23:59:59.999Z");
  return unix_ms;
}

}  // namespace confidant::timefmt

#include "epoch_dates.hpp"

#include <ctime>

namespace collector {
namespace {

constexpr std::uint64_t kDay = 86400;
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm utc(std::uint64_t unix_seconds) {
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm out{};
  ::gmtime_r(&t, &out);
  return out;
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string day_month(const std::tm& t) { return std::to_string(t.tm_mday) + " " + kMonths[t.tm_mon]; }
std::string year(const std::tm& t) { return std::to_string(t.tm_year + 1900); }
std::string hour_minute(const std::tm& t) { return two(t.tm_hour) + ":" + two(t.tm_min); }

}  // namespace

std::string epoch_start_iso(std::uint64_t epoch, std::uint64_t epoch_seconds) {
  const std::tm t = utc(epoch * epoch_seconds);
  return year(t) + "-" + two(t.tm_mon + 1) + "-" + two(t.tm_mday) + "T" + hour_minute(t) + ":" + two(t.tm_sec) + "Z";
}

std::string epoch_label(std::uint64_t epoch, std::uint64_t epoch_seconds) {
  const std::tm start = utc(epoch * epoch_seconds);
  if (epoch_seconds % kDay != 0) return day_month(start) + " " + year(start) + " " + hour_minute(start) + " UTC";
  if (epoch_seconds == kDay) return day_month(start) + " " + year(start);
  const std::tm last = utc((epoch + 1) * epoch_seconds - kDay);
  // The start's year only when the span crosses into a new one.
  const std::string from = day_month(start) + (start.tm_year != last.tm_year ? " " + year(start) : "");
  return from + " – " + day_month(last) + " " + year(last);
}

std::string epoch_axis_label(std::uint64_t epoch, std::uint64_t epoch_seconds) {
  const std::tm start = utc(epoch * epoch_seconds);
  return epoch_seconds % kDay == 0 ? day_month(start) : day_month(start) + " " + hour_minute(start);
}

std::string per_epoch_words(std::uint64_t epoch_seconds) {
  if (epoch_seconds == 7 * kDay) return "a week";
  if (epoch_seconds == kDay) return "a day";
  if (epoch_seconds == 3600) return "an hour";
  if (epoch_seconds % (7 * kDay) == 0) return "every " + std::to_string(epoch_seconds / (7 * kDay)) + " weeks";
  if (epoch_seconds % kDay == 0) return "every " + std::to_string(epoch_seconds / kDay) + " days";
  if (epoch_seconds % 3600 == 0) return "every " + std::to_string(epoch_seconds / 3600) + " hours";
  return "every " + std::to_string(epoch_seconds) + " seconds";
}

}  // namespace collector

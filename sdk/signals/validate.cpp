#include "signals/validate.hpp"

#include <limits>
#include <string>
#include <string_view>

#include "common/field_rules.hpp"
#include "common/quote.hpp"

namespace confidant::signals {
namespace {

using text::quoted;

Status check_categories(const Signal& signal, const ValidationLimits& limits) {
  const auto& paths = signal.categories;
  if (paths.size() > limits.max_categories) {
    return Status::invalid_field("categories", std::to_string(paths.size()) + " entries, at most " +
                                     std::to_string(limits.max_categories));
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string field = "categories[" + std::to_string(i) + "]";
    if (Status status = fields::check_category_path(field, paths[i], limits); !status) return status;
    for (std::size_t j = 0; j < i; ++j) {
      if (paths[j] == paths[i]) {
        return Status::invalid_field(field, "duplicate of categories[" + std::to_string(j) + "]");
      }
    }
  }
  return Status::ok();
}

Status check_attrs(const Signal& signal, const ValidationLimits& limits) {
  if (signal.attrs.size() > limits.max_attrs) {
    return Status::invalid_field("attrs", std::to_string(signal.attrs.size()) + " entries, at most " +
                                std::to_string(limits.max_attrs));
  }
  for (const auto& [key, value] : signal.attrs) {
    // Long keys are shown cut; the message still says how long they were.
    const std::string field = "attrs[" + quoted(key, '"', 32) + "]";
    if (Status status = fields::check_attribute(field, key, value, limits); !status) return status;
  }
  return Status::ok();
}

std::string for_type(SignalType type) { return "type '" + std::string(name(type)) + "'"; }

// The presence rule for an optional field; the content is checked by the caller.
template <typename T>
Status check_presence(const char* field, const std::optional<T>& value, Presence rule, SignalType type) {
  if (rule == Presence::kRequired && !value) return Status::invalid_field(field, "required for " + for_type(type));
  if (rule == Presence::kForbidden && value) return Status::invalid_field(field, "not allowed for " + for_type(type));
  return Status::ok();
}

// Unix ms as "YYYY-MM-DDTHH:MM:SS.mmmZ" (proleptic Gregorian, any int64), so
// a timestamp sent in seconds instead of milliseconds is obvious at a glance.
std::string iso8601(std::int64_t unix_ms) {
  constexpr std::int64_t kMsPerDay = 86'400'000;
  std::int64_t days = unix_ms / kMsPerDay;
  std::int64_t ms_of_day = unix_ms % kMsPerDay;
  if (ms_of_day < 0) {
    ms_of_day += kMsPerDay;
    --days;
  }
  // Howard Hinnant's civil_from_days.
  const std::int64_t z = days + 719'468;
  const std::int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
  const std::int64_t doe = z - era * 146'097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);

  // Every piece is appended to one string: prepending to a temporary
  // ("-" + digits) makes GCC 12 at -O3 report a false -Wrestrict inside
  // libstdc++'s insert.
  std::string out;
  const auto put = [&out](std::int64_t value, std::size_t width, char after) {
    if (value < 0) out += '-';
    const std::string digits = std::to_string(value < 0 ? -value : value);
    if (digits.size() < width) out.append(width - digits.size(), '0');
    out += digits;
    if (after != '\0') out += after;
  };
  const std::int64_t seconds = ms_of_day / 1000;
  put(year, 4, '-');
  put(month, 2, '-');
  put(day, 2, 'T');
  put(seconds / 3600, 2, ':');
  put(seconds / 60 % 60, 2, ':');
  put(seconds % 60, 2, '\0');
  if (ms_of_day % 1000 != 0) {
    out += '.';
    put(ms_of_day % 1000, 3, '\0');
  }
  out += 'Z';
  return out;
}

Status check_at(std::int64_t at, const ValidationLimits& limits, std::int64_t now_ms) {
  if (at < limits.min_at_ms) {
    return Status::invalid_field("at",
                                 iso8601(at) + " (" + std::to_string(at) + " ms) is before " +
                                     iso8601(limits.min_at_ms));
  }
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const std::int64_t slack = limits.max_future_ms > 0 ? limits.max_future_ms : 0;
  const std::int64_t latest = now_ms > kMax - slack ? kMax : now_ms + slack;
  if (at > latest) {
    // at > now here, so the true difference fits in 64 unsigned bits.
    const std::uint64_t ahead_ms = static_cast<std::uint64_t>(at) - static_cast<std::uint64_t>(now_ms);
    const std::uint64_t ahead_s = ahead_ms / 1000 + (ahead_ms % 1000 != 0 ? 1 : 0);
    return Status::invalid_field("at", std::to_string(ahead_s) + " s in the future (at most " +
                             std::to_string(slack / 1000) + " s allowed)");
  }
  return Status::ok();
}

}  // namespace

Status validate(const Signal& signal, const ValidationLimits& limits, std::int64_t now_ms) {
  const SignalType type = signal.type;
  if (static_cast<std::size_t>(type) >= kAllSignalTypes.size()) {
    return Status::invalid_field("type", "invalid value " + std::to_string(static_cast<unsigned>(type)));
  }
  const FieldRules rules = field_rules(type);

  if (Status status = check_presence("item", signal.item, rules.item, type); !status) return status;
  if (signal.item) {
    if (Status status = fields::check_text("item", *signal.item, limits.max_item_bytes); !status) return status;
  }
  if (Status status = check_categories(signal, limits); !status) return status;
  if (Status status = check_attrs(signal, limits); !status) return status;
  if (rules.needs_target && !signal.item && signal.categories.empty() && signal.attrs.empty()) {
    return Status::invalid_field("item/categories/attrs",
                                 for_type(type) + " needs a target: an item, a category or an attribute");
  }

  if (Status status = check_presence("query", signal.query, rules.query, type); !status) return status;
  if (signal.query) {
    if (Status status = fields::check_text("query", *signal.query, limits.max_query_bytes); !status) return status;
  }

  if (Status status = check_presence("rating", signal.rating, rules.rating, type); !status) return status;
  if (signal.rating && (*signal.rating < limits.min_rating || *signal.rating > limits.max_rating)) {
    return Status::invalid_field("rating", std::to_string(*signal.rating) + " out of range " +
                                     std::to_string(limits.min_rating) + ".." + std::to_string(limits.max_rating));
  }

  if (Status status = check_at(signal.at, limits, now_ms); !status) return status;

  if (Status status = check_presence("text", signal.text, rules.text, type); !status) return status;
  if (signal.text) {
    if (Status status = fields::check_text("text", *signal.text, limits.max_text_bytes); !status) return status;
  }
  return Status::ok();
}

}  // namespace confidant::signals

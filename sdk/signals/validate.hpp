// Validation of a Signal before it reaches the consent gate: nothing invalid
// is stored, and every rejection says which field is wrong and why.
//
// Checks run in field order (type, item, categories, attrs, target, query,
// rating, at, text) and the first failure is returned, as kInvalidArgument
// with a message "<field>: <problem>", for example
//   item: required for type 'view'
//   categories[2]: empty path segment
//   attrs["milk"]: value longer than 128 bytes (got 130)
//   rating: 7 out of range 1..5
//   at: 3600 s in the future (at most 300 s allowed)
// Caller-supplied text inside a message is quoted and escaped (common/quote.hpp).
//
// Every string field must be well-formed UTF-8 (common/utf8.hpp) with no control
// characters at all: not even tab or newline in the person's own words,
// which are shown back verbatim and exported. Which fields each type needs
// or refuses is the table in signal.hpp (field_rules()).
//
// Category paths: 1..max_category_segments segments joined by '/', each
// segment one or more of [a-z0-9_-]; no leading, trailing or doubled '/'; at
// most max_category_bytes in all; no path twice in one signal (it would count
// twice). Attribute keys are non-empty and contain no '=' (the CLI writes
// attribute targets as key=value); values are non-empty.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "confidant/status.hpp"
#include "signals/signal.hpp"

namespace confidant::signals {

// Limits, in bytes of UTF-8 unless said otherwise. The defaults keep one
// signal small (well under 4 KiB) so the in-memory queue's bound is a bound
// on memory too.
struct ValidationLimits {
  std::size_t max_item_bytes = 128;           // item id: 1..128 bytes when present
  std::size_t max_categories = 8;             // category paths per signal
  std::size_t max_category_segments = 6;      // "a/b/c/d/e/f"
  std::size_t max_category_bytes = 128;       // one whole path
  std::size_t max_attrs = 16;                 // attribute pairs per signal
  std::size_t max_attr_key_bytes = 64;
  std::size_t max_attr_value_bytes = 128;
  std::size_t max_query_bytes = 256;          // query: 1..256 bytes when present
  std::size_t max_text_bytes = 512;           // text: 1..512 bytes when present
  std::int64_t min_rating = 1;                // rating, inclusive
  std::int64_t max_rating = 5;
  std::int64_t max_future_ms = 5 * 60 * 1000; // device clocks drift; more is a bug
  std::int64_t min_at_ms = kEarliestSignalTimeMs;  // catches 0, seconds-for-ms, unset clocks
};

// The checks validate() applies to single fields, for values that arrive
// outside a Signal (a stated preference's target and words). Same rules and
// messages, with `field` naming the value and `what` opening the problem:
// "text: empty", "target 'x': item id empty", "target 'y': empty path segment".
Status check_text_field(const std::string& field, std::string_view value, std::size_t max_bytes,
                        std::string_view what = {});
Status check_category_path(const std::string& field, std::string_view path, const ValidationLimits& limits = {});
Status check_attribute(const std::string& field, std::string_view key, std::string_view value,
                       const ValidationLimits& limits = {}, std::string_view what = {});

// OK, or kInvalidArgument naming the first bad field. `now_ms` is the SDK's
// clock (Unix ms), against which `at` may be at most max_future_ms ahead.
Status validate(const Signal& signal, const ValidationLimits& limits, std::int64_t now_ms);

}  // namespace confidant::signals

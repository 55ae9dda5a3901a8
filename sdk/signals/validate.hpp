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
// The fields that name things (item, category paths, attributes) obey the
// rules every layer shares (common/field_rules.hpp); the rest are the
// signal's own: which fields each type needs or refuses is the table in
// signal.hpp (field_rules()), no path twice in one signal (it would count
// twice), query and text 1..N bytes of UTF-8 without control characters (not
// even tab or newline in the person's own words, which are shown back
// verbatim and exported), rating and time in range.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/field_rules.hpp"
#include "confidant/status.hpp"
#include "signals/signal.hpp"

namespace confidant::signals {

// Limits, in bytes of UTF-8 unless said otherwise. The defaults keep one
// signal small (well under 4 KiB) so the in-memory queue's bound is a bound
// on memory too.
struct ValidationLimits : fields::FieldLimits {
  std::size_t max_query_bytes = 256;          // query: 1..256 bytes when present
  std::size_t max_text_bytes = 512;           // text: 1..512 bytes when present
  std::int64_t min_rating = 1;                // rating, inclusive
  std::int64_t max_rating = 5;
  std::int64_t max_future_ms = 5 * 60 * 1000; // device clocks drift; more is a bug
  std::int64_t min_at_ms = kEarliestSignalTimeMs;  // catches 0, seconds-for-ms, unset clocks
};

// OK, or kInvalidArgument naming the first bad field. `now_ms` is the SDK's
// clock (Unix ms), against which `at` may be at most max_future_ms ahead.
Status validate(const Signal& signal, const ValidationLimits& limits, std::int64_t now_ms);

}  // namespace confidant::signals

// How a caller's value appears inside an error message: bounded, quoted, and
// unable to garble a log line or a terminal.
//
// Used by the consent and signals layers alike, so their messages read the
// same: 'a\x0ab\x27c', with "..." past the limit. UTF-8 aware: valid text
// such as "lait d'avoine écrémé" stays readable, while ill-formed bytes and
// control characters become \xNN (or \uNNNN for C1 controls, which are two
// bytes in UTF-8 and would otherwise print as raw terminal controls).
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace confidant::text {

// `value` between `quote` characters. The value is shown up to `max_bytes`
// bytes, cut at a character boundary (a character that starts before the
// limit is kept whole), followed by "..." when cut.
std::string quoted(std::string_view value, char quote = '\'', std::size_t max_bytes = 64);

}  // namespace confidant::text

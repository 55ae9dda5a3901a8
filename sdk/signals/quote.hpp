// How a caller's value appears inside an error message: bounded, quoted, and
// unable to garble a log line or a terminal.
//
// Shares the consent layer's format ('a\x0ab\x27c', "..." past the limit) so
// messages from both layers read alike, and adds UTF-8 awareness: valid text
// such as "lait d'avoine écrémé" stays readable, while ill-formed bytes and
// control characters become \xNN (or \uNNNN for C1 controls, which are two
// bytes in UTF-8 and would otherwise print as raw terminal controls).
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace confidant::signals {

// `value` between `quote` characters. At most `max_bytes` bytes of the value
// are shown (cut at a character boundary), followed by "..." when cut.
std::string quoted(std::string_view value, char quote = '\'', std::size_t max_bytes = 64);

}  // namespace confidant::signals

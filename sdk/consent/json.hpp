// The little JSON the consent layer writes: string literals.
//
// Receipts are built by hand (a handful of flat objects); what has to be
// exactly right is the escaping of caller-supplied text such as the policy
// version, which is what this file does. UTF-8 decoding and validation are
// common/utf8.hpp's.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace confidant::consent {

// Appends `text` (UTF-8) to `out` as a JSON string literal, quotes included.
// Escapes '"' and '\\', every control character (U+0000-U+001F as \b \f \n
// \r \t or \u00XX, and U+007F), and U+2028/U+2029 (so the output is also safe
// inside JavaScript). Other characters are copied as UTF-8. Each byte that is
// not part of well-formed UTF-8 (as text::decode_utf8 decides) becomes
// U+FFFD, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);
std::string json_string(std::string_view text);

}  // namespace confidant::consent

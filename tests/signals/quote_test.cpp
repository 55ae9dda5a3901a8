// How caller values appear in error messages (common/quote.hpp, shared by the
// consent and signals layers): readable when they are text, escaped when they
// could garble a log line, bounded in length.
#include <catch2/catch.hpp>

#include <string>

#include "common/quote.hpp"

namespace {

using confidant::text::quoted;

TEST_CASE("plain and non-ASCII text is shown as is") {
  CHECK(quoted("milk") == "'milk'");
  CHECK(quoted("") == "''");
  CHECK(quoted("caf\xc3\xa9 \xf0\x9f\x8d\xb5") == "'caf\xc3\xa9 \xf0\x9f\x8d\xb5'");
  CHECK(quoted("milk", '"') == "\"milk\"");
}

TEST_CASE("quotes, backslashes, controls and ill-formed bytes are escaped") {
  CHECK(quoted("a\nb'c\\") == "'a\\x0ab\\x27c\\x5c'");
  CHECK(quoted("say \"x\"", '"') == "\"say \\x22x\\x22\"");
  CHECK(quoted("it's", '"') == "\"it's\"");
  CHECK(quoted(std::string("\0\x7f", 2)) == "'\\x00\\x7f'");
  CHECK(quoted("a\xc2\x85" "b") == "'a\\u0085b'");  // C1 NEL
  CHECK(quoted("\xff\xc0\xaf") == "'\\xff\\xc0\\xaf'");
  CHECK(quoted("\xed\xa0\x80") == "'\\xed\\xa0\\x80'");
}

TEST_CASE("long values are cut at a character boundary") {
  CHECK(quoted(std::string(100, 'x')) == "'" + std::string(64, 'x') + "...'");
  CHECK(quoted(std::string(64, 'x')) == "'" + std::string(64, 'x') + "'");
  CHECK(quoted("abcdef", '"', 3) == "\"abc...\"");
  // A two-byte character straddling the limit is kept whole, never split.
  CHECK(quoted("ab\xc3\xa9z", '\'', 3) == "'ab\xc3\xa9...'");
}

}  // namespace

// The SDK's one JSON reader and writer: the CLI's JSONL signals and
// candidates, the brand's config, C-ABI payloads, consent receipts.
//
// The reader is strict RFC 8259, because everything it reads comes from
// outside the process and a lenient reader would let two texts mean the same
// thing, or let a typo pass silently: no comments, no trailing commas, no
// leading zeros, no NaN/Infinity, no byte-order mark, exactly one value with
// only whitespace around it, strings of well-formed UTF-8 (common/utf8.hpp),
// \u escapes with surrogate pairs matched, no raw control characters in
// strings, and no duplicate keys in an object (two readers could otherwise
// disagree on which one wins). It never recurses, so hostile nesting cannot
// exhaust the stack, and ParseLimits bound its time and memory.
//
// Objects keep their members in document order, so a reader of the DOM can
// name fields in the order the author wrote them and the writer reproduces it.
//
// Thread-safety: pure functions; a Value is a plain value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "confidant/status.hpp"

namespace confidant::json {

enum class Type : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

// "null", "a boolean", "a number", "a string", "an array", "an object": for
// messages such as "categories[1]: expected a string, got a number".
std::string_view describe(Type type) noexcept;

class Value {
 public:
  using Array = std::vector<Value>;
  using Member = std::pair<std::string, Value>;
  using Object = std::vector<Member>;

  Value() = default;  // null

  static Value from_bool(bool value);
  static Value from_int64(std::int64_t value);
  // Non-finite values are kept but written as null (JSON has no NaN).
  static Value from_double(double value);
  static Value from_string(std::string value);
  static Value from_array(Array items);
  // The caller keeps keys unique; the parser guarantees it for parsed objects.
  static Value from_object(Object members);

  Type type() const noexcept;
  bool is_null() const noexcept { return type() == Type::kNull; }
  bool is_bool() const noexcept { return type() == Type::kBool; }
  bool is_number() const noexcept { return type() == Type::kNumber; }
  // A number written as an integer literal (no fraction, no exponent) that
  // fits an int64: "4" is one, "4.0", "4e0" and "9223372036854775808" are not.
  bool is_integer() const noexcept;
  bool is_string() const noexcept { return type() == Type::kString; }
  bool is_array() const noexcept { return type() == Type::kArray; }
  bool is_object() const noexcept { return type() == Type::kObject; }

  // Each returns the value, or false / 0 / an empty string, array or object
  // when the Value is of another type: reading a field never throws.
  bool as_bool() const noexcept;
  // The integer when is_integer(); otherwise 0 (not a rounded double, so a
  // caller that skipped the is_integer() check gets an obviously wrong value
  // rather than a plausible one).
  std::int64_t as_int64() const noexcept;
  // Any number; integers beyond 2^53 are rounded.
  double as_double() const noexcept;
  const std::string& as_string() const noexcept;
  const Array& as_array() const noexcept;
  const Object& as_object() const noexcept;

  // The member named `key`, or nullptr when absent or this is not an object.
  // Linear: parsed objects are small, and order is worth more than speed here.
  const Value* find(std::string_view key) const noexcept;

  // Structural equality; numbers compare as integers when both are
  // integers, as doubles otherwise (so 1 != 1.0, matching is_integer()).
  friend bool operator==(const Value& a, const Value& b) noexcept;

 private:
  struct Number {
    double real = 0;
    std::int64_t integer = 0;
    bool is_integer = false;
  };
  std::variant<std::monostate, bool, Number, std::string, Array, Object> data_;
};

// Nesting deeper than this is refused whatever ParseLimits says: destroying,
// comparing or writing a Value recurses once per level, and this keeps that
// well inside a phone's smallest thread stack (512 KiB on iOS).
inline constexpr std::size_t kMaxDepthCeiling = 512;

struct ParseLimits {
  // Arrays and objects nested inside each other; the document's outermost
  // array or object is depth 1. Clamped to kMaxDepthCeiling.
  std::size_t max_depth = 64;
  // The whole text, checked before anything is read.
  std::size_t max_text_bytes = 4u << 20;  // 4 MiB
  // One string or key, after unescaping.
  std::size_t max_string_bytes = 1u << 20;  // 1 MiB
  // Values of any kind in the document, containers included. A value takes
  // some 20-60 times the memory of its shortest text ("0,"), so this, not
  // max_text_bytes, is what bounds the DOM's memory.
  std::size_t max_values = 256u << 10;  // 262,144
};

// One JSON document. Errors are kInvalidArgument with the byte offset of the
// problem and what was expected there: "json: offset 17: expected ',' or '}'",
// "json: offset 9: duplicate key 'milk'".
Result<Value> parse(std::string_view text, ParseLimits limits = {});

// ---- writing ----

// Appends `text` (UTF-8) to `out` as a JSON string literal, quotes included.
// Escapes '"' and '\\', every control character (U+0000-U+001F as \b \f \n
// \r \t or \u00XX, and U+007F), and U+2028/U+2029 (so the output is also safe
// inside JavaScript). Other characters are copied as UTF-8. Each byte that is
// not part of well-formed UTF-8 (as text::decode_utf8 decides) becomes
// U+FFFD, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);
std::string json_string(std::string_view text);

// Appends a double as the shortest text that reads back as the same double,
// always with a '.' or an exponent so that it reads back as a double, not an
// integer ("4.0", "0.1", "1e+300", "-0.0"). NaN and infinities become null.
void append_json_double(std::string& out, double value);

// Compact, one line, members in order; integers as integers, doubles via
// append_json_double, strings via append_json_string.
// parse(serialize(v)) == v for every parsed v.
std::string serialize(const Value& value);
void append_json(std::string& out, const Value& value);

}  // namespace confidant::json

#include "common/json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <set>
#include <system_error>

#include "common/quote.hpp"
#include "common/utf8.hpp"

namespace confidant::json {
namespace {

using text::decode_utf8;
using text::Utf8Step;

constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// from_chars reports both overflow and underflow as out of range. Underflow is
// ordinary rounding (1e-400 is, to a double, zero) and is accepted; overflow
// has no double to round to. The literal is already known to match the JSON
// number grammar, so its decimal order of magnitude decides which it was.
bool underflows(std::string_view literal) {
  std::int64_t integer_digits = 0;
  std::int64_t first_significant = -1;  // index among all mantissa digits
  std::int64_t index = 0;
  bool in_fraction = false;
  std::size_t pos = literal.front() == '-' ? 1 : 0;
  for (; pos < literal.size() && literal[pos] != 'e' && literal[pos] != 'E'; ++pos) {
    if (literal[pos] == '.') {
      in_fraction = true;
      continue;
    }
    if (first_significant < 0 && literal[pos] != '0') first_significant = index;
    if (!in_fraction) ++integer_digits;
    ++index;
  }
  std::int64_t exponent = 0;
  if (pos < literal.size()) {
    ++pos;
    const bool negative = literal[pos] == '-';
    if (literal[pos] == '-' || literal[pos] == '+') ++pos;
    // Saturate: any exponent this large dwarfs every digit count.
    for (; pos < literal.size() && exponent < 1'000'000'000'000; ++pos) exponent = exponent * 10 + (literal[pos] - '0');
    if (negative) exponent = -exponent;
  }
  // An all-zero mantissa is never out of range, but be safe.
  if (first_significant < 0) return true;
  return integer_digits - first_significant - 1 + exponent < 0;
}

class Parser {
 public:
  Parser(std::string_view text, const ParseLimits& limits)
      : text_(text), limits_(limits), max_depth_(std::min(limits.max_depth, kMaxDepthCeiling)) {}

  Result<Value> run() {
    if (text_.size() > limits_.max_text_bytes) {
      return Status{ErrorCode::kInvalidArgument, "json: text is " + std::to_string(text_.size()) +
                                                     " bytes, more than the limit of " +
                                                     std::to_string(limits_.max_text_bytes)};
    }
    Value document;
    if (!parse_document(document)) return error_;
    return document;
  }

 private:
  // An array or object still open; the parser's explicit stack replaces
  // recursion so that depth costs heap, never native stack.
  struct Frame {
    bool is_object = false;
    Value::Array items;
    Value::Object members;
    std::string key;  // the member whose value is being read
    // Past a few members a linear duplicate scan would make a hostile object
    // quadratic; an ordered set (not a hash set, which crafted keys can flood)
    // keeps it n log n.
    std::set<std::string, std::less<>> seen;
  };

  bool fail(std::size_t offset, const std::string& what) {
    error_ = Status{ErrorCode::kInvalidArgument, "json: offset " + std::to_string(offset) + ": " + what};
    return false;
  }
  bool fail(const std::string& what) { return fail(pos_, what); }

  // '\0' at the end: never equal to any character the grammar looks for.
  char peek() const noexcept { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip_space() noexcept {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }

  bool parse_document(Value& out) {
    std::vector<Frame> stack;
    skip_space();
    for (;;) {
      // A value starts at pos_.
      if (++values_ > limits_.max_values) return fail("more than " + std::to_string(limits_.max_values) + " values");
      Value value;
      const char c = peek();
      if (c == '[' || c == '{') {
        if (stack.size() >= max_depth_) return fail("nesting deeper than " + std::to_string(max_depth_));
        stack.emplace_back().is_object = c == '{';
        ++pos_;
        skip_space();
        if (peek() != (c == '{' ? '}' : ']')) {
          if (c == '{' && !read_key(stack.back())) return false;
          continue;
        }
        ++pos_;
        value = close(stack);
      } else if (!parse_scalar(value)) {
        return false;
      }

      // Hand the finished value to its container, and close every container
      // it completes, until one expects another value.
      for (;;) {
        if (stack.empty()) {
          skip_space();
          if (pos_ != text_.size()) return fail("expected end of input");
          out = std::move(value);
          return true;
        }
        Frame& top = stack.back();
        if (top.is_object) {
          top.members.emplace_back(std::move(top.key), std::move(value));
        } else {
          top.items.push_back(std::move(value));
        }
        skip_space();
        if (peek() == ',') {
          ++pos_;
          skip_space();
          if (top.is_object && !read_key(top)) return false;
          break;
        }
        if (peek() == (top.is_object ? '}' : ']')) {
          ++pos_;
          value = close(stack);
          continue;
        }
        return fail(top.is_object ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }

  static Value close(std::vector<Frame>& stack) {
    Frame& top = stack.back();
    Value value = top.is_object ? Value::from_object(std::move(top.members)) : Value::from_array(std::move(top.items));
    stack.pop_back();
    return value;
  }

  // A member's key and the ':' after it; leaves pos_ at the member's value.
  bool read_key(Frame& frame) {
    if (peek() != '"') return fail("expected a string key");
    const std::size_t key_offset = pos_;
    std::string key;
    if (!parse_string(key)) return false;
    if (!remember_key(frame, key)) return fail(key_offset, "duplicate key " + text::quoted(key));
    skip_space();
    if (peek() != ':') return fail("expected ':'");
    ++pos_;
    skip_space();
    frame.key = std::move(key);
    return true;
  }

  // False when the frame's object already has `key`.
  static bool remember_key(Frame& frame, const std::string& key) {
    constexpr std::size_t kLinearScanMembers = 16;
    if (frame.members.size() < kLinearScanMembers) {
      return std::none_of(frame.members.begin(), frame.members.end(),
                          [&](const Value::Member& member) { return member.first == key; });
    }
    if (frame.seen.empty()) {
      for (const Value::Member& member : frame.members) frame.seen.insert(member.first);
    }
    return frame.seen.insert(key).second;
  }

  bool parse_scalar(Value& value) {
    switch (peek()) {
      case '"': {
        std::string decoded;
        if (!parse_string(decoded)) return false;
        value = Value::from_string(std::move(decoded));
        return true;
      }
      case 't': return parse_literal("true", Value::from_bool(true), value);
      case 'f': return parse_literal("false", Value::from_bool(false), value);
      case 'n': return parse_literal("null", Value(), value);
      default:
        if (peek() == '-' || is_digit(peek())) return parse_number(value);
        return fail("expected a value");
    }
  }

  bool parse_literal(std::string_view word, Value literal, Value& value) {
    if (text_.substr(pos_, word.size()) != word) return fail("expected a value");
    pos_ += word.size();
    value = std::move(literal);
    return true;
  }

  bool parse_number(Value& value) {
    const std::size_t start = pos_;
    bool integral = true;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
      if (is_digit(peek())) return fail("leading zeros are not allowed");
    } else if (is_digit(peek())) {
      while (is_digit(peek())) ++pos_;
    } else {
      return fail("expected a digit");
    }
    if (peek() == '.') {
      integral = false;
      ++pos_;
      if (!is_digit(peek())) return fail("expected a digit after '.'");
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit(peek())) return fail("expected a digit in the exponent");
      while (is_digit(peek())) ++pos_;
    }
    const std::string_view literal = text_.substr(start, pos_ - start);
    const char* const first = literal.data();
    const char* const last = first + literal.size();

    if (integral) {
      std::int64_t integer = 0;
      const auto [end, ec] = std::from_chars(first, last, integer);
      if (ec == std::errc() && end == last) {
        value = Value::from_int64(integer);  // "-0" too: the integer 0
        return true;
      }
    }
    double real = 0;
    const auto [end, ec] = std::from_chars(first, last, real, std::chars_format::general);
    if (ec == std::errc::result_out_of_range && underflows(literal)) {
      real = literal.front() == '-' ? -0.0 : 0.0;
    } else if (ec != std::errc() || end != last) {
      return fail(start, "number out of the range of a double");
    }
    value = Value::from_double(real);
    return true;
  }

  // pos_ at the opening quote; leaves it after the closing one.
  bool parse_string(std::string& out) {
    const std::size_t start = pos_;
    ++pos_;
    for (;;) {
      if (out.size() > limits_.max_string_bytes) {
        return fail(start, "string longer than " + std::to_string(limits_.max_string_bytes) + " bytes");
      }
      if (pos_ >= text_.size()) return fail("expected '\"' to end the string");
      const auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte == '"') {
        ++pos_;
        return true;
      }
      if (byte == '\\') {
        if (!parse_escape(out)) return false;
        continue;
      }
      if (byte < 0x20) return fail("control character in string (use an escape such as \\n or \\u001f)");
      if (byte < 0x80) {
        out += static_cast<char>(byte);
        ++pos_;
        continue;
      }
      const Utf8Step step = decode_utf8(text_, pos_);
      if (step.length == 0) return fail("invalid UTF-8 in string");
      out.append(text_, pos_, step.length);
      pos_ += step.length;
    }
  }

  // pos_ at the backslash.
  bool parse_escape(std::string& out) {
    const std::size_t start = pos_;
    ++pos_;
    const char c = peek();
    ++pos_;
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return fail(start, "invalid escape (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
    }
    char32_t unit = 0;
    if (!read_hex4(start, unit)) return false;
    if (unit >= 0xdc00 && unit <= 0xdfff) return fail(start, "lone low surrogate \\u" + hex4(unit));
    if (unit >= 0xd800 && unit <= 0xdbff) {
      // A high surrogate means nothing without the low half right after it.
      if (text_.substr(pos_, 2) != "\\u") return fail(start, "lone high surrogate \\u" + hex4(unit));
      const std::size_t low_start = pos_;
      pos_ += 2;
      char32_t low = 0;
      if (!read_hex4(low_start, low)) return false;
      if (low < 0xdc00 || low > 0xdfff) return fail(start, "lone high surrogate \\u" + hex4(unit));
      unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
    }
    append_utf8(out, unit);
    return true;
  }

  // pos_ after "\u"; `start` is the backslash, for the message.
  bool read_hex4(std::size_t start, char32_t& unit) {
    for (int i = 0; i < 4; ++i) {
      const int digit = hex_value(peek());
      if (digit < 0) return fail(start, "expected 4 hex digits after \\u");
      unit = (unit << 4) | static_cast<char32_t>(digit);
      ++pos_;
    }
    return true;
  }

  static std::string hex4(char32_t unit) {
    constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xfu];
    return out;
  }

  std::string_view text_;
  ParseLimits limits_;
  std::size_t max_depth_;
  std::size_t pos_ = 0;
  std::size_t values_ = 0;
  Status error_;
};

void append_unicode_escape(std::string& out, std::uint32_t code_unit) {
  constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code_unit >> shift) & 0xfu];
}

}  // namespace

// ---- Value ----

std::string_view describe(Type type) noexcept {
  switch (type) {
    case Type::kNull: return "null";
    case Type::kBool: return "a boolean";
    case Type::kNumber: return "a number";
    case Type::kString: return "a string";
    case Type::kArray: return "an array";
    case Type::kObject: return "an object";
  }
  return "an unknown type";
}

Value Value::from_bool(bool value) {
  Value v;
  v.data_ = value;
  return v;
}

Value Value::from_int64(std::int64_t value) {
  Value v;
  v.data_ = Number{static_cast<double>(value), value, true};
  return v;
}

Value Value::from_double(double value) {
  Value v;
  v.data_ = Number{value, 0, false};
  return v;
}

Value Value::from_string(std::string value) {
  Value v;
  v.data_ = std::move(value);
  return v;
}

Value Value::from_array(Array items) {
  Value v;
  v.data_ = std::move(items);
  return v;
}

Value Value::from_object(Object members) {
  Value v;
  v.data_ = std::move(members);
  return v;
}

Type Value::type() const noexcept { return static_cast<Type>(data_.index()); }

bool Value::is_integer() const noexcept {
  const Number* number = std::get_if<Number>(&data_);
  return number != nullptr && number->is_integer;
}

bool Value::as_bool() const noexcept {
  const bool* value = std::get_if<bool>(&data_);
  return value != nullptr && *value;
}

std::int64_t Value::as_int64() const noexcept {
  const Number* number = std::get_if<Number>(&data_);
  return number != nullptr && number->is_integer ? number->integer : 0;
}

double Value::as_double() const noexcept {
  const Number* number = std::get_if<Number>(&data_);
  return number != nullptr ? number->real : 0.0;
}

const std::string& Value::as_string() const noexcept {
  static const std::string kEmpty;
  const std::string* value = std::get_if<std::string>(&data_);
  return value != nullptr ? *value : kEmpty;
}

const Value::Array& Value::as_array() const noexcept {
  static const Array kEmpty;
  const Array* value = std::get_if<Array>(&data_);
  return value != nullptr ? *value : kEmpty;
}

const Value::Object& Value::as_object() const noexcept {
  static const Object kEmpty;
  const Object* value = std::get_if<Object>(&data_);
  return value != nullptr ? *value : kEmpty;
}

const Value* Value::find(std::string_view key) const noexcept {
  const Object* members = std::get_if<Object>(&data_);
  if (members == nullptr) return nullptr;
  for (const Member& member : *members) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

bool operator==(const Value& a, const Value& b) noexcept {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Type::kNull: return true;
    case Type::kBool: return a.as_bool() == b.as_bool();
    case Type::kNumber:
      if (a.is_integer() && b.is_integer()) return a.as_int64() == b.as_int64();
      return a.is_integer() == b.is_integer() && a.as_double() == b.as_double();
    case Type::kString: return a.as_string() == b.as_string();
    case Type::kArray: return a.as_array() == b.as_array();
    case Type::kObject: return a.as_object() == b.as_object();
  }
  return false;
}

Result<Value> parse(std::string_view text, ParseLimits limits) { return Parser(text, limits).run(); }

// ---- writing ----

void append_json_string(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Utf8Step step = decode_utf8(text, pos);
    if (step.length == 0) {
      append_unicode_escape(out, 0xfffd);
      ++pos;
      continue;
    }
    const char32_t code_point = step.code_point;
    switch (code_point) {
      case U'"': out += "\\\""; break;
      case U'\\': out += "\\\\"; break;
      case U'\b': out += "\\b"; break;
      case U'\f': out += "\\f"; break;
      case U'\n': out += "\\n"; break;
      case U'\r': out += "\\r"; break;
      case U'\t': out += "\\t"; break;
      default:
        if (code_point < 0x20 || code_point == 0x7f || code_point == 0x2028 || code_point == 0x2029) {
          append_unicode_escape(out, static_cast<std::uint32_t>(code_point));
        } else {
          out.append(text, pos, step.length);
        }
    }
    pos += step.length;
  }
  out += '"';
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

void append_json_double(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[32];  // the shortest form of any double is at most 24 characters
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) {
    out += "null";  // unreachable with a 32-byte buffer
    return;
  }
  const std::string_view written(buffer, static_cast<std::size_t>(end - buffer));
  out += written;
  if (written.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void append_json(std::string& out, const Value& value) {
  switch (value.type()) {
    case Type::kNull: out += "null"; return;
    case Type::kBool: out += value.as_bool() ? "true" : "false"; return;
    case Type::kNumber:
      if (value.is_integer()) {
        out += std::to_string(value.as_int64());
      } else {
        append_json_double(out, value.as_double());
      }
      return;
    case Type::kString: append_json_string(out, value.as_string()); return;
    case Type::kArray: {
      out += '[';
      bool first = true;
      for (const Value& item : value.as_array()) {
        if (!first) out += ',';
        first = false;
        append_json(out, item);
      }
      out += ']';
      return;
    }
    case Type::kObject: {
      out += '{';
      bool first = true;
      for (const Value::Member& member : value.as_object()) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, member.first);
        out += ':';
        append_json(out, member.second);
      }
      out += '}';
      return;
    }
  }
}

std::string serialize(const Value& value) {
  std::string out;
  append_json(out, value);
  return out;
}

}  // namespace confidant::json

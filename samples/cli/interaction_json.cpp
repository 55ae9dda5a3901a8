#include "interaction_json.hpp"

#include <cstdint>
#include <optional>

namespace confidant::cli {
namespace {

Status invalid(std::string message) { return {ErrorCode::kInvalidArgument, std::move(message)}; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A cursor over the line; every reader leaves it after what it read.
struct Cursor {
  std::string_view text;
  std::size_t pos = 0;

  void skip_space() {
    while (pos < text.size() && is_space(text[pos])) ++pos;
  }
  bool at_end() const { return pos >= text.size(); }
  char peek() const { return at_end() ? '\0' : text[pos]; }
  std::string where() const { return "offset " + std::to_string(pos); }
};

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::optional<std::uint32_t> hex4(Cursor& in) {
  if (in.pos + 4 > in.text.size()) return std::nullopt;
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = in.text[in.pos++];
    value <<= 4;
    if (c >= '0' && c <= '9') {
      value |= static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      value |= static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      value |= static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  return value;
}

// A JSON string at the cursor, decoded. Two spellings of one user id
// ("a" and "\u0061") must group as one user.
Result<std::string> read_string(Cursor& in) {
  if (in.peek() != '"') return invalid("expected a string at " + in.where());
  ++in.pos;
  std::string out;
  while (!in.at_end()) {
    const char c = in.text[in.pos++];
    if (c == '"') return out;
    if (static_cast<unsigned char>(c) < 0x20) return invalid("control character in a string at " + in.where());
    if (c != '\\') {
      out += c;
      continue;
    }
    if (in.at_end()) break;
    const char escape = in.text[in.pos++];
    switch (escape) {
      case '"': case '\\': case '/': out += escape; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        auto code = hex4(in);
        if (!code) return invalid("bad \\u escape at " + in.where());
        if (*code >= 0xD800 && *code < 0xDC00) {
          // A high surrogate must be followed by its low half.
          if (in.text.substr(in.pos, 2) != "\\u") return invalid("lone surrogate at " + in.where());
          in.pos += 2;
          auto low = hex4(in);
          if (!low || *low < 0xDC00 || *low >= 0xE000) return invalid("lone surrogate at " + in.where());
          *code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
        } else if (*code >= 0xDC00 && *code < 0xE000) {
          return invalid("lone surrogate at " + in.where());
        }
        append_utf8(out, *code);
        break;
      }
      default: return invalid(std::string("bad escape '\\") + escape + "' at " + in.where());
    }
  }
  return invalid("unterminated string");
}

// Skips one JSON object at the cursor, strings included, and returns its
// text; signal_from_json checks what is inside.
Result<std::string_view> read_object_text(Cursor& in) {
  if (in.peek() != '{') return invalid("expected an object at " + in.where());
  const std::size_t start = in.pos;
  int depth = 0;
  bool in_string = false;
  for (; !in.at_end(); ++in.pos) {
    const char c = in.text[in.pos];
    if (in_string) {
      if (c == '\\') {
        ++in.pos;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) {
        ++in.pos;
        return in.text.substr(start, in.pos - start);
      }
    }
  }
  return invalid("unterminated object");
}

}  // namespace

Result<InteractionLine> parse_interaction_line(std::string_view line) {
  Cursor in{line};
  in.skip_space();
  if (in.peek() != '{') return invalid("expected an object {\"user\":..,\"signal\":{..}}");
  ++in.pos;
  std::optional<std::string> user;
  std::optional<std::string_view> signal;
  in.skip_space();
  if (in.peek() == '}') return invalid("user: required");
  while (true) {
    in.skip_space();
    auto key = read_string(in);
    if (!key) return key.status();
    in.skip_space();
    if (in.peek() != ':') return invalid("expected ':' at " + in.where());
    ++in.pos;
    in.skip_space();
    if (key.value() == "user") {
      if (user) return invalid("user: given twice");
      if (in.peek() != '"') return invalid("user: expected a string");
      auto value = read_string(in);
      if (!value) return Status(ErrorCode::kInvalidArgument, "user: " + value.status().message());
      if (value.value().empty()) return invalid("user: empty");
      user = std::move(value.value());
    } else if (key.value() == "signal") {
      if (signal) return invalid("signal: given twice");
      if (in.peek() != '{') return invalid("signal: expected an object");
      auto value = read_object_text(in);
      if (!value) return Status(ErrorCode::kInvalidArgument, "signal: " + value.status().message());
      signal = value.value();
    } else {
      return invalid("unknown field '" + key.value() + "' (expected user and signal)");
    }
    in.skip_space();
    if (in.peek() == ',') {
      ++in.pos;
      continue;
    }
    if (in.peek() == '}') {
      ++in.pos;
      break;
    }
    return invalid("expected ',' or '}' at " + in.where());
  }
  in.skip_space();
  if (!in.at_end()) return invalid("unexpected text after the object at " + in.where());
  if (!user) return invalid("user: required");
  if (!signal) return invalid("signal: required");
  return InteractionLine{std::move(*user), *signal};
}

}  // namespace confidant::cli

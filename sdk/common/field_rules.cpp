#include "common/field_rules.hpp"

#include "common/quote.hpp"
#include "common/utf8.hpp"

namespace confidant::fields {
namespace {

std::string hex4(char32_t code_point) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "U+";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code_point >> shift) & 0xf];
  return out;
}

bool is_segment_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

Status check_text(const std::string& field, std::string_view value, std::size_t max_bytes, std::string_view what) {
  const std::string prefix(what);
  if (value.empty()) return Status::invalid_field(field, prefix + "empty");
  if (value.size() > max_bytes) {
    return Status::invalid_field(field, prefix + "longer than " + std::to_string(max_bytes) + " bytes (got " +
                              std::to_string(value.size()) + ")");
  }
  std::size_t offset = 0;
  while (offset < value.size()) {
    const text::Utf8Step step = text::decode_utf8(value, offset);
    if (step.length == 0) {
      return Status::invalid_field(field, prefix + "not valid UTF-8 at byte " + std::to_string(offset));
    }
    if (text::is_control(step.code_point)) {
      return Status::invalid_field(field, prefix + "control character " + hex4(step.code_point) + " at byte " +
                                std::to_string(offset));
    }
    offset += step.length;
  }
  return Status::ok();
}

Status check_category_path(const std::string& field, std::string_view path, const FieldLimits& limits) {
  if (path.empty()) return Status::invalid_field(field, "empty path");
  if (path.size() > limits.max_category_bytes) {
    return Status::invalid_field(field, "longer than " + std::to_string(limits.max_category_bytes) + " bytes (got " +
                              std::to_string(path.size()) + ")");
  }
  std::size_t segments = 1;
  bool segment_empty = true;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '/') {
      if (segment_empty) return Status::invalid_field(field, "empty path segment");
      ++segments;
      segment_empty = true;
    } else if (is_segment_char(c)) {
      segment_empty = false;
    } else {
      return Status::invalid_field(field, "invalid character " + text::quoted(path.substr(i, 1)) + " at byte " +
                                std::to_string(i) + " (segments are a-z, 0-9, '_' and '-')");
    }
  }
  if (segment_empty) return Status::invalid_field(field, "empty path segment");
  if (segments > limits.max_category_segments) {
    return Status::invalid_field(field, std::to_string(segments) + " segments, at most " +
                              std::to_string(limits.max_category_segments));
  }
  return Status::ok();
}

Status check_attribute(const std::string& field, std::string_view key, std::string_view value,
                       const FieldLimits& limits, std::string_view what) {
  const std::string prefix(what);
  if (Status status = check_text(field, key, limits.max_attr_key_bytes, prefix + "key "); !status) return status;
  if (const std::size_t eq = key.find('='); eq != std::string::npos) {
    return Status::invalid_field(field, prefix + "key contains '=' at byte " + std::to_string(eq));
  }
  return check_text(field, value, limits.max_attr_value_bytes, prefix + "value ");
}

}  // namespace confidant::fields

#include "consent/cmp/bit_reader.hpp"

#include "common/quote.hpp"

namespace confidant::consent::cmp {
namespace {

// The character's six bits, or -1 for a character outside base64url.
int sextet(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

Status check_base64url(std::string_view field, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (sextet(text[i]) >= 0) continue;
    std::string problem = "character " + text::quoted(text.substr(i, 1)) + " at offset " + std::to_string(i) +
                          " is not base64url";
    if (text[i] == '=') problem += " (TC strings carry no padding)";
    if (text[i] == '+' || text[i] == '/') problem += " (standard base64; TC strings use '-' and '_')";
    return Status::invalid_field(field, problem);
  }
  return Status::ok();
}

BitReader::BitReader(std::string_view segment, std::string prefix)
    : segment_(segment), prefix_(std::move(prefix)) {}

bool BitReader::bit(std::size_t index) const noexcept {
  const int value = sextet(segment_[index / 6]);
  return ((value >> (5 - index % 6)) & 1) != 0;
}

Result<std::uint64_t> BitReader::read(std::string_view field, unsigned width) {
  if (width == 0 || width > 36) return Status::internal(name(field) + ": bit width " + std::to_string(width));
  if (remaining() < width) {
    return Status::invalid_field(name(field), "truncated: needs " + std::to_string(width) + " bits at bit " +
                                                  std::to_string(position_) + ", the segment has " +
                                                  std::to_string(size()));
  }
  std::uint64_t value = 0;
  for (unsigned i = 0; i < width; ++i) value = (value << 1) | (bit(position_ + i) ? 1u : 0u);
  position_ += width;
  return value;
}

Result<bool> BitReader::read_flag(std::string_view field) {
  auto value = read(field, 1);
  if (!value) return value.status();
  return value.value() == 1;
}

bool BitReader::rest_is_zero() const noexcept {
  for (std::size_t i = position_; i < size(); ++i) {
    if (bit(i)) return false;
  }
  return true;
}

}  // namespace confidant::consent::cmp

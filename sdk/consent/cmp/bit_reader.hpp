// Reading one segment of a TC string: base64url text (RFC 4648 section 5,
// without padding) as a stream of bits, most significant first, six bits a
// character.
//
// The TC string format (IAB TCF v2.2, "TC String Format") packs big-endian
// fields of 1 to 36 bits with no byte alignment, so the reader works on the
// characters themselves: no byte buffer is made, and a read past the end is
// an error naming the field being read, never a read out of bounds.
//
// Thread-safety: a BitReader is a plain value used by one thread;
// check_base64url() is a pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "confidant/status.hpp"

namespace confidant::consent::cmp {

// kInvalidArgument naming `field` and the offset of the first character that
// is not base64url ('A'-'Z', 'a'-'z', '0'-'9', '-', '_'); padding ('=') and
// the standard alphabet's '+' and '/' included.
Status check_base64url(std::string_view field, std::string_view text);

class BitReader {
 public:
  // `segment` must have passed check_base64url(). Field names in errors are
  // `prefix` followed by the field ("tc_string.cmpId").
  BitReader(std::string_view segment, std::string prefix);

  // The next `width` bits (1..36) as an unsigned number. kInvalidArgument
  // "<prefix><field>: truncated: needs N bits at bit B, the segment has M"
  // when fewer remain; the position does not move then.
  Result<std::uint64_t> read(std::string_view field, unsigned width);
  Result<bool> read_flag(std::string_view field);

  std::size_t position() const noexcept { return position_; }
  std::size_t size() const noexcept { return segment_.size() * 6; }
  std::size_t remaining() const noexcept { return size() - position_; }
  // Whether every bit after the position is 0 (encoders pad with zeros).
  bool rest_is_zero() const noexcept;

  // "<prefix><field>", for errors found after a read (a value out of range).
  std::string name(std::string_view field) const { return prefix_ + std::string(field); }

 private:
  bool bit(std::size_t index) const noexcept;

  std::string_view segment_;
  std::string prefix_;
  std::size_t position_ = 0;
};

}  // namespace confidant::consent::cmp

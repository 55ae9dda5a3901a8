// Sets of TCF vendor ids, and the two encodings a TC string carries them in
// (IAB TCF v2.2, "TC String Format"): a bit field of MaxVendorId bits, or a
// list of range entries.
//
// A set is kept as sorted, disjoint ranges whichever encoding carried it, so
// its memory follows what the string spells out, never MaxVendorId: a string
// claiming a range of 65,535 vendors costs one range, and each range costs at
// least 17 bits of the string, which is itself bounded (tc_string.hpp).
//
// Thread-safety: VendorSet is a plain value; the readers use the caller's
// BitReader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "confidant/status.hpp"
#include "consent/cmp/bit_reader.hpp"

namespace confidant::consent::cmp {

// Vendor ids are 16-bit; 0 is not an id.
inline constexpr std::uint32_t kMaxVendorIdValue = 65535;

struct VendorRange {
  std::uint16_t first = 0;
  std::uint16_t last = 0;  // inclusive, >= first
  friend bool operator==(const VendorRange&, const VendorRange&) = default;
};

class VendorSet {
 public:
  VendorSet() = default;
  // Sorts and merges `ranges` (overlapping or adjacent ones become one).
  explicit VendorSet(std::vector<VendorRange> ranges);

  bool contains(std::uint32_t vendor_id) const noexcept;
  // How many ids the set holds.
  std::size_t count() const noexcept;
  const std::vector<VendorRange>& ranges() const noexcept { return ranges_; }
  bool empty() const noexcept { return ranges_.empty(); }

  friend bool operator==(const VendorSet&, const VendorSet&) = default;

 private:
  std::vector<VendorRange> ranges_;
};

// A vendor section as the core string and the DisclosedVendors segment write
// it: MaxVendorId (16 bits), IsRangeEncoding (1 bit), then MaxVendorId bits
// or NumEntries (12 bits) range entries. `field` names the section in errors
// ("vendorConsents" gives "tc_string.vendorConsents.maxVendorId: ..."). A
// range entry outside 1..MaxVendorId, or ending before it starts, is refused.
struct VendorSection {
  std::uint16_t max_vendor_id = 0;
  bool range_encoded = false;
  VendorSet vendors;
  friend bool operator==(const VendorSection&, const VendorSection&) = default;
};
Result<VendorSection> read_vendor_section(BitReader& in, std::string_view field);

// NumEntries (12 bits) range entries, each IsARange (1 bit),
// StartOrOnlyVendorId (16 bits) and, when a range, EndVendorId (16 bits);
// every id must be in 1..`max_id`.
Result<VendorSet> read_range_entries(BitReader& in, std::string_view field, std::uint32_t max_id);

}  // namespace confidant::consent::cmp

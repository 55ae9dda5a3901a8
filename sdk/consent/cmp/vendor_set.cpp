#include "consent/cmp/vendor_set.hpp"

#include <algorithm>
#include <iterator>
#include <string>

namespace confidant::consent::cmp {
namespace {

// The smallest range entry: IsARange (1) and StartOrOnlyVendorId (16).
constexpr std::size_t kMinRangeEntryBits = 17;

std::string at(std::string_view field, std::size_t index, std::string_view member) {
  return std::string(field) + ".entries[" + std::to_string(index) + "]." + std::string(member);
}

}  // namespace

VendorSet::VendorSet(std::vector<VendorRange> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const VendorRange& a, const VendorRange& b) { return a.first < b.first; });
  for (const VendorRange& r : ranges) {
    if (!ranges_.empty() && static_cast<std::uint32_t>(r.first) <= static_cast<std::uint32_t>(ranges_.back().last) + 1) {
      ranges_.back().last = std::max(ranges_.back().last, r.last);
    } else {
      ranges_.push_back(r);
    }
  }
}

bool VendorSet::contains(std::uint32_t vendor_id) const noexcept {
  const auto it = std::upper_bound(ranges_.begin(), ranges_.end(), vendor_id,
                                   [](std::uint32_t id, const VendorRange& r) { return id < r.first; });
  if (it == ranges_.begin()) return false;
  return vendor_id <= std::prev(it)->last;
}

std::size_t VendorSet::count() const noexcept {
  std::size_t n = 0;
  for (const VendorRange& r : ranges_) n += static_cast<std::size_t>(r.last - r.first) + 1;
  return n;
}

Result<VendorSet> read_range_entries(BitReader& in, std::string_view field, std::uint32_t max_id) {
  const std::string entries_field = std::string(field) + ".numEntries";
  auto count = in.read(entries_field, 12);
  if (!count) return count.status();
  // Refused before anything is read or kept: the string cannot hold them.
  if (count.value() * kMinRangeEntryBits > in.remaining()) {
    return Status::invalid_field(in.name(entries_field),
                                 "truncated: " + std::to_string(count.value()) + " entries need at least " +
                                     std::to_string(count.value() * kMinRangeEntryBits) + " bits, " +
                                     std::to_string(in.remaining()) + " remain");
  }
  std::vector<VendorRange> ranges;
  for (std::size_t i = 0; i < count.value(); ++i) {
    auto is_range = in.read_flag(at(field, i, "isARange"));
    if (!is_range) return is_range.status();
    auto first = in.read(at(field, i, "startOrOnlyVendorId"), 16);
    if (!first) return first.status();
    std::uint64_t last = first.value();
    if (is_range.value()) {
      auto end = in.read(at(field, i, "endVendorId"), 16);
      if (!end) return end.status();
      last = end.value();
    }
    if (first.value() == 0 || first.value() > max_id) {
      return Status::invalid_field(in.name(at(field, i, "startOrOnlyVendorId")),
                                   std::to_string(first.value()) + " is outside 1.." + std::to_string(max_id));
    }
    if (last < first.value() || last > max_id) {
      return Status::invalid_field(in.name(at(field, i, "endVendorId")),
                                   std::to_string(last) + " is outside " + std::to_string(first.value()) + ".." +
                                       std::to_string(max_id));
    }
    ranges.push_back({static_cast<std::uint16_t>(first.value()), static_cast<std::uint16_t>(last)});
  }
  return VendorSet(std::move(ranges));
}

Result<VendorSection> read_vendor_section(BitReader& in, std::string_view field) {
  const std::string prefix(field);
  auto max_id = in.read(prefix + ".maxVendorId", 16);
  if (!max_id) return max_id.status();
  auto range_encoded = in.read_flag(prefix + ".isRangeEncoding");
  if (!range_encoded) return range_encoded.status();
  VendorSection section;
  section.max_vendor_id = static_cast<std::uint16_t>(max_id.value());
  section.range_encoded = range_encoded.value();
  if (section.range_encoded) {
    auto set = read_range_entries(in, field, section.max_vendor_id);
    if (!set) return set.status();
    section.vendors = std::move(set.value());
    return section;
  }
  // A bit field of MaxVendorId bits, checked whole before it is read.
  if (in.remaining() < section.max_vendor_id) {
    return Status::invalid_field(in.name(prefix + ".bitField"),
                                 "truncated: maxVendorId " + std::to_string(section.max_vendor_id) + " needs " +
                                     std::to_string(section.max_vendor_id) + " bits, " +
                                     std::to_string(in.remaining()) + " remain");
  }
  std::vector<VendorRange> ranges;
  for (std::uint32_t id = 1; id <= section.max_vendor_id; ++id) {
    auto set = in.read_flag(prefix + ".bitField");
    if (!set) return set.status();
    if (!set.value()) continue;
    if (!ranges.empty() && ranges.back().last + 1u == id) {
      ranges.back().last = static_cast<std::uint16_t>(id);
    } else {
      ranges.push_back({static_cast<std::uint16_t>(id), static_cast<std::uint16_t>(id)});
    }
  }
  section.vendors = VendorSet(std::move(ranges));
  return section;
}

}  // namespace confidant::consent::cmp

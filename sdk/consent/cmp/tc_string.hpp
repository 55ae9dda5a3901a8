// The TC string of IAB Europe's Transparency & Consent Framework v2.2/2.3,
// decoded (IAB Tech Lab, "Transparency and Consent String with Global Vendor
// & CMP List Formats", "TC String Format").
//
// A TC string is segments of base64url (no padding) joined by '.': the core
// string first, then optional segments in any order, each opening with a
// 3-bit SegmentType: 1 DisclosedVendors, 2 AllowedVendors (deprecated with
// global scope in 2021, read and kept apart), 3 PublisherTC. The decoder is
// strict and reads everything before anything is used: a version other than
// 2, a segment of an unknown or repeated type, a field cut short, a vendor
// range outside 1..MaxVendorId, a language or country letter past 'z', a
// restriction type 3 or purpose id outside 1..24, non-zero padding, or a
// string longer than kMaxTcStringBytes is an error naming the field
// ("tc_string.vendorConsents.entries[2].endVendorId: ..."). Memory follows
// the string's length, never a count or id it claims.
//
// The decoder says what the string holds; whether it is still valid under
// the TCF's policies (IsServiceSpecific, TcfPolicyVersion) is the mapping's
// question (tcf_facts.hpp).
//
// Thread-safety: pure function; the values are plain.
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/status.hpp"
#include "consent/cmp/vendor_set.hpp"

namespace confidant::consent::cmp {

// Longer strings are refused before decoding. Real ones are a few hundred
// bytes to a few KiB; publisher restrictions can make them longer.
inline constexpr std::size_t kMaxTcStringBytes = 64 * 1024;

// Purposes are numbered 1..24 and special features 1..12; index 0 of the
// bitsets is number 1, as in the string ("from left to right").
using PurposeBits = std::bitset<24>;
using SpecialFeatureBits = std::bitset<12>;
constexpr bool has(const PurposeBits& bits, int purpose) noexcept {
  return purpose >= 1 && purpose <= 24 && bits[static_cast<std::size_t>(purpose - 1)];
}

enum class RestrictionType : std::uint8_t {
  kNotAllowed = 0,                 // the purpose is flatly not allowed by the publisher
  kRequireConsent = 1,             // a flexible vendor must use consent
  kRequireLegitimateInterest = 2,  // a flexible vendor must use legitimate interest
};

struct PublisherRestriction {
  int purpose_id = 0;  // 1..24
  RestrictionType type = RestrictionType::kNotAllowed;
  VendorSet vendors;
  friend bool operator==(const PublisherRestriction&, const PublisherRestriction&) = default;
};

struct CoreSegment {
  int version = 0;                     // 2
  std::int64_t created = 0;            // deciseconds since 1970 (day-level since 2021)
  std::int64_t last_updated = 0;       // deciseconds since 1970
  int cmp_id = 0;
  int cmp_version = 0;
  int consent_screen = 0;
  std::string consent_language;        // two lower-case ISO 639-1 letters, "en"
  int vendor_list_version = 0;
  int tcf_policy_version = 0;          // 4 for TCF v2.2, 5 since the 2024 policy
  bool is_service_specific = false;
  bool use_non_standard_texts = false;
  SpecialFeatureBits special_feature_opt_ins;
  PurposeBits purposes_consent;
  PurposeBits purposes_li_transparency;
  bool purpose_one_treatment = false;  // true: purpose 1 was not disclosed
  std::string publisher_cc;            // two upper-case ISO 3166-1 letters, "DE"
  VendorSection vendor_consents;
  VendorSection vendor_legitimate_interests;
  std::vector<PublisherRestriction> publisher_restrictions;
  friend bool operator==(const CoreSegment&, const CoreSegment&) = default;
};

// The publisher's own purposes (segment type 3).
struct PublisherTcSegment {
  PurposeBits pub_purposes_consent;
  PurposeBits pub_purposes_li_transparency;
  int num_custom_purposes = 0;             // 0..63
  std::bitset<63> custom_purposes_consent;  // index 0 is custom purpose 1
  std::bitset<63> custom_purposes_li_transparency;
  friend bool operator==(const PublisherTcSegment&, const PublisherTcSegment&) = default;
};

struct TcString {
  CoreSegment core;
  std::optional<VendorSection> disclosed_vendors;  // segment type 1
  std::optional<VendorSection> allowed_vendors;    // segment type 2 (deprecated)
  std::optional<PublisherTcSegment> publisher_tc;  // segment type 3
  friend bool operator==(const TcString&, const TcString&) = default;
};

// Decodes `text`. Errors are kInvalidArgument naming `field` and the part at
// fault ("tc_string.cmpId: truncated ..."), or kUnsupported for a version
// other than 2 ("tc_string.version: 1 ...").
Result<TcString> decode_tc_string(std::string_view text, std::string_view field = "tc_string");

}  // namespace confidant::consent::cmp

#include "consent/cmp/tc_string.hpp"

#include <string>

#include "consent/cmp/bit_reader.hpp"

namespace confidant::consent::cmp {
namespace {

// The fixed fields of one restriction entry before its range entries:
// PurposeId (6), RestrictionType (2), NumEntries (12).
constexpr std::size_t kMinRestrictionBits = 20;

enum SegmentType : std::uint64_t { kCore = 0, kDisclosedVendors = 1, kAllowedVendors = 2, kPublisherTc = 3 };

template <std::size_t N>
Result<std::bitset<N>> read_bits(BitReader& in, std::string_view field) {
  auto value = in.read(field, N);
  if (!value) return value.status();
  std::bitset<N> bits;
  for (std::size_t i = 0; i < N; ++i) bits[i] = ((value.value() >> (N - 1 - i)) & 1u) != 0;
  return bits;
}

// Two letters of six bits each, 0 = 'a' (or 'A') .. 25 = 'z'.
Result<std::string> read_letters(BitReader& in, std::string_view field, char a) {
  auto value = in.read(field, 12);
  if (!value) return value.status();
  std::string out;
  for (const std::uint64_t letter : {value.value() >> 6, value.value() & 63u}) {
    if (letter > 25) {
      return Status::invalid_field(in.name(field),
                                   "letter value " + std::to_string(letter) + " is past 'z' (a=0..z=25)");
    }
    out += static_cast<char>(a + static_cast<char>(letter));
  }
  return out;
}

// Reads an unsigned field into `out`.
template <typename Int>
Status read_into(BitReader& in, std::string_view field, unsigned width, Int& out) {
  auto value = in.read(field, width);
  if (!value) return value.status();
  out = static_cast<Int>(value.value());
  return Status::ok();
}

Status expect_zero_padding(const BitReader& in, std::string_view segment_field) {
  if (in.rest_is_zero()) return Status::ok();
  return Status::invalid_field(segment_field, "non-zero bits after the last field (from bit " +
                                                  std::to_string(in.position()) + " of " +
                                                  std::to_string(in.size()) + ")");
}

Result<std::vector<PublisherRestriction>> read_restrictions(BitReader& in) {
  auto count = in.read("pubRestrictions.numPubRestrictions", 12);
  if (!count) return count.status();
  if (count.value() * kMinRestrictionBits > in.remaining()) {
    return Status::invalid_field(in.name("pubRestrictions.numPubRestrictions"),
                                 "truncated: " + std::to_string(count.value()) + " restrictions need at least " +
                                     std::to_string(count.value() * kMinRestrictionBits) + " bits, " +
                                     std::to_string(in.remaining()) + " remain");
  }
  std::vector<PublisherRestriction> out;
  for (std::size_t i = 0; i < count.value(); ++i) {
    const std::string at = "pubRestrictions[" + std::to_string(i) + "]";
    PublisherRestriction r;
    if (Status st = read_into(in, at + ".purposeId", 6, r.purpose_id); !st) return st;
    if (r.purpose_id < 1 || r.purpose_id > 24) {
      return Status::invalid_field(in.name(at + ".purposeId"), std::to_string(r.purpose_id) + " is outside 1..24");
    }
    auto type = in.read(at + ".restrictionType", 2);
    if (!type) return type.status();
    if (type.value() > 2) {
      return Status::invalid_field(in.name(at + ".restrictionType"), "3 is undefined (0, 1 or 2)");
    }
    r.type = static_cast<RestrictionType>(type.value());
    auto vendors = read_range_entries(in, at, kMaxVendorIdValue);
    if (!vendors) return vendors.status();
    r.vendors = std::move(vendors.value());
    out.push_back(std::move(r));
  }
  return out;
}

Result<CoreSegment> read_core(BitReader& in, std::string_view field) {
  CoreSegment core;
  if (Status st = read_into(in, "version", 6, core.version); !st) return st;
  if (core.version != 2) {
    return Status::unsupported(in.name("version") + ": " + std::to_string(core.version) +
                               " is not supported (only version 2, TCF v2.x)");
  }
  if (Status st = read_into(in, "created", 36, core.created); !st) return st;
  if (Status st = read_into(in, "lastUpdated", 36, core.last_updated); !st) return st;
  if (Status st = read_into(in, "cmpId", 12, core.cmp_id); !st) return st;
  if (Status st = read_into(in, "cmpVersion", 12, core.cmp_version); !st) return st;
  if (Status st = read_into(in, "consentScreen", 6, core.consent_screen); !st) return st;
  auto language = read_letters(in, "consentLanguage", 'a');
  if (!language) return language.status();
  core.consent_language = std::move(language.value());
  if (Status st = read_into(in, "vendorListVersion", 12, core.vendor_list_version); !st) return st;
  if (Status st = read_into(in, "tcfPolicyVersion", 6, core.tcf_policy_version); !st) return st;
  auto flag = in.read_flag("isServiceSpecific");
  if (!flag) return flag.status();
  core.is_service_specific = flag.value();
  flag = in.read_flag("useNonStandardTexts");
  if (!flag) return flag.status();
  core.use_non_standard_texts = flag.value();
  auto features = read_bits<12>(in, "specialFeatureOptIns");
  if (!features) return features.status();
  core.special_feature_opt_ins = features.value();
  auto consent = read_bits<24>(in, "purposesConsent");
  if (!consent) return consent.status();
  core.purposes_consent = consent.value();
  auto li = read_bits<24>(in, "purposesLITransparency");
  if (!li) return li.status();
  core.purposes_li_transparency = li.value();
  flag = in.read_flag("purposeOneTreatment");
  if (!flag) return flag.status();
  core.purpose_one_treatment = flag.value();
  auto country = read_letters(in, "publisherCC", 'A');
  if (!country) return country.status();
  core.publisher_cc = std::move(country.value());
  auto vendors = read_vendor_section(in, "vendorConsents");
  if (!vendors) return vendors.status();
  core.vendor_consents = std::move(vendors.value());
  vendors = read_vendor_section(in, "vendorLegitimateInterests");
  if (!vendors) return vendors.status();
  core.vendor_legitimate_interests = std::move(vendors.value());
  auto restrictions = read_restrictions(in);
  if (!restrictions) return restrictions.status();
  core.publisher_restrictions = std::move(restrictions.value());
  if (Status st = expect_zero_padding(in, field); !st) return st;
  return core;
}

Result<PublisherTcSegment> read_publisher_tc(BitReader& in, std::string_view field) {
  PublisherTcSegment out;
  auto consent = read_bits<24>(in, "pubPurposesConsent");
  if (!consent) return consent.status();
  out.pub_purposes_consent = consent.value();
  auto li = read_bits<24>(in, "pubPurposesLITransparency");
  if (!li) return li.status();
  out.pub_purposes_li_transparency = li.value();
  if (Status st = read_into(in, "numCustomPurposes", 6, out.num_custom_purposes); !st) return st;
  for (int pass = 0; pass < 2; ++pass) {
    std::bitset<63>& bits = pass == 0 ? out.custom_purposes_consent : out.custom_purposes_li_transparency;
    const char* name = pass == 0 ? "customPurposesConsent" : "customPurposesLITransparency";
    for (int i = 0; i < out.num_custom_purposes; ++i) {
      auto bit = in.read_flag(name);
      if (!bit) return bit.status();
      bits[static_cast<std::size_t>(i)] = bit.value();
    }
  }
  if (Status st = expect_zero_padding(in, field); !st) return st;
  return out;
}

}  // namespace

Result<TcString> decode_tc_string(std::string_view text, std::string_view field) {
  const std::string root(field);
  if (text.empty()) return Status::invalid_field(root, "empty");
  if (text.size() > kMaxTcStringBytes) {
    return Status::invalid_field(root, std::to_string(text.size()) + " bytes, more than the " +
                                           std::to_string(kMaxTcStringBytes) + " allowed");
  }
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    segments.push_back(text.substr(start, dot == std::string_view::npos ? text.npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string at = root + ".segments[" + std::to_string(i) + "]";
    if (segments[i].empty()) return Status::invalid_field(at, "empty");
    if (Status st = check_base64url(at, segments[i]); !st) return st;
  }

  TcString out;
  BitReader core_reader(segments[0], root + ".");
  auto core = read_core(core_reader, root);
  if (!core) return core.status();
  out.core = std::move(core.value());

  for (std::size_t i = 1; i < segments.size(); ++i) {
    const std::string at = root + ".segments[" + std::to_string(i) + "]";
    BitReader probe(segments[i], at + ".");
    auto type = probe.read("segmentType", 3);
    if (!type) return type.status();
    const auto seen = [&](bool present) -> Status {
      if (!present) return Status::ok();
      return Status::invalid_field(at + ".segmentType", std::to_string(type.value()) + " appears twice");
    };
    switch (type.value()) {
      case kDisclosedVendors:
      case kAllowedVendors: {
        const bool disclosed = type.value() == kDisclosedVendors;
        std::optional<VendorSection>& slot = disclosed ? out.disclosed_vendors : out.allowed_vendors;
        if (Status st = seen(slot.has_value()); !st) return st;
        const std::string name = disclosed ? "disclosedVendors" : "allowedVendors";
        BitReader in(segments[i], root + ".");
        (void)in.read(name + ".segmentType", 3);  // read by the probe already
        auto section = read_vendor_section(in, name);
        if (!section) return section.status();
        if (Status st = expect_zero_padding(in, root + "." + name); !st) return st;
        slot = std::move(section.value());
        break;
      }
      case kPublisherTc: {
        if (Status st = seen(out.publisher_tc.has_value()); !st) return st;
        const std::string name = root + ".publisherTC";
        BitReader in(segments[i], name + ".");
        (void)in.read("segmentType", 3);  // read by the probe already
        auto publisher = read_publisher_tc(in, name);
        if (!publisher) return publisher.status();
        out.publisher_tc = publisher.value();
        break;
      }
      case kCore:
        return Status::invalid_field(at + ".segmentType", "0 (core) may only be the first segment");
      default:
        return Status::invalid_field(at + ".segmentType",
                                     std::to_string(type.value()) + " is not a TC string segment (1, 2 or 3)");
    }
  }
  return out;
}

}  // namespace confidant::consent::cmp

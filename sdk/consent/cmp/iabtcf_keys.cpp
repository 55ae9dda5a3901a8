#include "consent/cmp/iabtcf_keys.hpp"

#include <charconv>
#include <cstdint>
#include <string_view>

#include "common/json_fields.hpp"
#include "common/quote.hpp"
#include "consent/cmp/tc_string.hpp"
#include "consent/cmp/vendor_set.hpp"

namespace confidant::consent::cmp {
namespace {

constexpr std::string_view kPrefix = "IABTCF_";
constexpr std::string_view kRestrictionsPrefix = "IABTCF_PublisherRestrictions";

Result<int> number(const std::string& key, const std::string& value, int max) {
  int out = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (value.empty() || value.size() > 9 || error != std::errc() || end != value.data() + value.size() ||
      value[0] == '-' || value[0] == '+') {
    return Status::invalid_field(key, "expected a decimal number, got " + text::quoted(value));
  }
  if (out > max) return Status::invalid_field(key, std::to_string(out) + " is outside 0.." + std::to_string(max));
  return out;
}

Status binary(const std::string& key, const std::string& value, std::size_t max_length, std::string_view digits = "01") {
  if (value.size() > max_length) {
    return Status::invalid_field(key, std::to_string(value.size()) + " positions, more than the " +
                                          std::to_string(max_length) + " ids there are");
  }
  const std::size_t bad = value.find_first_not_of(digits);
  if (bad != std::string::npos) {
    return Status::invalid_field(key, "character " + text::quoted(value.substr(bad, 1)) + " at position " +
                                          std::to_string(bad) + " (expected only '" + std::string(digits) + "')");
  }
  return Status::ok();
}

Result<bool> zero_or_one(const std::string& key, const std::string& value) {
  auto n = number(key, value, 1);
  if (!n) return n.status();
  return n.value() == 1;
}

// IABTCF_PublisherRestrictions<purpose>: the purpose id, or an error. The
// key is the caller's text past the prefix, so the error quotes it.
Result<int> restriction_purpose(const std::string& key) {
  const std::string digits = key.substr(kRestrictionsPrefix.size());
  auto id = number(std::string(kRestrictionsPrefix), digits, 24);
  if (!id || id.value() < 1) {
    return Status::invalid_field(json::field_label(key), "expected a purpose id 1..24 after IABTCF_PublisherRestrictions");
  }
  return id.value();
}

}  // namespace

bool bit_at(const std::string& bits, std::uint32_t id) noexcept {
  return id >= 1 && id <= bits.size() && bits[id - 1] == '1';
}

Result<IabtcfValues> read_iabtcf(const std::map<std::string, std::string>& keys) {
  IabtcfValues out;
  for (const auto& [key, value] : keys) {
    if (key.compare(0, kPrefix.size(), kPrefix) != 0) {
      return Status::invalid_field("iabtcf", text::quoted(key) + " is not an IABTCF_ key");
    }
    if (value.size() > kMaxTcStringBytes) {
      return Status::invalid_field(json::field_label(key), std::to_string(value.size()) + " bytes, more than the " +
                                            std::to_string(kMaxTcStringBytes) + " allowed");
    }
    Status st;
    if (key == "IABTCF_gdprApplies") {
      auto applies = zero_or_one(key, value);
      if (!applies) return applies.status();
      out.gdpr_applies = applies.value();
    } else if (key == kTcStringKey) {
      if (!value.empty()) out.tc_string = value;
    } else if (key == "IABTCF_PolicyVersion") {
      auto n = number(key, value, 63);  // 6 bits in the TC string
      if (!n) return n.status();
      out.policy_version = n.value();
    } else if (key == "IABTCF_CmpSdkID" || key == "IABTCF_CmpSdkVersion") {
      auto n = number(key, value, 4095);  // 12 bits in the TC string
      if (!n) return n.status();
      (key == "IABTCF_CmpSdkID" ? out.cmp_sdk_id : out.cmp_sdk_version) = n.value();
    } else if (key == "IABTCF_PurposeOneTreatment" || key == "IABTCF_UseNonStandardTexts") {
      auto flag = zero_or_one(key, value);
      if (!flag) return flag.status();
    } else if (key == "IABTCF_PublisherCC") {
      if (value.size() != 2 || value[0] < 'A' || value[0] > 'Z' || value[1] < 'A' || value[1] > 'Z') {
        return Status::invalid_field(key, "expected two letters A-Z, got " + text::quoted(value));
      }
    } else if (key == "IABTCF_PurposeConsents" || key == "IABTCF_PublisherConsent" ||
               key == "IABTCF_PurposeLegitimateInterests" || key == "IABTCF_PublisherLegitimateInterests") {
      if (st = binary(key, value, 24); !st) return st;
      if (key == "IABTCF_PurposeConsents") out.purpose_consents = value;
      if (key == "IABTCF_PublisherConsent") out.publisher_consent = value;
    } else if (key == "IABTCF_SpecialFeaturesOptIns") {
      if (st = binary(key, value, 12); !st) return st;
      out.special_features = value;
    } else if (key == "IABTCF_PublisherCustomPurposesConsents" ||
               key == "IABTCF_PublisherCustomPurposesLegitimateInterests") {
      if (st = binary(key, value, 63); !st) return st;
    } else if (key == "IABTCF_VendorConsents" || key == "IABTCF_VendorLegitimateInterests" ||
               key == "IABTCF_DisclosedVendors") {
      if (st = binary(key, value, kMaxVendorIdValue); !st) return st;
      if (key == "IABTCF_VendorConsents") out.vendor_consents = value;
    } else if (key.compare(0, kRestrictionsPrefix.size(), kRestrictionsPrefix) == 0) {
      auto purpose = restriction_purpose(key);
      if (!purpose) return purpose.status();
      if (st = binary(key, value, kMaxVendorIdValue, "012"); !st) return st;
      out.publisher_restrictions[purpose.value()] = value;
    }
    // Any other IABTCF_ key (IABTCF_AddtlConsent, keys of later versions) says
    // nothing the mapping reads.
  }
  return out;
}

}  // namespace confidant::consent::cmp

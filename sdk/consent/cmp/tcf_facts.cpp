#include "consent/cmp/tcf_facts.hpp"

#include <string_view>

#include "consent/canonical_field.hpp"
#include "consent/cmp/iabtcf_keys.hpp"

namespace confidant::consent::cmp {
namespace {

template <std::size_t N>
std::string as_binary(const std::bitset<N>& bits) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) out += bits[i] ? '1' : '0';
  return out;
}

// Whether binary string `key` (when given) says the same as `bits`.
template <std::size_t N>
Status agree(std::string_view key, const std::optional<std::string>& given, const std::bitset<N>& bits,
             std::string_view field) {
  if (!given) return Status::ok();
  for (std::size_t i = 0; i < N; ++i) {
    if (bit_at(*given, static_cast<std::uint32_t>(i + 1)) != bits[i]) {
      return Status::invalid_field(key, "disagrees with IABTCF_TCString's " + std::string(field) + " at id " +
                                            std::to_string(i + 1) + " (" + as_binary(bits) + ")");
    }
  }
  if (given->size() > N && given->find('1', N) != std::string::npos) {
    return Status::invalid_field(key, "sets an id past " + std::to_string(N) + ", which IABTCF_TCString cannot");
  }
  return Status::ok();
}

Status check_policy(std::string_view field, int version) {
  if (version >= kMinPolicyVersion) return Status::ok();
  return Status::invalid_field(field, std::to_string(version) +
                                          ": strings before TCF v2.2 (policy version 4) are invalid since 2023-09-30");
}

// Purposes the vendor may not process on consent: restriction 0 (not
// allowed) or 2 (legitimate interest required) for it.
PurposeBits restricted_for(const CoreSegment& core, std::uint32_t vendor_id) {
  PurposeBits out;
  for (const PublisherRestriction& r : core.publisher_restrictions) {
    if (r.type == RestrictionType::kRequireConsent || !r.vendors.contains(vendor_id)) continue;
    out[static_cast<std::size_t>(r.purpose_id - 1)] = true;
  }
  return out;
}

Result<TcfFacts> from_string(const IabtcfValues& keys, std::uint32_t vendor_id) {
  auto decoded = decode_tc_string(*keys.tc_string, kTcStringKey);
  if (!decoded) return decoded.status();
  const TcString& tc = decoded.value();
  const CoreSegment& core = tc.core;
  TcfFacts facts;
  facts.applies = keys.gdpr_applies.value_or(true);
  append_field(facts.state, "gdpr_applies", keys.gdpr_applies ? (*keys.gdpr_applies ? "1" : "0") : "unset");
  append_field(facts.state, kTcStringKey, *keys.tc_string);
  facts.policy_version = core.tcf_policy_version;
  facts.vendor_list_version = core.vendor_list_version;
  facts.cmp_id = core.cmp_id;
  facts.cmp_version = core.cmp_version;
  if (!facts.applies) return facts;

  if (!core.is_service_specific) {
    return Status::invalid_field(std::string(kTcStringKey) + ".isServiceSpecific",
                                 "0 (global scope) is invalid since 2021-09-01");
  }
  if (Status st = check_policy(std::string(kTcStringKey) + ".tcfPolicyVersion", core.tcf_policy_version); !st) {
    return st;
  }
  if (keys.policy_version && *keys.policy_version != core.tcf_policy_version) {
    return Status::invalid_field("IABTCF_PolicyVersion", std::to_string(*keys.policy_version) +
                                                             " disagrees with IABTCF_TCString's tcfPolicyVersion " +
                                                             std::to_string(core.tcf_policy_version));
  }
  if (Status st = agree("IABTCF_PurposeConsents", keys.purpose_consents, core.purposes_consent, "purposesConsent");
      !st) {
    return st;
  }
  if (Status st = agree("IABTCF_SpecialFeaturesOptIns", keys.special_features, core.special_feature_opt_ins,
                        "specialFeatureOptIns");
      !st) {
    return st;
  }
  const PurposeBits publisher = tc.publisher_tc ? tc.publisher_tc->pub_purposes_consent : PurposeBits{};
  if (Status st = agree("IABTCF_PublisherConsent", keys.publisher_consent, publisher, "pubPurposesConsent"); !st) {
    return st;
  }

  facts.consented = core.purposes_consent;
  if (tc.publisher_tc) facts.consented &= tc.publisher_tc->pub_purposes_consent;
  facts.special_features = core.special_feature_opt_ins;
  if (vendor_id != 0) {
    const bool vendor = core.vendor_consents.vendors.contains(vendor_id);
    if (keys.vendor_consents && bit_at(*keys.vendor_consents, vendor_id) != vendor) {
      return Status::invalid_field("IABTCF_VendorConsents", "disagrees with IABTCF_TCString's vendorConsents at vendor " +
                                                                std::to_string(vendor_id));
    }
    if (!vendor) facts.consented.reset();
    facts.consented &= ~restricted_for(core, vendor_id);
  }
  return facts;
}

Result<TcfFacts> from_keys(const IabtcfValues& keys, std::uint32_t vendor_id) {
  TcfFacts facts;
  facts.applies = true;
  if (!keys.policy_version) {
    return Status::invalid_field("IABTCF_PolicyVersion", "missing (needed without IABTCF_TCString)");
  }
  if (Status st = check_policy("IABTCF_PolicyVersion", *keys.policy_version); !st) return st;
  if (!keys.purpose_consents) {
    return Status::invalid_field("IABTCF_PurposeConsents", "missing (needed without IABTCF_TCString)");
  }
  facts.policy_version = *keys.policy_version;
  facts.cmp_id = keys.cmp_sdk_id.value_or(0);
  facts.cmp_version = keys.cmp_sdk_version.value_or(0);
  append_field(facts.state, "gdpr_applies", "1");
  append_field(facts.state, "IABTCF_PolicyVersion", std::to_string(*keys.policy_version));
  append_field(facts.state, "IABTCF_PurposeConsents", *keys.purpose_consents);
  const std::string none;
  append_field(facts.state, "IABTCF_SpecialFeaturesOptIns", keys.special_features.value_or(none));
  append_field(facts.state, "IABTCF_PublisherConsent", keys.publisher_consent ? *keys.publisher_consent : "unset");

  for (std::size_t i = 0; i < facts.consented.size(); ++i) {
    const auto id = static_cast<std::uint32_t>(i + 1);
    facts.consented[i] = bit_at(*keys.purpose_consents, id) &&
                         (!keys.publisher_consent || bit_at(*keys.publisher_consent, id));
  }
  for (std::size_t i = 0; i < facts.special_features.size(); ++i) {
    facts.special_features[i] = keys.special_features && bit_at(*keys.special_features, static_cast<std::uint32_t>(i + 1));
  }
  if (vendor_id != 0) {
    if (!keys.vendor_consents) {
      return Status::invalid_field("IABTCF_VendorConsents", "missing (needed for vendor_id without IABTCF_TCString)");
    }
    const char vendor = bit_at(*keys.vendor_consents, vendor_id) ? '1' : '0';
    append_field(facts.state, "vendor_consent", std::string(1, vendor));
    if (vendor == '0') facts.consented.reset();
    for (const auto& [purpose, types] : keys.publisher_restrictions) {
      const char type = vendor_id <= types.size() ? types[vendor_id - 1] : '1';
      append_field(facts.state, "IABTCF_PublisherRestrictions" + std::to_string(purpose), std::string(1, type));
      if (type == '0' || type == '2') facts.consented[static_cast<std::size_t>(purpose - 1)] = false;
    }
  }
  return facts;
}

}  // namespace

Result<TcfFacts> tcf_facts(const std::map<std::string, std::string>& iabtcf, std::uint32_t vendor_id) {
  auto keys = read_iabtcf(iabtcf);
  if (!keys) return keys.status();
  if (keys->tc_string) return from_string(keys.value(), vendor_id);
  if (!keys->gdpr_applies) {
    return Status::invalid_field("IABTCF_gdprApplies", "unset and no IABTCF_TCString: the CMP has not decided yet");
  }
  if (!*keys->gdpr_applies) {
    TcfFacts facts;  // GDPR does not apply: nothing to read, nothing decided
    append_field(facts.state, "gdpr_applies", "0");
    return facts;
  }
  return from_keys(keys.value(), vendor_id);
}

}  // namespace confidant::consent::cmp

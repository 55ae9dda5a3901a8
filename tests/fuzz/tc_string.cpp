// Consent from a CMP (sdk/consent/cmp/): the TC string decoder, the IABTCF_
// values, Consent Mode, the JSON request of the C ABI and the CLI, and the
// plan they make together.
//
// The first byte picks the mode, the rest is the payload:
//   't'  a TC string: decode_tc_string
//   'p'  IABTCF_ values: "KEY=VALUE" items separated by 0x1e, then (after a
//        0x1f, optional) Consent Mode items "SIGNAL=VALUE" separated by
//        0x1e, and the vendor id from the first two payload bytes: plan_cmp
//   'j'  a CMP request as JSON: cmp_request_from_json, then plan_cmp
//   other bytes: one of the above by byte % 3
//
// Properties:
//   - every failure is a known code (kInvalidArgument, or kUnsupported for a
//     TC string version) with a message naming the field, on one clean line;
//     a decoder failure names "tc_string..." and never reads past the text;
//   - a decoded string satisfies every documented bound (version 2, letters
//     a-z, purpose ids 1..24, restriction types 0..2, vendor sets sorted,
//     disjoint, non-adjacent and inside 1..MaxVendorId), and re-encoding it
//     with the tests' encoder (support/tc_string_builder.hpp, written from
//     the specification apart from the decoder) decodes to the same value;
//   - a plan is deterministic (same input, same hash), has a 64-digit
//     lower-case hex hash, one choice per decided pair in pair order, never
//     grants sensitive, never grants location without a TCF input that
//     grants it, and never carries the TC string in its policy version.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "confidant/cmp.hpp"
#include "consent/cmp/plan.hpp"
#include "consent/cmp/tc_string.hpp"
#include "fuzz_support.hpp"
#include "support/tc_string_builder.hpp"

using namespace confidant;
using namespace confidant::consent::cmp;

namespace {

void check_failure(const Status& status, std::string_view prefix = {}) {
  FUZZ_CHECK_ERROR(status.code(), status.message());
  FUZZ_REQUIRE(status.code() == ErrorCode::kInvalidArgument || status.code() == ErrorCode::kUnsupported,
               status.message());
  if (!prefix.empty()) FUZZ_REQUIRE(status.message().rfind(prefix, 0) == 0, status.message());
}

void check_set(const VendorSet& set, std::uint32_t max_id, const std::string& where) {
  std::uint32_t previous_last = 0;
  std::size_t count = 0;
  for (const VendorRange& r : set.ranges()) {
    FUZZ_REQUIRE(r.first >= 1 && r.first <= r.last && r.last <= max_id, where);
    FUZZ_REQUIRE(previous_last == 0 || r.first > previous_last + 1, where);  // sorted, disjoint, not adjacent
    FUZZ_REQUIRE(set.contains(r.first) && set.contains(r.last) && !set.contains(r.first - 1u), where);
    previous_last = r.last;
    count += static_cast<std::size_t>(r.last - r.first) + 1;
  }
  FUZZ_REQUIRE(count == set.count() && !set.contains(0) && !set.contains(previous_last + 1u), where);
}

std::set<int> ids_of(const VendorSet& set) {
  std::set<int> out;
  for (const VendorRange& r : set.ranges()) {
    for (std::uint32_t id = r.first; id <= r.last; ++id) out.insert(static_cast<int>(id));
  }
  return out;
}

std::vector<testing::RangeEntry> entries_of(const VendorSet& set) {
  std::vector<testing::RangeEntry> out;
  for (const VendorRange& r : set.ranges()) out.push_back({r.first, r.last});
  return out;
}

testing::VendorField field_of(const VendorSection& section) {
  testing::VendorField field;
  field.range = section.range_encoded;
  field.max_vendor_id = section.max_vendor_id;
  if (section.range_encoded) {
    field.entries = entries_of(section.vendors);
  } else {
    field.ids = ids_of(section.vendors);
  }
  return field;
}

template <std::size_t N>
std::set<int> numbers(const std::bitset<N>& bits) {
  std::set<int> out;
  for (std::size_t i = 0; i < N; ++i) {
    if (bits[i]) out.insert(static_cast<int>(i + 1));
  }
  return out;
}

// The decoded value written again by the tests' encoder (without the
// deprecated AllowedVendors segment, which it does not write).
std::string reencode(const TcString& tc) {
  const CoreSegment& c = tc.core;
  testing::TcBuilder b;
  b.version = c.version;
  b.created = static_cast<std::uint64_t>(c.created);
  b.last_updated = static_cast<std::uint64_t>(c.last_updated);
  b.cmp_id = c.cmp_id;
  b.cmp_version = c.cmp_version;
  b.consent_screen = c.consent_screen;
  b.language = {c.consent_language[0] - 'a', c.consent_language[1] - 'a'};
  b.vendor_list_version = c.vendor_list_version;
  b.policy_version = c.tcf_policy_version;
  b.service_specific = c.is_service_specific;
  b.non_standard_texts = c.use_non_standard_texts;
  b.special_features = numbers(c.special_feature_opt_ins);
  b.purposes = numbers(c.purposes_consent);
  b.purposes_li = numbers(c.purposes_li_transparency);
  b.purpose_one_treatment = c.purpose_one_treatment;
  b.country = {c.publisher_cc[0] - 'A', c.publisher_cc[1] - 'A'};
  b.vendor_consents = field_of(c.vendor_consents);
  b.vendor_li = field_of(c.vendor_legitimate_interests);
  for (const PublisherRestriction& r : c.publisher_restrictions) {
    b.restrictions.push_back({r.purpose_id, static_cast<int>(r.type), entries_of(r.vendors)});
  }
  if (tc.disclosed_vendors) b.disclosed = field_of(*tc.disclosed_vendors);
  if (tc.publisher_tc) {
    const PublisherTcSegment& p = *tc.publisher_tc;
    testing::PublisherTc out;
    out.consent = numbers(p.pub_purposes_consent);
    out.legitimate_interest = numbers(p.pub_purposes_li_transparency);
    out.custom = p.num_custom_purposes;
    out.custom_consent = numbers(p.custom_purposes_consent);
    out.custom_legitimate_interest = numbers(p.custom_purposes_li_transparency);
    b.publisher = out;
  }
  return b.encode();
}

void decode(std::string_view text) {
  const auto decoded = decode_tc_string(text);
  if (!decoded) {
    check_failure(decoded.status(), "tc_string");
    return;
  }
  const TcString& tc = decoded.value();
  const CoreSegment& c = tc.core;
  const std::string shown(text.substr(0, 200));
  FUZZ_REQUIRE(text.size() <= kMaxTcStringBytes, shown);
  FUZZ_REQUIRE(c.version == 2, shown);
  FUZZ_REQUIRE(c.consent_language.size() == 2 && c.publisher_cc.size() == 2, shown);
  for (const char l : c.consent_language) FUZZ_REQUIRE(l >= 'a' && l <= 'z', shown);
  for (const char l : c.publisher_cc) FUZZ_REQUIRE(l >= 'A' && l <= 'Z', shown);
  FUZZ_REQUIRE(c.created >= 0 && c.created < (std::int64_t{1} << 36), shown);
  check_set(c.vendor_consents.vendors, c.vendor_consents.max_vendor_id, "vendorConsents " + shown);
  check_set(c.vendor_legitimate_interests.vendors, c.vendor_legitimate_interests.max_vendor_id, "vendorLI " + shown);
  for (const PublisherRestriction& r : c.publisher_restrictions) {
    FUZZ_REQUIRE(r.purpose_id >= 1 && r.purpose_id <= 24, shown);
    FUZZ_REQUIRE(static_cast<int>(r.type) <= 2, shown);
    check_set(r.vendors, kMaxVendorIdValue, "restriction " + shown);
  }
  if (tc.disclosed_vendors) check_set(tc.disclosed_vendors->vendors, tc.disclosed_vendors->max_vendor_id, shown);
  if (tc.allowed_vendors) check_set(tc.allowed_vendors->vendors, tc.allowed_vendors->max_vendor_id, shown);
  if (tc.publisher_tc) FUZZ_REQUIRE(tc.publisher_tc->num_custom_purposes <= 63, shown);

  TcString expected = tc;
  expected.allowed_vendors.reset();
  const std::string again = reencode(tc);
  const auto round = decode_tc_string(again);
  FUZZ_REQUIRE(round.is_ok(), again + " | " + round.status().message());
  FUZZ_REQUIRE(round.value() == expected, again);
}

void check_plan(const CmpSignals& signals, const CmpOptions& options) {
  const auto plan = plan_cmp(signals, options);
  if (!plan) {
    check_failure(plan.status());
    return;
  }
  const auto twice = plan_cmp(signals, options);
  FUZZ_REQUIRE(twice.is_ok() && twice->cmp_hash == plan->cmp_hash && twice->choices.size() == plan->choices.size(),
               plan->cmp_hash);
  FUZZ_REQUIRE(plan->cmp_hash.size() == 64 && plan->cmp_hash.find_first_not_of("0123456789abcdef") ==
                                                  std::string::npos,
               plan->cmp_hash);
  FUZZ_REQUIRE(!plan->policy_version.empty() && plan->policy_version.size() <= 256, plan->policy_version);
  const auto tc = signals.iabtcf.find("IABTCF_TCString");
  if (tc != signals.iabtcf.end() && tc->second.size() >= 8) {
    FUZZ_REQUIRE(plan->policy_version.find(tc->second) == std::string::npos, plan->policy_version);
  }
  std::size_t decided = 0;
  for (const consent::DataCategory category : consent::kAllCategories) {
    for (const consent::Use use : consent::kAllUses) {
      const auto& decision = plan->decisions[consent::pair_index(category, use)];
      if (!decision) continue;
      FUZZ_REQUIRE(decided < plan->choices.size(), plan->cmp_hash);
      const consent::Choice& choice = plan->choices[decided++];
      FUZZ_REQUIRE(choice.category == category && choice.use == use && choice.decision == *decision,
                   plan->cmp_hash);
      if (*decision != consent::Decision::kGranted) continue;
      FUZZ_REQUIRE(category != consent::DataCategory::kSensitive, "sensitive granted");
      FUZZ_REQUIRE(category != consent::DataCategory::kLocation || !signals.iabtcf.empty(),
                   "location granted without TCF input");
    }
  }
  FUZZ_REQUIRE(decided == plan->choices.size(), plan->cmp_hash);
}

// "A=1<RS>B=2" into a map (a repeated key keeps its first value).
std::map<std::string, std::string> items(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    const auto [item, rest] = fuzz::split_at(text, '\x1e');
    const auto [key, value] = fuzz::split_at(item, '=');
    out.emplace(std::string(key), std::string(value));
    text = rest;
  }
  return out;
}

void plan_from_items(std::string_view payload) {
  CmpOptions options;
  if (payload.size() >= 2) {
    options.vendor_id = static_cast<std::uint32_t>(static_cast<unsigned char>(payload[0])) << 8 |
                        static_cast<unsigned char>(payload[1]);
    payload.remove_prefix(2);
  }
  const auto [tcf, mode] = fuzz::split_at(payload, '\x1f');
  CmpSignals signals;
  signals.iabtcf = items(tcf);
  signals.consent_mode = items(mode);
  check_plan(signals, options);
}

void plan_from_json(std::string_view payload) {
  const auto request = cmp_request_from_json(payload);
  if (!request) {
    check_failure(request.status());
    return;
  }
  check_plan(request->signals, request->options);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fuzz::Input input = fuzz::split_mode(data, size);
  switch (fuzz::mode_index(input.mode, "tpj")) {
    case 0: decode(input.payload); break;
    case 1: plan_from_items(input.payload); break;
    default: plan_from_json(input.payload); break;
  }
  return 0;
}

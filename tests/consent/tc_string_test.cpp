// The TC string decoder (consent/cmp/tc_string.hpp): the specification's
// published strings, strings built field by field with the test encoder
// (support/tc_string_builder.hpp), and strings that are truncated,
// malformed or hostile, each refused naming the field.
#include <catch2/catch.hpp>

#include <string>

#include "consent/cmp/tc_string.hpp"
#include "support/tc_string_builder.hpp"

namespace {

using namespace confidant::consent::cmp;
using confidant::ErrorCode;
using confidant::Status;
using confidant::testing::BitWriter;
using confidant::testing::PublisherTc;
using confidant::testing::RangeEntry;
using confidant::testing::Restriction;
using confidant::testing::TcBuilder;
using confidant::testing::VendorField;

TcString decode_ok(const std::string& text) {
  auto decoded = decode_tc_string(text);
  INFO(text);
  INFO(decoded.status().to_string());
  REQUIRE(decoded);
  return decoded.value();
}

Status decode_error(const std::string& text) {
  auto decoded = decode_tc_string(text);
  INFO(text);
  REQUIRE_FALSE(decoded);
  return decoded.status();
}

// The error is kInvalidArgument and its message starts with `field`.
void require_refused(const std::string& text, const std::string& field, ErrorCode code = ErrorCode::kInvalidArgument) {
  const Status st = decode_error(text);
  INFO(st.to_string());
  CHECK(st.code() == code);
  CHECK(st.message().rfind(field + ":", 0) == 0);
}

PurposeBits purposes(std::initializer_list<int> ids) {
  PurposeBits out;
  for (const int id : ids) out[static_cast<std::size_t>(id - 1)] = true;
  return out;
}

std::vector<VendorRange> ranges(std::initializer_list<std::pair<int, int>> list) {
  std::vector<VendorRange> out;
  for (const auto& [first, last] : list) out.push_back({static_cast<std::uint16_t>(first), static_cast<std::uint16_t>(last)});
  return out;
}

}  // namespace

// The specification's example strings: IAB Tech Lab, "Transparency and
// Consent String with Global Vendor & CMP List Formats" (file "TCFv2/IAB
// Tech Lab - Consent string and vendor list formats v2.md" of
// InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework),
// section "TC String Format". The specification publishes the strings, not
// their field values: the values below were read from its field table by a
// separate decoder (a short Python script, not this code), and the dates
// checked by hand.

TEST_CASE("The specification's current example: core, DisclosedVendors and PublisherTC") {
  const TcString tc =
      decode_ok("CQSbk4AQSbk4ANwAAAENAwCgAAAAAAAAAAYgACPAAAAA.IDKQA4AAgAKAGQAygAAA.YAAAAAAAAAAA");
  const CoreSegment& c = tc.core;
  CHECK(c.version == 2);
  CHECK(c.created == 17489088000);  // 2025-06-03T00:00:00Z in deciseconds: a day-level timestamp
  CHECK(c.last_updated == c.created);
  CHECK(c.cmp_id == 880);
  CHECK(c.cmp_version == 0);
  CHECK(c.consent_screen == 0);
  CHECK(c.consent_language == "en");
  CHECK(c.vendor_list_version == 48);
  CHECK(c.tcf_policy_version == 2);
  CHECK(c.is_service_specific);
  CHECK_FALSE(c.use_non_standard_texts);
  CHECK(c.special_feature_opt_ins.none());
  CHECK(c.purposes_consent.none());
  CHECK(c.purposes_li_transparency.none());
  CHECK_FALSE(c.purpose_one_treatment);
  CHECK(c.publisher_cc == "DE");
  CHECK(c.vendor_consents.max_vendor_id == 4);
  CHECK_FALSE(c.vendor_consents.range_encoded);
  CHECK(c.vendor_consents.vendors.ranges() == ranges({{1, 4}}));
  CHECK(c.vendor_legitimate_interests.max_vendor_id == 0);
  CHECK(c.vendor_legitimate_interests.vendors.empty());
  CHECK(c.publisher_restrictions.empty());

  REQUIRE(tc.disclosed_vendors);
  CHECK(tc.disclosed_vendors->max_vendor_id == 404);
  CHECK(tc.disclosed_vendors->range_encoded);
  CHECK(tc.disclosed_vendors->vendors.ranges() == ranges({{1, 5}, {100, 100}, {404, 404}}));
  CHECK(tc.disclosed_vendors->vendors.count() == 7);
  CHECK_FALSE(tc.allowed_vendors);
  REQUIRE(tc.publisher_tc);
  CHECK(tc.publisher_tc->pub_purposes_consent.none());
  CHECK(tc.publisher_tc->num_custom_purposes == 0);
}

TEST_CASE("The specification's 2025-02 examples: range-encoded vendors, publisher restrictions, custom purposes") {
  // Section "TC String Format" as revised on 2025-02-20 (commit 1fa3569 of
  // the specification's repository), before the 2.3 edits.
  const TcString small =
      decode_ok("CQNIGUAQNIGUAA4ACAFRBdFgALAAAAEgAAIgKRwBYAFgAbABgAGQCmgOHgpECkYBEQA4AFAAWAEUARAAAAAA");
  CHECK(small.core.created == 17400096000);  // 2025-02-20T00:00:00Z
  CHECK(small.core.cmp_id == 56);
  CHECK(small.core.cmp_version == 2);
  CHECK(small.core.consent_language == "fr");
  CHECK(small.core.vendor_list_version == 93);
  CHECK(small.core.tcf_policy_version == 5);
  CHECK(small.core.purposes_consent == purposes({1, 3, 4}));
  CHECK(small.core.purposes_li_transparency == purposes({8, 11}));
  CHECK(small.core.publisher_cc == "BE");
  CHECK(small.core.vendor_consents.range_encoded);
  CHECK(small.core.vendor_consents.max_vendor_id == 1315);
  CHECK(small.core.vendor_consents.vendors.ranges() ==
        ranges({{11, 13}, {24, 25}, {333, 333}, {903, 903}, {1314, 1315}}));
  CHECK(small.core.vendor_legitimate_interests.max_vendor_id == 136);
  CHECK(small.core.vendor_legitimate_interests.vendors.ranges() == ranges({{10, 11}, {69, 69}, {136, 136}}));
  CHECK_FALSE(small.disclosed_vendors);
  CHECK_FALSE(small.publisher_tc);

  const TcString large = decode_ok(
      "CQNIGUAQNIGUAE1ACADEBbFgAP_gAAAAAAYgKBpV9C7dbWFF8X53aPtkOY0X19BzIsQhBhSBAyAFyBOQ8JQA02E6NASgJiACEAAAoxTBAAFE"
      "HABEAQCAQAAEAADsIAwEgAAIIABEgBEQAAJYAAgKCIggEAAIgAIEEgAAmBiAKdLmXUiAgIACCgCQACABAICAAgMABAAIAAIAAAAAwgAAgA"
      "JgoAIAAAAAARAIAAAAAAAAAAAAIAAAAAAAAAAAgAAAKHQAYAAgoGMgAwABBQMVABgACCgYiADAAEFAw0AGAAIKBhIAMAAQUDLQAYAAgoGUgA"
      "wABBQMlABgACCgZCADAAEFAw.YAAAAAAAA60A");
  CHECK(large.core.cmp_id == 309);
  CHECK(large.core.consent_language == "de");
  CHECK(large.core.vendor_list_version == 91);
  CHECK(large.core.purposes_consent == purposes({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
  CHECK_FALSE(large.core.vendor_consents.range_encoded);
  CHECK(large.core.vendor_consents.max_vendor_id == 1283);
  CHECK(large.core.vendor_consents.vendors.count() == 259);
  CHECK(large.core.vendor_consents.vendors.contains(1));
  CHECK_FALSE(large.core.vendor_consents.vendors.contains(2));
  CHECK(large.core.vendor_consents.vendors.contains(755));
  CHECK(large.core.vendor_consents.vendors.contains(1283));
  REQUIRE(large.core.publisher_restrictions.size() == 10);
  for (const PublisherRestriction& r : large.core.publisher_restrictions) {
    CHECK(r.type == RestrictionType::kRequireConsent);
    CHECK(r.vendors.ranges() == ranges({{1, 1283}}));
  }
  CHECK(large.core.publisher_restrictions.front().purpose_id == 7);
  CHECK(large.core.publisher_restrictions.back().purpose_id == 8);
  REQUIRE(large.publisher_tc);
  CHECK(large.publisher_tc->num_custom_purposes == 7);
  CHECK(large.publisher_tc->custom_purposes_consent.to_ulong() == 0b1011010);  // custom purposes 2, 4, 5, 7
}

TEST_CASE("The specification's TCF v2.0 examples still decode, AllowedVendors segment included") {
  // Section "TC String Format" before 2025: a global-scope string with the
  // deprecated AllowedVendors segment (type 2), and one with a PublisherTC
  // segment. Whether such strings may still be applied is the mapping's
  // question (cmp_mapping_test.cpp): they may not.
  const TcString global = decode_ok(
      "COw4XqLOw4XqLAAAAAENAXCAAAAAAAAAAAAAAAAAAAAA.IFukWSQgAIQwgI0QEByFAAAAeIAACAIgSAAQAIAgEQACEABAAAgAQFAEAIAAAGB"
      "AAgAAAAQAIFAAMCQAAgAAQiRAEQAAAAANAAIAAggAIYQFAAARmggBC3ZCYzU2yIA.QFukWSQgAIQwgI0QEByFAAAAeIAACAIgSAAQAIAgEQA"
      "CEABAAAgAQFAEAIAAAGBAAgAAAAQAIFAAMCQAAgAAQiRAEQAAAAANAAIAAggAIYQFAAARmggBC3ZCYzU2yIA.YAAAAAAAAAAAAAAAAAA");
  CHECK_FALSE(global.core.is_service_specific);
  CHECK(global.core.publisher_cc == "AA");
  REQUIRE(global.disclosed_vendors);
  REQUIRE(global.allowed_vendors);
  CHECK(global.disclosed_vendors->max_vendor_id == 733);
  CHECK(global.allowed_vendors->vendors == global.disclosed_vendors->vendors);
  CHECK(global.disclosed_vendors->vendors.contains(2));
  CHECK_FALSE(global.disclosed_vendors->vendors.contains(3));

  const TcString older = decode_ok(
      "CLcVDxRMWfGmWAVAHCENAXCkAKDAADnAABRgA5mdfCKZuYJez-NQm0TBMYA4oCAAGQYIAAAAAAEAIAEgAA.argAC0gAAAAAAAAAAAA");
  CHECK(older.core.created == 12286442577);
  CHECK(older.core.last_updated == 13262154134);  // decisecond timestamps, from before they became day-level
  CHECK(older.core.cmp_id == 21);
  CHECK(older.core.consent_screen == 2);
  CHECK(older.core.special_feature_opt_ins.to_string() == "000000000010");  // special feature 2 (index 1)
  CHECK(older.core.purposes_consent == purposes({1, 3, 9, 10}));
  CHECK(older.core.purposes_li_transparency == purposes({3, 4, 5, 8, 9, 10}));
  CHECK(older.core.publisher_cc == "KM");
  CHECK(older.core.vendor_consents.vendors.count() == 56);
  CHECK(older.core.vendor_legitimate_interests.vendors.ranges() ==
        ranges({{1, 1}, {9, 9}, {26, 27}, {30, 30}, {36, 37}, {43, 43}, {86, 86}, {97, 97}, {110, 110}, {113, 113}}));
  REQUIRE(older.publisher_tc);
  CHECK(older.publisher_tc->pub_purposes_consent == purposes({2, 4, 6, 8, 9, 10}));
  CHECK(older.publisher_tc->pub_purposes_li_transparency == purposes({2, 4, 5, 7, 10}));
}

TEST_CASE("Every core field reads back as the encoder wrote it") {
  TcBuilder b;
  b.created = 15852468875;
  b.last_updated = (1ULL << 36) - 1;  // the widest field, all ones
  b.cmp_id = 4095;
  b.cmp_version = 1;
  b.consent_screen = 63;
  b.language = {25, 0};  // "za"
  b.vendor_list_version = 4095;
  b.policy_version = 63;
  b.non_standard_texts = true;
  b.special_features = {1, 12};
  b.purposes = {1, 5, 6, 24};
  b.purposes_li = {2, 7};
  b.purpose_one_treatment = true;
  b.country = {25, 25};  // "ZZ"
  const CoreSegment c = decode_ok(b.encode()).core;
  CHECK(c.created == 15852468875);
  CHECK(c.last_updated == (1LL << 36) - 1);
  CHECK(c.cmp_id == 4095);
  CHECK(c.cmp_version == 1);
  CHECK(c.consent_screen == 63);
  CHECK(c.consent_language == "za");
  CHECK(c.vendor_list_version == 4095);
  CHECK(c.tcf_policy_version == 63);
  CHECK(c.is_service_specific);
  CHECK(c.use_non_standard_texts);
  CHECK(c.special_feature_opt_ins[0]);
  CHECK(c.special_feature_opt_ins[11]);
  CHECK(c.special_feature_opt_ins.count() == 2);
  CHECK(c.purposes_consent == purposes({1, 5, 6, 24}));
  CHECK(has(c.purposes_consent, 24));
  CHECK_FALSE(has(c.purposes_consent, 25));
  CHECK(c.purposes_li_transparency == purposes({2, 7}));
  CHECK(c.purpose_one_treatment);
  CHECK(c.publisher_cc == "ZZ");
}

TEST_CASE("Vendor sets read the same from a bit field and from range entries") {
  const std::set<int> ids = {1, 2, 3, 10, 755, 756, 1000};
  TcBuilder bitfield;
  bitfield.vendor_consents.ids = ids;
  TcBuilder range = bitfield;
  range.vendor_consents.range = true;
  const CoreSegment a = decode_ok(bitfield.encode()).core;
  const CoreSegment b = decode_ok(range.encode()).core;
  CHECK_FALSE(a.vendor_consents.range_encoded);
  CHECK(b.vendor_consents.range_encoded);
  CHECK(a.vendor_consents.vendors == b.vendor_consents.vendors);
  CHECK(a.vendor_consents.vendors.ranges() == ranges({{1, 3}, {10, 10}, {755, 756}, {1000, 1000}}));
  for (int id = 0; id <= 1001; ++id) CHECK(a.vendor_consents.vendors.contains(id) == (ids.count(id) != 0));

  // Range entries out of order or overlapping mean the same set.
  TcBuilder messy;
  messy.vendor_consents.range = true;
  messy.vendor_consents.max_vendor_id = 1000;
  messy.vendor_consents.entries = std::vector<RangeEntry>{{755, 756}, {1, 2}, {2, 3}, {1000, 1000}, {10, 10}};
  CHECK(decode_ok(messy.encode()).core.vendor_consents.vendors == a.vendor_consents.vendors);

  // Legitimate interests, likewise.
  TcBuilder li;
  li.vendor_li.ids = {4, 5};
  li.vendor_li.range = true;
  CHECK(decode_ok(li.encode()).core.vendor_legitimate_interests.vendors.ranges() == ranges({{4, 5}}));
}

TEST_CASE("Publisher restrictions, DisclosedVendors and PublisherTC segments, in either order") {
  TcBuilder b;
  b.restrictions = {{3, 0, {{755, 755}}}, {5, 2, {{1, 10}, {20, 20}}}, {1, 1, {}}};
  b.disclosed = VendorField{{5, 755}, true, std::nullopt, std::nullopt};
  b.publisher = PublisherTc{{1, 5, 6}, {7}, 3, {1, 3}, {2}};
  const TcString tc = decode_ok(b.encode());
  REQUIRE(tc.core.publisher_restrictions.size() == 3);
  CHECK(tc.core.publisher_restrictions[0].purpose_id == 3);
  CHECK(tc.core.publisher_restrictions[0].type == RestrictionType::kNotAllowed);
  CHECK(tc.core.publisher_restrictions[0].vendors.ranges() == ranges({{755, 755}}));
  CHECK(tc.core.publisher_restrictions[1].type == RestrictionType::kRequireLegitimateInterest);
  CHECK(tc.core.publisher_restrictions[1].vendors.count() == 11);
  CHECK(tc.core.publisher_restrictions[2].type == RestrictionType::kRequireConsent);
  CHECK(tc.core.publisher_restrictions[2].vendors.empty());
  REQUIRE(tc.disclosed_vendors);
  CHECK(tc.disclosed_vendors->vendors.ranges() == ranges({{5, 5}, {755, 755}}));
  REQUIRE(tc.publisher_tc);
  CHECK(tc.publisher_tc->pub_purposes_consent == purposes({1, 5, 6}));
  CHECK(tc.publisher_tc->pub_purposes_li_transparency == purposes({7}));
  CHECK(tc.publisher_tc->num_custom_purposes == 3);
  CHECK(tc.publisher_tc->custom_purposes_consent.to_ulong() == 0b101);
  CHECK(tc.publisher_tc->custom_purposes_li_transparency.to_ulong() == 0b10);

  const std::string swapped = b.core() + "." + TcBuilder::publisher_segment(*b.publisher) + "." +
                              TcBuilder::disclosed_segment(*b.disclosed);
  CHECK(decode_ok(swapped) == tc);
}

TEST_CASE("Truncation anywhere is refused naming the field that was being read") {
  TcBuilder b;
  b.vendor_consents.ids = {1, 2, 500};
  b.vendor_li.ids = {3};
  b.vendor_li.range = true;
  b.restrictions = {{2, 1, {{1, 2}}}};
  const std::string full = b.core();
  // Every shorter prefix of the core fails cleanly, with an error naming a
  // field of the core (or the cut vendor bit field).
  for (std::size_t length = 1; length < full.size(); ++length) {
    const std::string cut = full.substr(0, length);
    auto decoded = decode_tc_string(cut);
    if (decoded) {
      // A cut that only removes zero padding after NumPubRestrictions' last
      // entry may still hold every field: then it must read the same.
      CHECK(decoded->core == decode_ok(full).core);
      continue;
    }
    INFO(cut << " | " << decoded.status().to_string());
    CHECK(decoded.status().code() == ErrorCode::kInvalidArgument);
    CHECK(decoded.status().message().rfind("tc_string.", 0) == 0);
    CHECK(decoded.status().message().find("truncated") != std::string::npos);
  }
  require_refused(full.substr(0, 2), "tc_string.created");           // bits 6..41
  require_refused(full.substr(0, 27), "tc_string.purposesConsent");  // bits 152..175
  // MaxVendorId and IsRangeEncoding end at bit 230; 500 bits should follow.
  require_refused(full.substr(0, 40), "tc_string.vendorConsents.bitField");
}

TEST_CASE("Hostile sizes are refused before anything is allocated or walked") {
  const TcBuilder b;
  REQUIRE(b.head().size() == 213);
  SECTION("a bit field claiming 65,535 vendors with ten bits behind it") {
    BitWriter w = b.head();
    w.put(65535, 16).flag(false).put(0, 10);
    require_refused(w.base64url(), "tc_string.vendorConsents.bitField");
  }
  SECTION("4,095 range entries announced, one present") {
    BitWriter w = b.head();
    w.put(65535, 16).flag(true).put(4095, 12).flag(true).put(1, 16).put(65535, 16);
    require_refused(w.base64url(), "tc_string.vendorConsents.numEntries");
  }
  SECTION("4,095 publisher restrictions announced, none present") {
    BitWriter w = b.head();
    w.put(0, 16).flag(false).put(0, 16).flag(false).put(4095, 12);
    require_refused(w.base64url(), "tc_string.pubRestrictions.numPubRestrictions");
  }
  SECTION("a restriction announcing 4,095 vendor ranges, none present") {
    BitWriter w = b.head();
    w.put(0, 16).flag(false).put(0, 16).flag(false).put(1, 12).put(2, 6).put(0, 2).put(4095, 12);
    require_refused(w.base64url(), "tc_string.pubRestrictions[0].numEntries");
  }
  SECTION("one range spanning every vendor id costs one range") {
    TcBuilder all = b;
    all.vendor_consents.range = true;
    all.vendor_consents.max_vendor_id = 65535;
    all.vendor_consents.entries = std::vector<RangeEntry>{{1, 65535}};
    const TcString tc = decode_ok(all.encode());
    CHECK(tc.core.vendor_consents.vendors.ranges().size() == 1);
    CHECK(tc.core.vendor_consents.vendors.count() == 65535);
    CHECK(tc.core.vendor_consents.vendors.contains(65535));
  }
  SECTION("a string over the size limit") {
    require_refused(std::string(kMaxTcStringBytes + 1, 'A'), "tc_string");
  }
}

TEST_CASE("Malformed strings are refused naming the field") {
  TcBuilder valid;
  const std::string core = valid.core();

  require_refused("", "tc_string");
  require_refused(core + "=", "tc_string.segments[0]");           // padding
  require_refused(core.substr(0, 10) + "+" + core.substr(11), "tc_string.segments[0]");  // standard base64
  require_refused(core + "..", "tc_string.segments[1]");            // empty segment
  require_refused("." + core, "tc_string.segments[0]");

  TcBuilder v1 = valid;
  v1.version = 1;
  require_refused(v1.core(), "tc_string.version", ErrorCode::kUnsupported);
  TcBuilder v3 = valid;
  v3.version = 3;
  require_refused(v3.core(), "tc_string.version", ErrorCode::kUnsupported);

  TcBuilder language = valid;
  language.language = {4, 26};
  require_refused(language.core(), "tc_string.consentLanguage");
  TcBuilder country = valid;
  country.country = {63, 3};
  require_refused(country.core(), "tc_string.publisherCC");

  TcBuilder past_max = valid;
  past_max.vendor_consents.range = true;
  past_max.vendor_consents.max_vendor_id = 10;
  past_max.vendor_consents.entries = std::vector<RangeEntry>{{5, 11}};
  require_refused(past_max.core(), "tc_string.vendorConsents.entries[0].endVendorId");
  TcBuilder backwards = past_max;
  backwards.vendor_consents.entries = std::vector<RangeEntry>{{1, 1}, {9, 4}};
  require_refused(backwards.core(), "tc_string.vendorConsents.entries[1].endVendorId");
  TcBuilder zero = past_max;
  zero.vendor_consents.entries = std::vector<RangeEntry>{{0, 0}};
  require_refused(zero.core(), "tc_string.vendorConsents.entries[0].startOrOnlyVendorId");
  TcBuilder li_past = valid;
  li_past.vendor_li.range = true;
  li_past.vendor_li.max_vendor_id = 3;
  li_past.vendor_li.entries = std::vector<RangeEntry>{{4, 4}};
  require_refused(li_past.core(), "tc_string.vendorLegitimateInterests.entries[0].startOrOnlyVendorId");

  TcBuilder type3 = valid;
  type3.restrictions = {{2, 3, {{1, 1}}}};
  require_refused(type3.core(), "tc_string.pubRestrictions[0].restrictionType");
  TcBuilder purpose0 = valid;
  purpose0.restrictions = {{1, 1, {}}, {0, 1, {}}};
  require_refused(purpose0.core(), "tc_string.pubRestrictions[1].purposeId");
  TcBuilder purpose25 = valid;
  purpose25.restrictions = {{25, 0, {}}};
  require_refused(purpose25.core(), "tc_string.pubRestrictions[0].purposeId");

  TcBuilder dirty = valid;
  dirty.dirty_padding = true;
  require_refused(dirty.core(), "tc_string");

  // Segments: unknown, repeated, or a second core.
  BitWriter unknown;
  unknown.put(5, 3).put(0, 21);
  require_refused(core + "." + unknown.base64url(), "tc_string.segments[1].segmentType");
  BitWriter second_core;
  second_core.put(0, 3).put(0, 21);
  require_refused(core + "." + second_core.base64url(), "tc_string.segments[1].segmentType");
  const std::string publisher = TcBuilder::publisher_segment(PublisherTc{});
  require_refused(core + "." + publisher + "." + publisher, "tc_string.segments[2].segmentType");
  const std::string disclosed = TcBuilder::disclosed_segment(VendorField{{1}, false, std::nullopt, std::nullopt});
  require_refused(core + "." + disclosed + "." + disclosed, "tc_string.segments[2].segmentType");
  require_refused(core + "." + publisher.substr(0, 3), "tc_string.publisherTC.pubPurposesConsent");
  require_refused(core + "." + disclosed.substr(0, 2), "tc_string.disclosedVendors.maxVendorId");

  // The field name follows the caller's root.
  auto named = decode_tc_string("", "IABTCF_TCString");
  REQUIRE_FALSE(named);
  CHECK(named.status().message().rfind("IABTCF_TCString:", 0) == 0);
}

TEST_CASE("Error messages quote a bad character safely") {
  const Status st = decode_error(std::string("CQ\x01\n\xff"));
  CHECK(st.message().find('\n') == std::string::npos);
  CHECK(st.message().find('\x01') == std::string::npos);
  CHECK(st.message().find("offset 2") != std::string::npos);
}

// The brand config: only a well-formed config signed by the pinned key and
// newer than the installed one is accepted; anything else keeps the last
// good one and says why.
#include <catch2/catch.hpp>

#include "support/brand_fixture.hpp"
#include "support/sdk_harness.hpp"

using namespace sdk_test;
using confidant::testing::cafe_config_json;
using confidant::testing::TestBrand;

namespace {

struct BrandedHarness : Harness {
  TestBrand brand;
  BrandedHarness() : Harness(false) {
    Options o = options();
    o.brand_signing_key = brand.keys.signing_public;
    open(std::move(o));
  }
  std::uint64_t installed_version() {
    auto b = sdk->budget();
    REQUIRE(b);
    return b->config_version;
  }
};

}  // namespace

TEST_CASE("a config signed by the pinned key installs and survives a restart") {
  BrandedHarness h;
  CHECK(h.installed_version() == 0);
  REQUIRE(h.sdk->install_config(h.brand.sign(cafe_config_json(3))));
  CHECK(h.installed_version() == 3);
  // Installing the same bytes again is harmless.
  CHECK(h.sdk->install_config(h.brand.sign(cafe_config_json(3))));
  REQUIRE(h.sdk->close());
  h.sdk.reset();
  Options o = h.options();
  o.brand_signing_key = h.brand.keys.signing_public;
  h.open(std::move(o));
  CHECK(h.installed_version() == 3);
}

TEST_CASE("forged, unsigned, malformed and rolled-back configs are refused, keeping the last good one") {
  BrandedHarness h;
  const std::string good = h.brand.sign(cafe_config_json(5));
  REQUIRE(h.sdk->install_config(good));

  SECTION("signed by another key") {
    TestBrand impostor;
    const Status st = h.sdk->install_config(impostor.sign(cafe_config_json(9)));
    CHECK(st.code() == ErrorCode::kTampered);
    CHECK_THAT(st.message(), Catch::Contains("signature does not verify"));
  }
  SECTION("one byte of the signed bytes altered") {
    for (std::size_t i = 0; i < good.size(); i += 7) {
      std::string altered = h.brand.sign(cafe_config_json(9));
      altered[i] = static_cast<char>(altered[i] ^ 0x01);
      const Status st = h.sdk->install_config(altered);
      INFO("byte " << i << ": " << st.to_string());
      CHECK_FALSE(st);
    }
  }
  SECTION("unsigned") {
    // A SignedConfig whose signature field is empty: field 1 only.
    const std::string newer = h.brand.sign(cafe_config_json(9));
    // Field 1 (config) is the first length-delimited field; keep just it.
    std::size_t length = 0, shift = 0, pos = 1;
    while (static_cast<unsigned char>(newer[pos]) & 0x80) length |= std::size_t(newer[pos++] & 0x7f) << shift, shift += 7;
    length |= std::size_t(newer[pos++]) << shift;
    const std::string unsigned_config = newer.substr(0, pos + length);
    const Status st = h.sdk->install_config(unsigned_config);
    CHECK(st.code() == ErrorCode::kTampered);
    CHECK_THAT(st.message(), Catch::Contains("unsigned"));
  }
  SECTION("malformed and truncated") {
    CHECK(h.sdk->install_config("not a config at all").code() == ErrorCode::kInvalidArgument);
    CHECK_FALSE(h.sdk->install_config(good.substr(0, good.size() / 2)));
    CHECK_FALSE(h.sdk->install_config(""));
  }
  SECTION("an older or equal version is a rollback") {
    const Status older = h.sdk->install_config(h.brand.sign(cafe_config_json(4)));
    CHECK(older.code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(older.message(), Catch::Contains("rollback"));
    CHECK_THAT(h.sdk->install_config(h.brand.sign(cafe_config_json(5, 1.0))).message(), Catch::Contains("rollback"));
  }
  CHECK(h.installed_version() == 5);
}

TEST_CASE("without a pinned key no config can be installed") {
  Harness h;
  TestBrand brand;
  const Status st = h.sdk->install_config(brand.sign(cafe_config_json()));
  CHECK(st.code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(st.message(), Catch::Contains("brand_signing_key"));
}

TEST_CASE("a bad pinned key is refused at open, naming the option") {
  Harness h(false);
  Options o = h.options();
  o.brand_signing_key = "abc";
  auto opened = Sdk::open(std::move(o));
  REQUIRE_FALSE(opened);
  CHECK_THAT(opened.status().message(), Catch::StartsWith("brand_signing_key"));
}

TEST_CASE("the brand tool refuses configs that devices would refuse, naming the field") {
  TestBrand brand;
  const auto refuse = [&](const std::string& json, const std::string& field) {
    auto signed_config = brand::sign_config(json, brand.keys);
    INFO(json);
    REQUIRE_FALSE(signed_config);
    CHECK_THAT(signed_config.status().message(), Catch::Contains(field));
  };
  std::string base = cafe_config_json();
  refuse(R"({"version":1,"bogus":1})", "bogus: unknown key");
  refuse(R"({"version":0,"budget_total_cap":1})", "config.version");
  std::string zero_eps = base;
  zero_eps.replace(zero_eps.find("\"epsilon\":2.000000"), 18, "\"epsilon\":0");
  refuse(zero_eps, "config.metrics[0].epsilon");
  std::string no_cap = base;
  no_cap.replace(no_cap.find("\"budget_total_cap\":16.000000"), 28, "\"budget_total_cap\":0");
  refuse(no_cap, "config.budget_total_cap");
  std::string bad_source = base;
  bad_source.replace(bad_source.find("attribute_value"), 15, "attribute_valu");
  refuse(bad_source, "metrics[1].source");
  std::string duplicate = base;
  duplicate.replace(duplicate.find("\"soy\""), 5, "\"oat\"");
  refuse(duplicate, "metrics[1].domain[2]");
}

TEST_CASE("a config that is not a JSON object is refused naming the config") {
  // Found by the brand_config fuzz target: the message was ": expected an
  // object, got an array", naming nothing (tests/fuzz/brand_config/crash-root-not-object).
  TestBrand brand;
  for (const char* json : {"[1,2]", "7", "\"config\"", "null"}) {
    auto signed_config = brand::sign_config(json, brand.keys);
    INFO(json);
    REQUIRE_FALSE(signed_config);
    CHECK_THAT(signed_config.status().message(), Catch::StartsWith("config: expected an object, got "));
  }
}

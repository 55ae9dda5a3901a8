// The collector's gate: a report is counted only when it opens with the
// brand's key and is exactly a well-formed report for the served config.
#include <catch2/catch.hpp>

#include <random>

#include "confidant/brand.hpp"
#include "confidant_sync.pb.h"
#include "common/hex.hpp"
#include "crypto/sealed_box.hpp"
#include "support/brand_fixture.hpp"
#include "support/files.hpp"

using namespace confidant;
using confidant::testing::cafe_config_json;
using confidant::testing::TestBrand;

namespace {

struct Collector {
  TestBrand brand;
  std::string signed_config = brand.sign(cafe_config_json(7));
  std::unique_ptr<brand::ReportOpener> opener = make_opener();

  std::unique_ptr<brand::ReportOpener> make_opener() const {
    auto made = brand::ReportOpener::create(brand.keys, brand.info(signed_config));
    if (!made) FAIL(made.status().to_string());
    return std::move(made.value());
  }

  proto::SyncReport valid_report() const {
    proto::SyncReport r;
    r.set_format(1);
    r.set_report_id(std::string(16, '\x5a'));
    r.set_config_version(7);
    r.set_metric_id("top_drink");
    r.set_epoch(2968);
    r.set_epsilon(2.0);
    r.set_domain_size(4);
    r.set_bits(std::string(1, '\x05'));
    return r;
  }
  std::string seal(const std::string& bytes, const std::string& public_hex) const {
    const auto key = hex::from_hex(public_hex).value();
    const auto sealed = crypto::seal_to(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
        std::span<const std::uint8_t, 32>(key.data(), 32));
    return std::string(sealed.begin(), sealed.end());
  }
  std::string seal(const proto::SyncReport& r) const { return seal(r.SerializeAsString(), brand.keys.sealing_public); }
};

}  // namespace

TEST_CASE("a valid report opens to its fields") {
  Collector c;
  auto opened = c.opener->open(c.seal(c.valid_report()));
  INFO(opened.status().to_string());
  REQUIRE(opened);
  CHECK(opened->report_id == "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a");
  CHECK(opened->metric_id == "top_drink");
  CHECK(opened->epoch == 2968);
  CHECK(opened->ones == std::vector<std::uint32_t>{0, 2});
}

TEST_CASE("forged, truncated, random and altered reports are rejected") {
  Collector c;
  const std::string good = c.seal(c.valid_report());
  SECTION("sealed to another brand's key") {
    TestBrand other;
    CHECK(c.opener->open(c.seal(c.valid_report().SerializeAsString(), other.keys.sealing_public)).status().code() ==
          ErrorCode::kTampered);
  }
  SECTION("truncated at every length") {
    for (std::size_t n = 0; n < good.size(); ++n) CHECK_FALSE(c.opener->open(good.substr(0, n)));
  }
  SECTION("any single bit flipped") {
    for (std::size_t i = 0; i < good.size(); ++i) {
      std::string altered = good;
      altered[i] = static_cast<char>(altered[i] ^ 0x10);
      CHECK(c.opener->open(altered).status().code() == ErrorCode::kTampered);
    }
  }
  SECTION("random bytes") {
    std::mt19937 rng(3);
    for (int trial = 0; trial < 200; ++trial) {
      std::string noise(static_cast<std::size_t>(rng() % 300), '\0');
      for (char& ch : noise) ch = static_cast<char>(rng());
      CHECK_FALSE(c.opener->open(noise));
    }
  }
}

TEST_CASE("a sealed report that is not exactly a report for this config is rejected, naming the field") {
  Collector c;
  const auto refused = [&](proto::SyncReport r, const std::string& field) {
    auto opened = c.opener->open(c.seal(r));
    REQUIRE_FALSE(opened);
    CHECK(opened.status().code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(opened.status().message(), Catch::Contains(field));
  };
  proto::SyncReport r = c.valid_report();
  r.set_format(2);
  refused(r, "report.format");
  r = c.valid_report();
  r.set_report_id("short");
  refused(r, "report.report_id");
  r = c.valid_report();
  r.set_config_version(6);
  refused(r, "report.config_version");
  r = c.valid_report();
  r.set_metric_id("device_id");
  refused(r, "report.metric_id");
  r = c.valid_report();
  r.set_epsilon(8.0);
  refused(r, "report.epsilon");
  r = c.valid_report();
  r.set_domain_size(5);
  refused(r, "report.domain_size");
  r = c.valid_report();
  r.set_bits(std::string(1, '\x30'));  // bits 4 and 5: past a 4-member domain
  refused(r, "report.bits");
  r = c.valid_report();
  r.set_bits(std::string(2, '\x01'));
  refused(r, "report.bits");
  // An arm belongs to an outcome report of a known experiment only.
  r = c.valid_report();
  r.set_arm(2);
  refused(r, "report.arm");
  r = c.valid_report();
  r.set_experiment_id("plain");
  r.set_arm(2);
  refused(r, "report.experiment_id");

  // A field this collector does not know could carry an identifier.
  std::string with_extra = c.valid_report().SerializeAsString();
  with_extra += std::string("\x5a\x04", 2) + "abcd";  // field 11 (past the arm), length-delimited
  auto opened = c.opener->open(c.seal(with_extra, c.brand.keys.sealing_public));
  REQUIRE_FALSE(opened);
  CHECK_THAT(opened.status().message(), Catch::Contains("unknown fields"));
}

TEST_CASE("a report whose known fields are encoded out of order is refused") {
  // Found by the report_open fuzz target: parse_report compared only the
  // size of the canonical encoding, so the same fields in another order
  // (which can carry bits the device did not mean to send) were accepted
  // (tests/fuzz/report_open/crash-field-order).
  Collector c;
  const std::string canonical = c.valid_report().SerializeAsString();
  REQUIRE(c.opener->open(c.seal(canonical, c.brand.keys.sealing_public)));
  // format (field 1, "\x08\x01") moved from the front to the end: same size.
  REQUIRE(canonical.substr(0, 2) == std::string("\x08\x01", 2));
  const std::string reordered = canonical.substr(2) + canonical.substr(0, 2);
  REQUIRE(reordered.size() == canonical.size());
  auto opened = c.opener->open(c.seal(reordered, c.brand.keys.sealing_public));
  REQUIRE_FALSE(opened);
  CHECK(opened.status().code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(opened.status().message(), Catch::Contains("non-canonical"));
}

TEST_CASE("uploads: reports in, reports out, anything else is refused") {
  const std::vector<std::string> reports = {"one", std::string("t\0o", 3), ""};
  auto split = brand::split_upload(brand::make_upload(reports));
  REQUIRE(split);
  CHECK(split.value() == reports);
  CHECK_FALSE(brand::split_upload("\xff\xff\xff"));
  std::string extra = brand::make_upload(reports) + std::string("\x12\x01x", 3);  // field 2
  CHECK_FALSE(brand::split_upload(extra));
}

TEST_CASE("key files: secrets are 0600 and keys are never overwritten") {
  confidant::testing::TempDir dir("confidant-brand-keys");
  const brand::KeySet keys = brand::generate_keys();
  REQUIRE(brand::write_keys(keys, dir.path() / "k"));
  CHECK((std::filesystem::status(dir.path() / "k" / "signing.key").permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  CHECK((std::filesystem::status(dir.path() / "k" / "sealing.key").permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  CHECK_FALSE(brand::write_keys(brand::generate_keys(), dir.path() / "k"));
  auto read = brand::read_keys(dir.path() / "k");
  REQUIRE(read);
  CHECK(read->signing_secret == keys.signing_secret);
  CHECK(read->sealing_public == keys.sealing_public);
}

// The collector's logic and storage, on SQLite and on a real PostgreSQL
// server (started by the ctest fixture, tests/collector/postgres_fixture.sh).
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "collector.hpp"
#include "support/brand_fixture.hpp"
#include "support/files.hpp"
#include "support/report_factory.hpp"

using namespace confidant;
using collector::Collector;
using confidant::testing::ReportSpec;

namespace {

constexpr std::int64_t kNow = 1795161600000;  // epoch 2968 of a week
const std::uint64_t kEpoch = brand::epoch_of(kNow, 604800);

std::string postgres_conninfo() {
  std::ifstream in(CONFIDANT_PG_STATE "/conninfo");
  std::string line;
  std::getline(in, line);
  return line;
}

// The storage specs every test runs on.
std::vector<std::string> storage_specs(const confidant::testing::TempDir& dir) {
  const std::string pg = postgres_conninfo();
  REQUIRE_FALSE(pg.empty());  // the fixture must have started a server: a missing one fails, never skips
  return {"sqlite:" + (dir.path() / "collector.db").string(), pg};
}

// A fresh database each time: PostgreSQL's is shared by the tests, so its tables are emptied.
void reset_postgres(const std::string& spec) {
  if (spec.rfind("postgresql", 0) != 0) return;
  const std::string cmd = "psql -q \"" + spec + "\" -c 'DROP TABLE IF EXISTS report_ids, metric_groups, metric_bits' >/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
}

struct Fixture {
  confidant::testing::TestBrand brand;
  std::string signed_config = brand.sign(confidant::testing::cafe_config_json(1));
  std::unique_ptr<Collector> collector;

  explicit Fixture(const std::string& spec, std::uint32_t k = 100) {
    reset_postgres(spec);
    auto storage = collector::open_storage(spec);
    INFO(storage.status().to_string());
    REQUIRE(storage);
    auto made = Collector::create(brand.keys, signed_config, std::move(storage.value()), {k, 256 * 1024});
    INFO(made.status().to_string());
    REQUIRE(made);
    collector = std::move(made.value());
  }
  std::string report(ReportSpec spec = {}) {
    if (spec.epoch == 0) spec.epoch = kEpoch;
    return confidant::testing::sealed_report(spec, brand.keys.sealing_public);
  }
  collector::Reply upload(const std::vector<std::string>& sealed, std::int64_t now = kNow) {
    return collector->ingest(brand::make_upload(sealed), now);
  }
};

proto::SyncAck ack_of(const collector::Reply& reply) {
  proto::SyncAck ack;
  REQUIRE(reply.status == 200);
  REQUIRE(ack.ParseFromString(reply.body));
  return ack;
}

}  // namespace

TEST_CASE("valid reports are counted once; replays, stale, future and forged ones are rejected") {
  confidant::testing::TempDir dir("confidant-collector");
  for (const std::string& spec : storage_specs(dir)) {
    INFO("storage " << spec);
    Fixture f(spec);
    const std::string good = f.report();
    proto::SyncAck ack = ack_of(f.upload({good, f.report({.ones = {1, 3}})}));
    CHECK(ack.accepted() == 2);
    CHECK(ack.rejected_size() == 0);

    // The same report again (a replay, or a retry after a lost ack).
    ack = ack_of(f.upload({good}));
    CHECK(ack.accepted() == 0);
    REQUIRE(ack.rejected_size() == 1);
    CHECK(ack.rejected(0).reason() == "duplicate");

    ReportSpec stale;
    stale.epoch = kEpoch - 2;
    ReportSpec previous;
    previous.epoch = kEpoch - 1;
    ReportSpec future;
    future.epoch = kEpoch + 1;
    std::string forged = f.report();
    forged[forged.size() / 2] = static_cast<char>(forged[forged.size() / 2] ^ 1);
    ReportSpec wrong_eps;
    wrong_eps.epsilon = 3;
    ack = ack_of(f.upload({f.report(stale), f.report(previous), f.report(future), forged, f.report(wrong_eps), "junk"}));
    CHECK(ack.accepted() == 1);  // the previous epoch is still welcome
    REQUIRE(ack.rejected_size() == 5);
    CHECK(ack.rejected(0).reason() == "stale_epoch");
    CHECK(ack.rejected(1).reason() == "future_epoch");
    CHECK(ack.rejected(2).reason().rfind("tampered", 0) == 0);
    CHECK_THAT(ack.rejected(3).reason(), Catch::Contains("report.epsilon"));
    CHECK(ack.rejected(4).reason().rfind("tampered", 0) == 0);

    auto stats = f.collector->stats();
    REQUIRE(stats);
    CHECK(stats->accepted == 3);
    CHECK(stats->rejected.at("duplicate") == 1);
    CHECK(stats->rejected.at("stale_epoch") == 1);
    CHECK(stats->rejected.at("tampered") == 2);
  }
}

TEST_CASE("malformed and oversize uploads get a clear 4xx") {
  confidant::testing::TempDir dir("confidant-collector");
  Fixture f("sqlite:" + (dir.path() / "c.db").string());
  CHECK(f.collector->ingest("\xff\xff\xff\xff", kNow).status == 400);
  CHECK(f.collector->ingest("", kNow).status == 400);
  const auto oversize = f.collector->ingest(std::string(256 * 1024 + 1, 'x'), kNow);
  CHECK(oversize.status == 413);
  std::mt19937 rng(11);
  for (int i = 0; i < 300; ++i) {
    std::string noise(rng() % 2000, '\0');
    for (char& c : noise) c = static_cast<char>(rng());
    const int status = f.collector->ingest(noise, kNow).status;
    CHECK((status == 400 || status == 200));
  }
}

TEST_CASE("groups under k are withheld; others publish estimates that contain the truth") {
  confidant::testing::TempDir dir("confidant-collector");
  for (const std::string& spec : storage_specs(dir)) {
    INFO("storage " << spec);
    Fixture f(spec, 100);
    const std::vector<double> truth = {0.5, 0.3, 0.2, 0.0};
    ReportSpec top;
    top.epoch = kEpoch;
    const auto reports = confidant::testing::randomized_reports(truth, 3000, top, f.brand.keys.sealing_public, 5);
    for (std::size_t i = 0; i < reports.size(); i += 50)
      CHECK(ack_of(f.upload({reports.begin() + static_cast<long>(i), reports.begin() + static_cast<long>(std::min(i + 50, reports.size()))})).accepted() == 50);
    ReportSpec milk;
    milk.metric_id = "milk";
    milk.domain_size = 3;
    milk.epoch = kEpoch;
    std::vector<std::string> few;
    for (int i = 0; i < 99; ++i) few.push_back(f.report(milk));
    CHECK(ack_of(f.upload(few)).accepted() == 99);

    auto stats = f.collector->stats();
    REQUIRE(stats);
    REQUIRE(stats->groups.size() == 2);
    const collector::GroupStats& milk_group = stats->groups[0];
    CHECK(milk_group.metric_id == "milk");
    CHECK(milk_group.reports == 99);
    CHECK_FALSE(milk_group.published);
    CHECK(milk_group.buckets.empty());
    const collector::GroupStats& top_group = stats->groups[1];
    CHECK(top_group.published);
    CHECK(top_group.reports == 3000);
    REQUIRE(top_group.buckets.size() == 4);
    for (std::size_t i = 0; i < truth.size(); ++i) {
      const auto& e = top_group.buckets[i].estimate;
      INFO(top_group.buckets[i].value << ": " << e.frequency << " [" << e.low << ", " << e.high << "]");
      CHECK(e.low <= truth[i]);
      CHECK(truth[i] <= e.high);
    }
    const std::string json = collector::stats_to_json(stats.value());
    CHECK_THAT(json, Catch::Contains("\"metric\":\"milk\",\"epoch\":2968,\"reports\":99,\"published\":false"));
  }
}

TEST_CASE("two collectors sharing one PostgreSQL database count each report once") {
  const std::string pg = postgres_conninfo();
  REQUIRE_FALSE(pg.empty());
  Fixture a(pg);  // creates the tables
  auto second_storage = collector::open_storage(pg);
  REQUIRE(second_storage);
  auto b = Collector::create(a.brand.keys, a.signed_config, std::move(second_storage.value()), {100, 256 * 1024});
  REQUIRE(b);
  std::vector<std::string> reports;
  for (int i = 0; i < 200; ++i) reports.push_back(a.report());
  // Both receive every report (a device retrying through the load balancer).
  std::thread other([&] {
    for (const std::string& r : reports) (void)b.value()->ingest(brand::make_upload({r}), kNow);
  });
  for (const std::string& r : reports) (void)a.collector->ingest(brand::make_upload({r}), kNow);
  other.join();
  auto stats = a.collector->stats();
  REQUIRE(stats);
  REQUIRE(stats->groups.size() == 1);
  CHECK(stats->groups[0].reports == 200);
  auto stats_b = b.value()->stats();
  REQUIRE(stats_b);
  CHECK(stats->accepted + stats_b->accepted == 200);
}

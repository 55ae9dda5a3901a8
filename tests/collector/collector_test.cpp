// The collector's logic and storage, on SQLite and on a real PostgreSQL
// server (started by the ctest fixture, tests/collector/postgres_fixture.sh).
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>

#include "collector.hpp"
#include "housekeeping.hpp"
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

// Storage on an empty database.
std::unique_ptr<collector::Storage> fresh_storage(const std::string& spec) {
  reset_postgres(spec);
  auto storage = collector::open_storage(spec);
  INFO(storage.status().to_string());
  REQUIRE(storage);
  return std::move(storage.value());
}

struct Fixture {
  confidant::testing::TestBrand brand;
  std::string signed_config;
  std::unique_ptr<Collector> collector;

  explicit Fixture(const std::string& spec, std::uint32_t k = 100,
                   const std::string& config_json = confidant::testing::cafe_config_json(1))
      : signed_config(brand.sign(config_json)) {
    auto made = Collector::create(brand.keys, signed_config, fresh_storage(spec), {k, 256 * 1024});
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

// Whether a report's id is still stored, seen from another connection to
// the same database: recording it again finds it (recording an unknown id
// stores it, as the collector would).
struct IdProbe {
  std::unique_ptr<collector::Storage> storage;
  std::unique_ptr<brand::ReportOpener> opener;

  IdProbe(Fixture& f, const std::string& spec) {
    auto opened_storage = collector::open_storage(spec);
    REQUIRE(opened_storage);
    storage = std::move(opened_storage.value());
    auto made = brand::ReportOpener::create(f.brand.keys, f.collector->config());
    REQUIRE(made);
    opener = std::move(made.value());
  }
  bool known(const std::string& sealed) {
    auto report = opener->open(sealed);
    REQUIRE(report);
    auto counted = storage->record({report.value()}, kNow);
    REQUIRE(counted);
    return !counted.value()[0];
  }
};

proto::SyncAck ack_of(const collector::Reply& reply) {
  proto::SyncAck ack;
  REQUIRE(reply.status == 200);
  REQUIRE(ack.ParseFromString(reply.body));
  return ack;
}

constexpr std::int64_t kWeekMs = 604800LL * 1000;

// A collector that has accepted one report of the previous epoch and one of
// the current, and a probe of its ids.
struct TwoEpochUploads {
  Fixture f;
  std::string old_report = f.report({.epoch = kEpoch - 1});
  std::string current_report = f.report();
  IdProbe probe;

  explicit TwoEpochUploads(const std::string& spec) : f(spec), probe(f, spec) {
    REQUIRE(ack_of(f.upload({old_report, current_report})).accepted() == 2);
  }
};

}  // namespace

TEST_CASE("valid reports are counted once, replays, stale, future and forged ones are rejected") {
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
    INFO(stats.status().to_string());
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

TEST_CASE("groups under k are withheld, others publish estimates that contain the truth") {
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

TEST_CASE("outcome reports are counted per arm, withheld below k per arm, and give the lift with its interval") {
  std::string config = confidant::testing::cafe_config_json(1);
  config.pop_back();
  config += R"(,"experiments":[{"id":"plain","holdout_share":0.25,"period_seconds":604800,)"
            R"("outcomes":[{"source":"orders","buckets":[0,1,2,3,6],"epsilon":2,"budget_cap":8}]}]})";
  confidant::testing::TempDir dir("confidant-collector");
  for (const std::string& spec : storage_specs(dir)) {
    INFO("storage " << spec);
    Fixture f(spec, 100, config);
    ReportSpec outcome;
    outcome.metric_id = "orders";
    outcome.experiment_id = "plain";
    outcome.domain_size = 5;
    outcome.epoch = kEpoch;
    // True means 2.5 (personalized) and 1.95 (holdout): a lift of 0.55.
    outcome.arm = 1;
    auto reports = confidant::testing::randomized_reports({0.15, 0.20, 0.25, 0.30, 0.10}, 3000, outcome,
                                                          f.brand.keys.sealing_public, 11);
    outcome.arm = 2;
    const auto holdout = confidant::testing::randomized_reports({0.25, 0.25, 0.20, 0.25, 0.05}, 99, outcome,
                                                                f.brand.keys.sealing_public, 12);
    reports.insert(reports.end(), holdout.begin(), holdout.end());
    for (std::size_t i = 0; i < reports.size(); i += 64) {
      const auto end = reports.begin() + static_cast<long>(std::min(i + 64, reports.size()));
      CHECK(ack_of(f.upload({reports.begin() + static_cast<long>(i), end})).accepted() ==
            static_cast<std::uint32_t>(end - reports.begin() - static_cast<long>(i)));
    }
    auto stats = f.collector->stats();
    REQUIRE(stats);
    CHECK(stats->groups.empty());  // outcome groups are not metrics
    REQUIRE(stats->experiments.size() == 1);
    {
      const collector::ExperimentStats& e = stats->experiments[0];
      CHECK(e.id == "plain");
      CHECK(e.outcome == "orders");
      CHECK(e.epoch == kEpoch);
      CHECK(e.personalized.reports == 3000);
      CHECK(e.holdout.reports == 99);
      CHECK_FALSE(e.published);  // the holdout has fewer than k
      const std::string json = collector::stats_to_json(stats.value());
      CHECK_THAT(json, Catch::Contains("\"experiments\":[{\"id\":\"plain\",\"outcome\":\"orders\",\"epoch\":2968,"
                                       "\"published\":false,\"personalized\":{\"reports\":3000},\"holdout\":{\"reports\":99}}]"));
    }
    const auto more = confidant::testing::randomized_reports({0.25, 0.25, 0.20, 0.25, 0.05}, 2901, outcome,
                                                             f.brand.keys.sealing_public, 13);
    for (std::size_t i = 0; i < more.size(); i += 64) {
      const auto end = more.begin() + static_cast<long>(std::min(i + 64, more.size()));
      (void)f.upload({more.begin() + static_cast<long>(i), end});
    }
    stats = f.collector->stats();
    REQUIRE(stats);
    REQUIRE(stats->experiments.size() == 1);
    const collector::ExperimentStats& e = stats->experiments[0];
    CHECK(e.holdout.reports == 3000);
    REQUIRE(e.published);
    INFO("personalized " << e.personalized.estimate.mean << " holdout " << e.holdout.estimate.mean << " lift "
                         << e.lift.difference << " [" << e.lift.low << ", " << e.lift.high << "]");
    CHECK(e.personalized.estimate.low <= 2.5);
    CHECK(2.5 <= e.personalized.estimate.high);
    CHECK(e.holdout.estimate.low <= 1.95);
    CHECK(1.95 <= e.holdout.estimate.high);
    CHECK(e.lift.low <= 0.55);
    CHECK(0.55 <= e.lift.high);
    CHECK(e.lift.low > 0);
    REQUIRE(e.lift.has_ratio);
    CHECK(e.lift.ratio_low <= 2.5 / 1.95);
    CHECK(2.5 / 1.95 <= e.lift.ratio_high);
    const std::string json = collector::stats_to_json(stats.value());
    CHECK_THAT(json, Catch::Contains("\"lift\":{\"difference\":"));
    CHECK_THAT(json, Catch::Contains("\"buckets\":[{\"value\":\"0\","));
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

namespace {

brand::OpenedReport opened(const std::string& id, const std::string& metric, std::uint64_t epoch,
                           std::vector<std::uint32_t> ones) {
  brand::OpenedReport r;
  r.report_id = id;
  r.metric_id = metric;
  r.epoch = epoch;
  r.ones = std::move(ones);
  return r;
}

}  // namespace

TEST_CASE("storage counts each id once and sums reports and bits per group, across uploads") {
  confidant::testing::TempDir dir("confidant-collector");
  for (const std::string& spec : storage_specs(dir)) {
    INFO("storage " << spec);
    auto storage = fresh_storage(spec);
    // Mixed metrics and epochs in one upload, an id twice in it, and ids
    // in no particular order (the storage sorts them for its lock order).
    auto counted = storage->record({opened("cc", "top_drink", 7, {0, 2}), opened("aa", "milk", 7, {1}),
                                    opened("bb", "top_drink", 7, {2}), opened("cc", "top_drink", 7, {0}),
                                    opened("dd", "top_drink", 6, {})},
                                   kNow);
    REQUIRE(counted);
    CHECK(counted.value() == std::vector<bool>{true, true, true, false, true});
    counted = storage->record({opened("bb", "top_drink", 7, {1}), opened("ee", "top_drink", 7, {2, 3})}, kNow);
    REQUIRE(counted);
    CHECK(counted.value() == std::vector<bool>{false, true});

    auto groups = storage->groups();
    REQUIRE(groups);
    REQUIRE(groups->size() == 3);  // ordered by metric, then epoch
    CHECK(groups.value()[0].metric_id == "milk");
    CHECK(groups.value()[0].reports == 1);
    CHECK(groups.value()[0].ones == std::vector<std::uint64_t>{0, 1});
    CHECK(groups.value()[1].metric_id == "top_drink");
    CHECK(groups.value()[1].epoch == 6);
    CHECK(groups.value()[1].reports == 1);
    CHECK(groups.value()[1].ones.empty());
    CHECK(groups.value()[2].epoch == 7);
    CHECK(groups.value()[2].reports == 3);
    CHECK(groups.value()[2].ones == std::vector<std::uint64_t>{1, 0, 3, 1});

    // The counts survive reopening: they are in the database, not the process.
    storage.reset();
    auto reopened = collector::open_storage(spec);
    REQUIRE(reopened);
    auto again = reopened.value()->groups();
    REQUIRE(again);
    CHECK(again->size() == 3);
    auto replay = reopened.value()->record({opened("aa", "milk", 7, {1})}, kNow);
    REQUIRE(replay);
    CHECK(replay.value() == std::vector<bool>{false});
  }
}

TEST_CASE("a PostgreSQL collector reconnects when its connection is cut") {
  const std::string pg = postgres_conninfo();
  REQUIRE_FALSE(pg.empty());
  auto storage = fresh_storage(pg);
  REQUIRE(storage->record({opened("01", "top_drink", 7, {0})}, kNow));
  // What a database restart or failover does to every open session.
  const std::string cut = "psql -q \"" + pg +
                          "\" -c 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()' >/dev/null";
  REQUIRE(std::system(cut.c_str()) == 0);
  auto counted = storage->record({opened("02", "top_drink", 7, {0})}, kNow);
  INFO(counted.status().to_string());
  REQUIRE(counted);
  CHECK(counted.value() == std::vector<bool>{true});
  auto groups = storage->groups();
  REQUIRE(groups);
  REQUIRE(groups->size() == 1);
  CHECK(groups.value()[0].reports == 2);
}

TEST_CASE("collectors starting together on an empty PostgreSQL database all start") {
  const std::string pg = postgres_conninfo();
  REQUIRE_FALSE(pg.empty());
  reset_postgres(pg);
  constexpr int kCollectors = 6;
  std::vector<confidant::Status> opened_status(kCollectors);
  std::vector<std::thread> starting;
  for (int i = 0; i < kCollectors; ++i)
    starting.emplace_back([&, i] { opened_status[i] = collector::open_storage(pg).status(); });
  for (std::thread& t : starting) t.join();
  for (const confidant::Status& st : opened_status) CHECK(st.to_string() == "ok");
}

TEST_CASE("two PostgreSQL collectors given the same reports in opposite orders neither deadlock nor double count") {
  const std::string pg = postgres_conninfo();
  REQUIRE_FALSE(pg.empty());
  auto a = fresh_storage(pg);
  auto b = collector::open_storage(pg);
  REQUIRE(b);
  constexpr int kRounds = 10, kPerUpload = 40;
  std::vector<bool> a_counted, b_counted;
  confidant::Status a_status, b_status;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<brand::OpenedReport> forward;
    for (int i = 0; i < kPerUpload; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "%03d-%03d", round, i);
      // Two metrics so the group rows, too, are met in opposite orders.
      forward.push_back(opened(id, i % 2 ? "milk" : "top_drink", 7, {static_cast<std::uint32_t>(i % 3)}));
    }
    const std::vector<brand::OpenedReport> backward(forward.rbegin(), forward.rend());
    std::thread other([&] {
      auto r = b.value()->record(backward, kNow);
      b_status = r.status();
      if (r) b_counted.insert(b_counted.end(), r->begin(), r->end());
    });
    auto r = a->record(forward, kNow);
    a_status = r.status();
    if (r) a_counted.insert(a_counted.end(), r->begin(), r->end());
    other.join();
    REQUIRE(a_status.to_string() == "ok");
    REQUIRE(b_status.to_string() == "ok");
  }
  const auto counted = [](const std::vector<bool>& v) { return std::count(v.begin(), v.end(), true); };
  CHECK(counted(a_counted) + counted(b_counted) == kRounds * kPerUpload);
  auto groups = a->groups();
  REQUIRE(groups);
  REQUIRE(groups->size() == 2);
  CHECK(groups.value()[0].reports + groups.value()[1].reports == kRounds * kPerUpload);
}

TEST_CASE("ids of epochs that can no longer be fresh are forgotten, a margin epoch kept") {
  confidant::testing::TempDir dir("confidant-collector");
  for (const std::string& spec : storage_specs(dir)) {
    INFO("storage " << spec);
    TwoEpochUploads t(spec);
    // One epoch on: kEpoch - 1 is stale now but kept as the margin.
    t.f.collector->forget_old_ids(kNow + kWeekMs);
    CHECK(t.probe.known(t.old_report));
    // Through the front door: at every time a report is still fresh, after
    // the forgetting that time brings, its replay is a duplicate.
    for (std::uint64_t later = 0; later <= collector::kAcceptedPastEpochs; ++later) {
      const std::int64_t at = kNow + static_cast<std::int64_t>(later) * kWeekMs;
      t.f.collector->forget_old_ids(at);
      const proto::SyncAck replay = ack_of(t.f.upload({t.current_report}, at));
      INFO("epochs later: " << later);
      CHECK(replay.accepted() == 0);
      REQUIRE(replay.rejected_size() == 1);
      CHECK(replay.rejected(0).reason() == "duplicate");
    }
    // Two epochs on: ids before kEpoch go; kEpoch's stay.
    t.f.collector->forget_old_ids(kNow + 2 * kWeekMs);
    CHECK_FALSE(t.probe.known(t.old_report));
    CHECK(t.probe.known(t.current_report));
  }
}

TEST_CASE("housekeeping forgets old ids in a thread of its own, uploads never do") {
  confidant::testing::TempDir dir("confidant-collector");
  for (const std::string& spec : storage_specs(dir)) {
    INFO("storage " << spec);
    TwoEpochUploads t(spec);
    const std::int64_t two_weeks_on = kNow + 2 * kWeekMs;
    // An upload two epochs on (empty, refused) leaves the ids alone.
    CHECK(t.f.collector->ingest("", two_weeks_on).status == 400);
    CHECK(t.probe.known(t.old_report));

    std::atomic<std::int64_t> now{kNow};
    std::atomic<int> runs{0};
    const auto wait_for_runs = [&runs](int n) {
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (runs.load() < n && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      REQUIRE(runs.load() >= n);
    };
    {
      collector::Housekeeping housekeeping(*t.f.collector, std::chrono::milliseconds(1), [&] {
        ++runs;
        return now.load();
      });
      wait_for_runs(1);
      now = two_weeks_on;
      // A run that started after the clock moved has finished once the next one starts.
      wait_for_runs(runs.load() + 2);
    }
    CHECK_FALSE(t.probe.known(t.old_report));
    CHECK(t.probe.known(t.current_report));
  }
}

TEST_CASE("one collector under eight concurrent uploaders counts every report once, on both back ends") {
  confidant::testing::TempDir dir("confidant-collector-concurrent");
  for (const std::string& spec : storage_specs(dir)) {
    INFO(spec);
    Fixture f(spec);
    constexpr int kThreads = 8;
    constexpr int kPerThread = 40;
    std::vector<std::vector<std::string>> uploads(kThreads);
    for (auto& mine : uploads) {
      for (int i = 0; i < kPerThread; ++i) mine.push_back(f.report());
    }
    std::atomic<int> accepted{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        // Each report twice, in batches of two, and one stats read between:
        // replays of one's own and readers race the writers.
        for (int i = 0; i < kPerThread; i += 2) {
          const std::vector<std::string> batch = {uploads[t][i], uploads[t][i + 1]};
          for (int repeat = 0; repeat < 2; ++repeat) {
            const collector::Reply reply = f.upload(batch);
            proto::SyncAck ack;
            if (reply.status != 200 || !ack.ParseFromString(reply.body)) {
              failed.fetch_add(1);
              continue;
            }
            accepted.fetch_add(static_cast<int>(ack.accepted()));
          }
          if (!f.collector->stats()) failed.fetch_add(1);
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(failed.load() == 0);
    CHECK(accepted.load() == kThreads * kPerThread);
    auto stats = f.collector->stats();
    REQUIRE(stats);
    REQUIRE(stats->groups.size() == 1);
    CHECK(stats->groups[0].reports == kThreads * kPerThread);
    CHECK(stats->accepted == static_cast<std::uint64_t>(kThreads * kPerThread));
  }
}

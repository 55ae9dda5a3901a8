// Reports as the collector opens them (samples/collector, include/confidant/
// brand.hpp): an upload body (SyncUpload) split into sealed reports, each
// opened with the brand's sealing key (brand::ReportOpener over
// sync::parse_report / check_report), counted by collector::Collector::ingest
// and answered with a SyncAck the device must be able to read.
//
// The keys are fixed (fuzz_keys.hpp); the served config is the café config
// of the tests (version 7, metrics top_drink and milk, epsilon 2, epoch
// 604800 s), "now" is 2026-11-20T08:00:00Z (epoch 2968).
//
// The first byte picks the mode, the rest is the payload:
//   'p'  a plaintext SyncReport, sealed here to the fixed key (the fuzzer
//        cannot forge a sealed box, so this is how it reaches the checks),
//        then opened
//   'u'  an upload body as it arrives: split, opened, ingested
//   'U'  an upload whose elements are plaintext reports: each is sealed here,
//        then the upload is ingested
//   other bytes: one of the above by byte % 3
//
// Properties:
//   - a report opens only when it is the canonical encoding of its fields
//     (parse_report: "unknown fields or a non-canonical encoding are
//     refused"), and what opens matches the served config (version, metric,
//     epsilon, domain size) with every set bit inside the domain;
//   - an upload that splits is exactly make_upload() of its parts;
//   - ingest answers 413 / 400 / 200 as documented, and a 200's SyncAck
//     accounts for every report exactly once: accepted, or rejected with a
//     reason that says why ("tampered: ...", "invalid: ...", "stale_epoch",
//     "future_epoch", "duplicate" for an id counted before), and it reads
//     back through the device's reader (sync::rejections_of) unchanged;
//   - the collector's stats count exactly the reports it accepted;
//   - every failure is a known non-zero code naming the field on one clean line.
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "collector.hpp"
#include "common/hex.hpp"
#include "confidant/brand.hpp"
#include "confidant_sync.pb.h"
#include "fuzz_keys.hpp"
#include "fuzz_support.hpp"
#include "quiet_protobuf.hpp"
#include "storage.hpp"
#include "sync/oue.hpp"
#include "sync/report.hpp"
#include "sync/wire.hpp"

using namespace confidant;

namespace {

constexpr std::int64_t kNowMs = 1795161600000;  // epoch 2968 of 604800 s
constexpr std::size_t kCollectorLifetime = 2048;  // ingests before a fresh collector (bounded memory)

const char* const kConfigJson =
    R"({"version":7,"brand":"cafe","epoch_seconds":604800,"budget_window_days":30,"budget_total_cap":16,)"
    R"("min_group_size":100,"taxonomy":[{"path":"health","sensitive":true}],)"
    R"("metrics":[{"id":"top_drink","source":"top_category","domain":["drinks/coffee","drinks/tea","food/bakery",)"
    R"("health/pregnancy"],"epsilon":2,"budget_cap":8},{"id":"milk","source":"attribute_value","attribute":"milk",)"
    R"("domain":["oat","dairy","soy"],"epsilon":2,"budget_cap":8}]})";

struct World {
  brand::KeySet keys;
  std::string signed_config;
  brand::ConfigInfo info;
  std::unique_ptr<brand::ReportOpener> opener;
  std::unique_ptr<collector::Collector> collector;
  std::set<std::string> counted_ids;  // what this collector has counted
  std::uint64_t accepted = 0;
  std::size_t ingests = 0;
};

void renew_collector(World& w) {
  auto storage = collector::open_storage("sqlite::memory:");
  if (!storage) fuzz::violated("in-memory storage opens", "renew_collector", storage.status().message());
  auto made = collector::Collector::create(w.keys, w.signed_config, std::move(storage.value()), {});
  if (!made) fuzz::violated("the collector starts", "renew_collector", made.status().message());
  w.collector = std::move(made.value());
  w.counted_ids.clear();
  w.accepted = 0;
  w.ingests = 0;
}

World& world() {
  static World w = [] {
    World made;
    const fuzz::FixedKeys& k = fuzz::fixed_keys();
    made.keys = {k.signing_public_hex, k.signing_secret_hex, k.sealing_public_hex, k.sealing_secret_hex};
    auto signed_config = brand::sign_config(kConfigJson, made.keys);
    if (!signed_config) fuzz::violated("the test config signs", "world", signed_config.status().message());
    made.signed_config = signed_config.value();
    auto info = brand::verify_config(made.signed_config, made.keys.signing_public);
    if (!info) fuzz::violated("the test config verifies", "world", info.status().message());
    made.info = info.value();
    auto opener = brand::ReportOpener::create(made.keys, made.info);
    if (!opener) fuzz::violated("the opener is made", "world", opener.status().message());
    made.opener = std::move(opener.value());
    renew_collector(made);
    return made;
  }();
  return w;
}

void check_failure(const Status& status) { FUZZ_CHECK_ERROR(status.code(), status.message()); }

std::string hex_of(std::string_view bytes) { return hex::to_hex(bytes); }

// What opened matches the served config and the plaintext it came from.
void check_opened(const brand::OpenedReport& opened, const proto::SyncReport& report) {
  const World& w = world();
  const std::string shown = hex_of(report.SerializeAsString());
  FUZZ_REQUIRE(opened.report_id.size() == 32 && opened.report_id == hex_of(report.report_id()), shown);
  FUZZ_REQUIRE(opened.config_version == w.info.version, shown);
  const brand::MetricInfo* metric = nullptr;
  for (const brand::MetricInfo& m : w.info.metrics)
    if (m.id == opened.metric_id) metric = &m;
  FUZZ_REQUIRE(metric != nullptr, shown);
  FUZZ_REQUIRE(opened.epsilon == metric->epsilon, shown);
  FUZZ_REQUIRE(report.domain_size() == metric->domain.size(), shown);
  FUZZ_REQUIRE(report.bits().size() == sync::packed_size(report.domain_size()), shown);
  std::uint32_t previous = 0;
  for (std::size_t i = 0; i < opened.ones.size(); ++i) {
    FUZZ_REQUIRE(opened.ones[i] < metric->domain.size(), shown);
    FUZZ_REQUIRE(i == 0 || opened.ones[i] > previous, shown);
    previous = opened.ones[i];
  }
  std::size_t set_bits = 0;
  for (const char byte : report.bits()) set_bits += static_cast<std::size_t>(__builtin_popcount(static_cast<unsigned char>(byte)));
  FUZZ_REQUIRE(set_bits == opened.ones.size(), shown);
}

// One sealed report through the opener; returns what opened, if anything.
std::optional<brand::OpenedReport> open_sealed(std::string_view sealed) {
  const auto opened = world().opener->open(sealed);
  if (!opened) {
    check_failure(opened.status());
    FUZZ_REQUIRE(opened.status().code() == ErrorCode::kTampered || opened.status().code() == ErrorCode::kInvalidArgument,
                 opened.status().message());
    return std::nullopt;
  }
  return opened.value();
}

void plaintext_report(std::string_view plain) {
  const std::string sealed = fuzz::seal_to_fixed_key(plain);
  const auto opened = world().opener->open(sealed);
  const auto parsed = sync::parse_report(plain);
  if (!parsed) {
    check_failure(parsed.status());
    FUZZ_REQUIRE(!opened.is_ok() && opened.status().message() == parsed.status().message(), opened.status().message());
    return;
  }
  // Only the canonical encoding of the known fields is accepted: the same
  // fields encoded another way could carry bits the device did not mean to send.
  FUZZ_REQUIRE(parsed->SerializeAsString() == plain,
               "parse_report accepted " + hex_of(plain) + ", canonical " + hex_of(parsed->SerializeAsString()));
  if (!opened) {
    check_failure(opened.status());
    FUZZ_REQUIRE(opened.status().code() == ErrorCode::kInvalidArgument, opened.status().message());
    FUZZ_REQUIRE(opened.status().message().rfind("report.", 0) == 0, opened.status().message());
    return;
  }
  check_opened(opened.value(), parsed.value());
}

std::string freshness(std::uint64_t epoch) {
  const std::uint64_t current = brand::epoch_of(kNowMs, world().info.epoch_seconds);
  if (epoch + collector::kAcceptedPastEpochs < current) return "stale_epoch";
  if (epoch > current) return "future_epoch";
  return "";
}

// Ingests a body and checks the answer against what each report should get.
void ingest(std::string_view body) {
  World& w = world();
  if (++w.ingests > kCollectorLifetime) renew_collector(w);
  const collector::Reply reply = w.collector->ingest(body, kNowMs);
  const auto split = brand::split_upload(body);
  if (body.size() > w.collector->options().max_body_bytes) {
    FUZZ_REQUIRE(reply.status == 413, reply.body);
    return;
  }
  if (!split || split->empty()) {
    FUZZ_REQUIRE(reply.status == 400, reply.body);
    return;
  }
  FUZZ_REQUIRE(reply.status == 200, reply.body);
  proto::SyncAck ack;
  FUZZ_REQUIRE(ack.ParseFromString(reply.body), hex_of(reply.body));

  // What each report should get, in upload order.
  const std::vector<std::string>& sealed = split.value();
  std::map<std::uint32_t, std::string> expected;  // index -> reason prefix
  std::uint32_t expected_accepted = 0;
  for (std::uint32_t i = 0; i < sealed.size(); ++i) {
    const auto opened = w.opener->open(sealed[i]);
    if (!opened) {
      expected[i] = opened.status().code() == ErrorCode::kTampered ? "tampered: " : "invalid: ";
      continue;
    }
    if (std::string problem = freshness(opened->epoch); !problem.empty()) {
      expected[i] = problem;
      continue;
    }
    if (!w.counted_ids.insert(opened->report_id).second) {
      expected[i] = "duplicate";
      continue;
    }
    ++expected_accepted;
  }
  w.accepted += expected_accepted;

  FUZZ_REQUIRE(ack.accepted() == expected_accepted,
               "accepted " + std::to_string(ack.accepted()) + ", expected " + std::to_string(expected_accepted));
  FUZZ_REQUIRE(static_cast<std::size_t>(ack.rejected_size()) == expected.size(),
               std::to_string(ack.rejected_size()) + " rejected, expected " + std::to_string(expected.size()));
  std::set<std::uint32_t> seen;
  for (const proto::RejectedReport& r : ack.rejected()) {
    FUZZ_REQUIRE(seen.insert(r.index()).second, "index " + std::to_string(r.index()) + " rejected twice");
    const auto it = expected.find(r.index());
    FUZZ_REQUIRE(it != expected.end(), "index " + std::to_string(r.index()) + " rejected: " + r.reason());
    FUZZ_REQUIRE(r.reason().rfind(it->second, 0) == 0, r.reason() + " | expected " + it->second);
    FUZZ_REQUIRE(fuzz::is_valid_utf8(r.reason()) && fuzz::is_one_clean_line(r.reason()), r.reason());
  }
  // The device reads the same rejections back.
  const auto device_view = sync::rejections_of(reply.body);
  FUZZ_REQUIRE(device_view.has_value() && device_view->size() == expected.size(), hex_of(reply.body));

  const auto stats = w.collector->stats();
  FUZZ_REQUIRE(stats.is_ok(), stats.status().message());
  std::uint64_t counted = 0;
  for (const collector::GroupStats& group : stats->groups) {
    counted += group.reports;
    FUZZ_REQUIRE(group.published == (group.reports >= stats->k), group.metric_id);
    for (const collector::BucketStats& bucket : group.buckets)
      FUZZ_REQUIRE(std::isfinite(bucket.estimate.count) && std::isfinite(bucket.estimate.frequency), group.metric_id);
  }
  FUZZ_REQUIRE(counted == w.accepted, "stats count " + std::to_string(counted) + ", accepted " + std::to_string(w.accepted));
}

void raw_upload(std::string_view body) {
  const auto split = brand::split_upload(body);
  if (split) {
    FUZZ_REQUIRE(brand::make_upload(split.value()) == body, "split_upload accepted a non-canonical upload " + hex_of(body));
    for (const std::string& sealed : split.value()) (void)open_sealed(sealed);
  } else {
    check_failure(split.status());
  }
  ingest(body);
}

void plaintext_upload(std::string_view body) {
  auto split = brand::split_upload(body);
  std::vector<std::string> plain = split ? std::move(split.value()) : std::vector<std::string>{std::string(body)};
  std::vector<std::string> sealed;
  for (const std::string& report : plain) {
    plaintext_report(report);
    sealed.push_back(fuzz::seal_to_fixed_key(report));
  }
  ingest(brand::make_upload(sealed));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fuzz::Input input = fuzz::split_mode(data, size);
  switch (fuzz::mode_index(input.mode, "puU")) {
    case 0: plaintext_report(input.payload); break;
    case 1: raw_upload(input.payload); break;
    default: plaintext_upload(input.payload); break;
  }
  return 0;
}

#include "collector.hpp"

#include <chrono>
#include <cstdio>

namespace collector {

using confidant::ErrorCode;
using confidant::Result;
using confidant::Status;
namespace brand = confidant::brand;

Collector::Collector(std::string signed_config, std::unique_ptr<brand::ReportOpener> opener,
                     std::unique_ptr<Storage> storage, CollectorOptions options)
    : signed_config_(std::move(signed_config)),
      opener_(std::move(opener)),
      storage_(std::move(storage)),
      options_(options) {}

Result<std::unique_ptr<Collector>> Collector::create(const brand::KeySet& keys, std::string signed_config,
                                                     std::unique_ptr<Storage> storage, CollectorOptions options) {
  auto config = brand::verify_config(signed_config, keys.signing_public);
  if (!config) return config.status();
  auto opener = brand::ReportOpener::create(keys, config.value());
  if (!opener) return opener.status();
  if (options.k == 0) return Status{ErrorCode::kInvalidArgument, "--k: must be at least 1"};
  return std::unique_ptr<Collector>(
      new Collector(std::move(signed_config), std::move(opener.value()), std::move(storage), options));
}

void Collector::count_rejection(const std::string& reason, std::uint64_t n) {
  std::lock_guard lock(rejected_mu_);
  rejected_[reason] += n;
}

std::string Collector::freshness_problem(const brand::OpenedReport& report, std::int64_t now_ms) const {
  const std::uint64_t current = brand::epoch_of(now_ms, config().epoch_seconds);
  if (report.epoch + kAcceptedPastEpochs < current) return "stale_epoch";
  if (report.epoch > current) return "future_epoch";
  return "";
}

void Collector::forget_old_ids(std::int64_t now_ms) {
  const std::uint64_t current = brand::epoch_of(now_ms, config().epoch_seconds);
  if (current < kKeptPastEpochs) return;
  const std::uint64_t keep_from = current - kKeptPastEpochs;
  std::uint64_t done = forgotten_before_.load();
  if (done >= keep_from || !forgotten_before_.compare_exchange_strong(done, keep_from)) return;
  // On failure a later upload tries again; the ids only take space meanwhile.
  if (!storage_->forget_ids_before(keep_from)) forgotten_before_.store(done);
}

Reply Collector::ingest(std::string_view body, std::int64_t now_ms) {
  if (body.size() > options_.max_body_bytes) {
    count_rejection("oversize");
    return {413, "text/plain", "upload larger than " + std::to_string(options_.max_body_bytes) + " bytes\n"};
  }
  auto sealed = brand::split_upload(body);
  if (!sealed || sealed->empty()) {
    count_rejection("malformed_upload");
    return {400, "text/plain", (sealed ? std::string("upload: no reports") : sealed.status().message()) + "\n"};
  }
  std::vector<brand::OpenedReport> fresh;
  std::vector<std::uint32_t> fresh_index;
  std::vector<std::pair<std::uint32_t, std::string>> rejected;
  for (std::uint32_t i = 0; i < sealed->size(); ++i) {
    auto opened = opener_->open(sealed.value()[i]);
    if (!opened) {
      const std::string reason = opened.status().code() == ErrorCode::kTampered ? "tampered" : "invalid";
      count_rejection(reason);
      rejected.emplace_back(i, reason + ": " + opened.status().message());
      continue;
    }
    if (std::string problem = freshness_problem(opened.value(), now_ms); !problem.empty()) {
      count_rejection(problem);
      rejected.emplace_back(i, problem);
      continue;
    }
    fresh.push_back(std::move(opened.value()));
    fresh_index.push_back(i);
  }
  std::uint32_t accepted = 0;
  if (!fresh.empty()) {
    auto counted = storage_->record(fresh, now_ms);
    if (!counted) return {500, "text/plain", "storage: " + counted.status().message() + "\n"};
    for (std::size_t j = 0; j < fresh.size(); ++j) {
      if (counted.value()[j]) {
        ++accepted;
      } else {
        count_rejection("duplicate");
        rejected.emplace_back(fresh_index[j], "duplicate");
      }
    }
  }
  accepted_ += accepted;
  return {200, "application/x-protobuf", brand::make_ack(accepted, rejected)};
}

Result<Stats> Collector::stats() {
  auto groups = storage_->groups();
  if (!groups) return groups.status();
  Stats out;
  out.config_version = config().version;
  out.k = options_.k;
  out.epoch_seconds = config().epoch_seconds;
  out.accepted = accepted_.load();
  {
    std::lock_guard lock(rejected_mu_);
    out.rejected = rejected_;
  }
  for (GroupCounts& g : groups.value()) {
    const brand::MetricInfo* metric = nullptr;
    for (const auto& m : config().metrics)
      if (m.id == g.metric_id) metric = &m;
    if (metric == nullptr) continue;  // a metric of an older config: not this config's to publish
    GroupStats stats{g.metric_id, g.epoch, g.reports, g.reports >= options_.k, {}};
    if (stats.published) {
      g.ones.resize(metric->domain.size(), 0);
      const auto estimates = brand::estimate_frequencies(g.ones, g.reports, metric->epsilon);
      for (std::size_t i = 0; i < estimates.size(); ++i) stats.buckets.push_back({metric->domain[i], estimates[i]});
    }
    out.groups.push_back(std::move(stats));
  }
  out.experiments = experiment_stats(groups.value(), config(), options_.k);
  return out;
}

namespace {

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace

std::string stats_to_json(const Stats& stats) {
  std::string out = "{\"config_version\":" + std::to_string(stats.config_version) + ",\"k\":" + std::to_string(stats.k) +
                    ",\"accepted\":" + std::to_string(stats.accepted) + ",\"rejected\":{";
  bool first = true;
  for (const auto& [reason, count] : stats.rejected) {
    // Appended piece by piece: (first ? "" : ",") + quoted(reason) makes
    // GCC 12 at -O3 report a false -Wrestrict inside libstdc++'s insert.
    if (!first) out += ',';
    out += quoted(reason);
    out += ':';
    out += std::to_string(count);
    first = false;
  }
  out += "},\"groups\":[";
  first = true;
  for (const GroupStats& g : stats.groups) {
    out += std::string(first ? "" : ",") + "{\"metric\":" + quoted(g.metric_id) + ",\"epoch\":" +
           std::to_string(g.epoch) + ",\"reports\":" + std::to_string(g.reports) +
           ",\"published\":" + (g.published ? "true" : "false");
    first = false;
    if (g.published) {
      out += ",\"buckets\":[";
      for (std::size_t i = 0; i < g.buckets.size(); ++i) {
        const auto& b = g.buckets[i];
        out += std::string(i ? "," : "") + "{\"value\":" + quoted(b.value) + ",\"frequency\":" +
               number(b.estimate.frequency) + ",\"low\":" + number(b.estimate.low) + ",\"high\":" +
               number(b.estimate.high) + ",\"count\":" + number(b.estimate.count) + "}";
      }
      out += "]";
    }
    out += "}";
  }
  // epoch_seconds last: an epoch e starts at e * epoch_seconds (Unix time, UTC).
  return out + "],\"experiments\":" + experiments_to_json(stats.experiments) +
         ",\"epoch_seconds\":" + std::to_string(stats.epoch_seconds) + "}";
}

std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace collector

#include "sync/syncer.hpp"

#include <array>
#include <cstdio>
#include <map>

#include "crypto/bytes.hpp"
#include "crypto/sealed_box.hpp"
#include "sync/report.hpp"
#include "sync/wire.hpp"

namespace confidant::sync {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

std::string budget_text(double spent, double cap) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3g of %.3g spent", spent, cap);
  return text;
}

}  // namespace

Result<std::unique_ptr<Syncer>> Syncer::load(store::Store& store, std::optional<std::array<std::uint8_t, 32>> signer,
                                             Uniform uniform) {
  std::unique_ptr<Syncer> syncer(new Syncer(store, signer, std::move(uniform)));
  auto stored = syncer->table_.config();
  if (!stored) return stored.status();
  if (stored.value()) {
    // It was verified when installed; the store is authenticated, so a parse
    // is enough to read it back.
    proto::SignedConfig envelope;
    proto::BrandConfig config;
    if (!envelope.ParseFromString(stored.value()->signed_bytes) || !config.ParseFromString(envelope.config()))
      return Status{ErrorCode::kInternal, "sync_config: the installed config does not parse"};
    syncer->config_ = std::move(config);
  }
  return syncer;
}

Status Syncer::install(std::string_view signed_bytes, std::int64_t now_ms) {
  if (!signer_) return {ErrorCode::kInvalidArgument, "brand_signing_key: not set in Options, no config can be trusted"};
  auto config = verify_config(signed_bytes, *signer_);
  if (!config) return config.status();
  if (config_) {
    if (config->version() == config_->version() && config->SerializeAsString() == config_->SerializeAsString())
      return Status::ok();  // installing the same config again changes nothing
    if (config->version() <= config_->version())
      return {ErrorCode::kInvalidArgument, "config.version: " + std::to_string(config->version()) +
                                               " is not newer than the installed " +
                                               std::to_string(config_->version()) + " (rollback refused)"};
  }
  if (Status st = table_.save_config({config->version(), std::string(signed_bytes)}, now_ms); !st) return st;
  config_ = std::move(config.value());
  return Status::ok();
}

Result<std::optional<std::string>> Syncer::over_budget(std::string_view key, double epsilon, double cap,
                                                      std::int64_t now_ms) {
  const std::int64_t since = now_ms - static_cast<std::int64_t>(config_->budget_window_days()) * kDayMs;
  auto metric_spent = table_.spent_since(since, key);
  if (!metric_spent) return metric_spent.status();
  if (metric_spent.value() + epsilon > cap + 1e-12)
    return std::optional<std::string>("budget: metric " + budget_text(metric_spent.value(), cap));
  auto total_spent = table_.spent_since(since);
  if (!total_spent) return total_spent.status();
  if (total_spent.value() + epsilon > config_->budget_total_cap() + 1e-12)
    return std::optional<std::string>("budget: total " + budget_text(total_spent.value(), config_->budget_total_cap()));
  return std::optional<std::string>();
}

Result<std::string> Syncer::randomized_bits(std::string_view key, std::uint32_t domain_size, double epsilon,
                                            const TrueValue& value, bool dry_run) {
  auto memo = table_.memo(key, value.index);
  if (!memo) return memo.status();
  if (memo.value() && memo.value()->domain_size == domain_size && memo.value()->epsilon == epsilon)
    return memo.value()->bits;
  const std::vector<std::uint8_t> bits = oue_randomize(value.index, domain_size, epsilon, uniform_);
  std::string packed(bits.begin(), bits.end());
  if (!dry_run) {
    if (Status st = table_.save_memo(key, value.index, value.from, {domain_size, epsilon, packed}); !st) return st;
  }
  return packed;
}

Status Syncer::emit(proto::SyncReport& report, const std::string& key, const std::string& decoded, CategoryMask from,
                    std::int64_t now_ms, bool dry_run, Prepared& out) {
  if (dry_run) {
    out.dry_run_reports += decoded + "\n";
    ++out.made;
    return Status::ok();
  }
  const std::string body = report.SerializeAsString();
  const auto& public_key = config_->report_public_key();
  const std::vector<std::uint8_t> sealed = crypto::seal_to(
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(body.data()), body.size()),
      std::span<const std::uint8_t, crypto::kBoxPublicKeyBytes>(
          reinterpret_cast<const std::uint8_t*>(public_key.data()), crypto::kBoxPublicKeyBytes));
  NewReport row{report.report_id(), key, report.epoch(), report.epsilon(), from, now_ms,
                std::string(sealed.begin(), sealed.end()), decoded};
  if (Status st = table_.insert(row); !st) return st;
  ++out.made;
  return Status::ok();
}

Result<Prepared> Syncer::prepare(const profile::ProfileState& profile, const ShareGrants& grants, std::int64_t now_ms,
                                 bool dry_run) {
  if (!config_) return Status{ErrorCode::kInvalidArgument, "config: none installed (install a signed brand config first)"};
  Prepared out;
  const std::uint64_t epoch = epoch_of(now_ms, config_->epoch_seconds());
  for (const proto::Metric& metric : config_->metrics()) {
    auto done = table_.reported(metric.id(), epoch);
    if (!done) return done.status();
    if (done.value()) {
      out.withheld.push_back(metric.id() + ": already reported this epoch");
      continue;
    }
    const std::optional<TrueValue> value = true_value(metric, profile, grants, now_ms);
    if (!value) {
      out.withheld.push_back(metric.id() + ": no share-consented data answers it");
      continue;
    }
    auto budget_refusal = over_budget(metric.id(), metric.epsilon(), metric.budget_cap(), now_ms);
    if (!budget_refusal) return budget_refusal.status();
    if (budget_refusal.value()) {
      out.withheld.push_back(metric.id() + ": " + *budget_refusal.value());
      continue;
    }
    auto bits = randomized_bits(metric.id(), static_cast<std::uint32_t>(metric.domain_size()), metric.epsilon(), *value,
                                dry_run);
    if (!bits) return bits.status();

    proto::SyncReport report =
        new_report(config_->version(), metric.id(), epoch, metric.epsilon(),
                   static_cast<std::uint32_t>(metric.domain_size()), std::move(bits.value()));
    if (Status st = emit(report, metric.id(), report_to_json(report, metric), value->from, now_ms, dry_run, out); !st)
      return st;
  }
  if (Status st = prepare_outcomes(grants, epoch, now_ms, dry_run, out); !st) return st;
  return out;
}

Status Syncer::settle(const PendingReport& report, int attempts, const Verdict& verdict, std::int64_t now_ms) {
  switch (verdict.outcome) {
    case Outcome::kSent: return table_.mark_sent(report.report_id, attempts, now_ms);
    case Outcome::kDrop: return table_.mark_dropped(report.report_id, attempts, now_ms, verdict.error);
    case Outcome::kRetry: return table_.mark_retry(report.report_id, attempts, verdict.next_attempt_ms, verdict.error);
  }
  return Status::ok();
}

Result<Delivered> Syncer::deliver(Transport& transport, const SyncPolicy& policy, std::int64_t now_ms,
                                  std::chrono::steady_clock::time_point deadline) {
  Delivered out;
  if (policy.url.empty()) return out;
  while (std::chrono::steady_clock::now() < deadline) {
    auto due = table_.due(now_ms, kUploadBatch);
    if (!due) return due.status();
    if (due->empty()) break;
    std::vector<std::string> sealed;
    for (const PendingReport& r : due.value()) sealed.push_back(r.sealed);
    HttpRequest request;
    request.url = policy.url;
    request.headers = {{"content-type", "application/x-protobuf"}};
    request.body = make_upload(sealed);
    request.timeout = policy.request_timeout;
    Result<HttpResponse> response = Status{ErrorCode::kInternal, "not sent"};
    try {
      response = transport.send(request);
    } catch (const std::exception& e) {
      response = Status{ErrorCode::kIo, std::string("transport threw: ") + e.what()};
    } catch (...) {
      response = Status{ErrorCode::kIo, "transport threw"};
    }
    // A 2xx settles the upload; the collector's ack may still refuse some
    // reports (e.g. a config version it no longer serves). Those are
    // dropped with its reason, so the ledger never says "sent" for them. A
    // duplicate was counted before: sent.
    std::map<std::uint32_t, std::string> refused;
    const bool delivered = response.is_ok() && response->status >= 200 && response->status < 300;
    if (delivered) {
      if (auto rejections = rejections_of(response->body)) refused = std::move(*rejections);
    }
    // The outcomes of one upload are settled together; counted once committed.
    int sent = 0;
    int dropped = 0;
    const Status settled = store_.transaction([&]() -> Status {
      for (std::uint32_t index = 0; index < due->size(); ++index) {
        const PendingReport& r = due.value()[index];
        Verdict verdict = judge(response, r.attempts + 1, r.created_ms, now_ms, policy, uniform_);
        if (const auto it = refused.find(index); it != refused.end() && it->second != "duplicate") {
          verdict = {Outcome::kDrop, 0, "refused by the collector: " + it->second};
        }
        if (Status st = settle(r, r.attempts + 1, verdict, now_ms); !st) return st;
        sent += verdict.outcome == Outcome::kSent ? 1 : 0;
        dropped += verdict.outcome == Outcome::kDrop ? 1 : 0;
      }
      return Status::ok();
    });
    if (!settled) return settled;
    out.sent += sent;
    out.dropped += dropped;
    if (!delivered) break;  // the collector is unwell: do not hammer it, wait for the backoff
  }
  return out;
}

Status Syncer::leave(std::string_view experiment_id, std::int64_t now_ms) {
  if (!config_ || find_experiment(*config_, experiment_id) == nullptr)
    return Status::invalid_field("experiment", "no experiment \"" + std::string(experiment_id) + "\" in the installed config");
  if (Status st = arms_.leave(experiment_id, now_ms); !st) return st;
  return table_.discard_prefix(std::string(experiment_id) + "/", now_ms);
}

Status Syncer::discard(DataCategory category, std::int64_t now_ms) { return table_.discard(mask_of(category), now_ms); }

Result<Budget> Syncer::budget(std::int64_t now_ms) {
  Budget out;
  if (!config_) return out;
  out.config_version = config_->version();
  out.window_days = static_cast<int>(config_->budget_window_days());
  out.cap = config_->budget_total_cap();
  const std::int64_t since = now_ms - static_cast<std::int64_t>(config_->budget_window_days()) * kDayMs;
  auto total = table_.spent_since(since);
  if (!total) return total.status();
  out.spent = total.value();
  for (const proto::Metric& metric : config_->metrics()) {
    auto spent = table_.spent_since(since, metric.id());
    if (!spent) return spent.status();
    out.metrics.push_back({metric.id(), spent.value(), metric.budget_cap()});
  }
  for (const proto::Experiment& experiment : config_->experiments()) {
    for (const proto::Outcome& outcome : experiment.outcomes()) {
      const std::string key = outcome_key(experiment, outcome);
      auto spent = table_.spent_since(since, key);
      if (!spent) return spent.status();
      out.metrics.push_back({key, spent.value(), outcome.budget_cap()});
    }
  }
  return out;
}

Result<std::string> Syncer::ledger_ndjson() {
  std::string out;
  Status st = table_.for_each_ledger_entry([&](const std::string& line) { out += line + "\n"; });
  if (!st) return st;
  return out;
}

Result<std::string> Syncer::ledger_json_array() {
  std::string out = "[";
  Status st = table_.for_each_ledger_entry([&](const std::string& line) {
    if (out.size() > 1) out += ',';
    out += line;
  });
  if (!st) return st;
  return out + "]";
}

}  // namespace confidant::sync

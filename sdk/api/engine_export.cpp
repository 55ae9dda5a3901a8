// Engine::export_json: everything the SDK keeps about the person, in one
// JSON document (docs/profile.md, "Export").
#include "api/engine.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "consent/receipt.hpp"

namespace confidant::api {

inline constexpr std::string_view kExportFormat = "confidant.export.v1";

Result<std::string> Engine::export_json() {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  const std::int64_t now_ms = now();
  auto receipt = consent::export_receipt(gate_->ledger());
  if (!receipt) return receipt.status();

  std::string out = "{\"format\":";
  json::append_json_string(out, kExportFormat);
  out += ",\"exported_at\":";
  json::append_json_string(out, timefmt::iso8601_utc(now_ms));
  out += ",\"settings\":{\"paused\":";
  out += paused_ ? "true" : "false";
  out += ",\"retention_days\":" + std::to_string(config_.retention_days) + "}";
  // Both are JSON documents written by this SDK: embedded as they are.
  out += ",\"consent\":" + receipt.value();
  out += ",\"profile\":" + to_json(profile_->view(now_ms, paused_));
  out += ",\"ranking\":" + ranker_->export_json();
  out += ",\"signals\":[";
  bool first = true;
  Status st = signals_->for_each_json([&](std::string_view body) {
    if (!first) out += ',';
    first = false;
    out += body;
  });
  if (!st) return st;
  auto shared = syncer_->ledger_json_array();
  if (!shared) return shared.status();
  out += "],\"shared_reports\":" + shared.value() + "}";
  return out;
}

}  // namespace confidant::api

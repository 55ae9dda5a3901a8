#include "consent/receipt.hpp"

#include "common/json.hpp"
#include "common/time.hpp"

namespace confidant::consent {
namespace {

using json::append_json_string;

void append_member(std::string& out, std::string_view key, std::string_view text) {
  append_json_string(out, key);
  out += ':';
  append_json_string(out, text);
}

void append_member(std::string& out, std::string_view key, std::int64_t number) {
  append_json_string(out, key);
  out += ':';
  out += std::to_string(number);
}

}  // namespace

std::string record_json(const ConsentRecord& record) {
  std::string out = "{";
  append_member(out, "seq", record.seq);
  out += ',';
  append_member(out, "category", name(record.category));
  out += ',';
  append_member(out, "use", name(record.use));
  out += ',';
  append_member(out, "decision", name(record.decision));
  out += ',';
  append_member(out, "source", name(record.source));
  out += ',';
  const std::string at = iso8601_utc(record.at_unix_ms);
  if (at.empty()) {
    append_json_string(out, "at");
    out += ":null";
  } else {
    append_member(out, "at", at);
  }
  out += ',';
  append_member(out, "at_unix_ms", record.at_unix_ms);
  out += ',';
  append_member(out, "policy_version", record.policy_version);
  out += ',';
  append_member(out, "text_hash", record.text_hash);
  out += ',';
  append_member(out, "prev_hash", record.prev_hash);
  out += ',';
  append_member(out, "hash", record.hash);
  if (!record.experiment.empty()) {
    out += ',';
    append_member(out, "experiment", record.experiment);
  }
  out += '}';
  return out;
}

std::string receipt_json(std::span<const ConsentRecord> records, const Verification& verification) {
  std::string out = "{";
  append_member(out, "format", kReceiptFormat);
  out += ',';
  append_member(out, "record_format", kRecordFormat);
  out += ',';
  append_member(out, "hash_algorithm", "sha256");

  out += ",\"chain\":{";
  out += verification.ok() ? "\"intact\":true," : "\"intact\":false,";
  append_member(out, "records", verification.records);
  out += ',';
  if (verification.ok()) {
    append_member(out, "head_seq", records.empty() ? 0 : records.back().seq);
    out += ',';
    append_member(out, "head_hash", records.empty() ? std::string(kGenesisHash) : records.back().hash);
  } else {
    append_member(out, "first_bad_seq", verification.first_bad_seq);
    out += ',';
    append_member(out, "problem", verification.problem);
  }
  out += '}';

  StateTable current{};
  current.fill(ConsentState::kUnknown);
  for (const ConsentRecord& record : records) {
    if (!record.experiment.empty()) continue;  // leaving an experiment changes no consent state
    current[pair_index(record.category, record.use)] = state_after(record.decision);
  }
  out += ",\"current\":{";
  for (std::size_t c = 0; c < kAllCategories.size(); ++c) {
    if (c > 0) out += ',';
    append_json_string(out, name(kAllCategories[c]));
    out += ":{";
    for (std::size_t u = 0; u < kAllUses.size(); ++u) {
      if (u > 0) out += ',';
      append_member(out, name(kAllUses[u]), name(current[pair_index(kAllCategories[c], kAllUses[u])]));
    }
    out += '}';
  }
  out += "},\"records\":[";
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i > 0) out += ',';
    out += record_json(records[i]);
  }
  out += "]}";
  return out;
}

Result<std::string> export_receipt(Ledger& ledger) {
  auto verification = ledger.verify();
  if (!verification) return verification.status();
  auto records = ledger.records();
  if (!records) return records.status();
  return receipt_json(records.value(), verification.value());
}

}  // namespace confidant::consent

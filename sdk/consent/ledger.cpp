#include "consent/ledger.hpp"

#include <utility>

#include "common/utf8.hpp"
#include "consent/canonical_field.hpp"
#include "crypto/hash.hpp"

namespace confidant::consent {
namespace {

constexpr std::string_view kSelectRecords =
    "SELECT seq, category, use, decision, source, at_unix_ms, policy_version, text_hash, prev_hash, hash"
    " FROM consent_ledger ORDER BY seq";

// A row as stored, before any parsing: verify() hashes exactly these bytes, so
// a value that no longer parses is still located precisely.
struct RawRow {
  std::int64_t seq = 0;
  std::string category;
  std::string use;
  std::string decision;
  std::string source;
  std::int64_t at_unix_ms = 0;
  std::string policy_version;
  std::string text_hash;
  std::string prev_hash;
  std::string hash;
};

RawRow read_row(const store::Statement& stmt) {
  RawRow row;
  row.seq = stmt.column_int64(0);
  row.category = stmt.column_text(1);
  row.use = stmt.column_text(2);
  row.decision = stmt.column_text(3);
  row.source = stmt.column_text(4);
  row.at_unix_ms = stmt.column_int64(5);
  row.policy_version = stmt.column_text(6);
  row.text_hash = stmt.column_text(7);
  row.prev_hash = stmt.column_text(8);
  row.hash = stmt.column_text(9);
  return row;
}

std::string canonical(const RawRow& row) {
  std::string out(kRecordFormat);
  out += '\n';
  append_field(out, "seq", std::to_string(row.seq));
  append_field(out, "category", row.category);
  append_field(out, "use", row.use);
  append_field(out, "decision", row.decision);
  append_field(out, "source", row.source);
  append_field(out, "at_unix_ms", std::to_string(row.at_unix_ms));
  append_field(out, "policy_version", row.policy_version);
  append_field(out, "text_hash", row.text_hash);
  append_field(out, "prev_hash", row.prev_hash);
  return out;
}

std::string hash_hex(std::string_view bytes) {
  const crypto::Sha256Digest digest = crypto::sha256(bytes);
  return to_hex(digest);
}

RawRow raw_of(const ConsentRecord& record) {
  return {record.seq,
          std::string(name(record.category)),
          std::string(name(record.use)),
          std::string(name(record.decision)),
          std::string(name(record.source)),
          record.at_unix_ms,
          record.policy_version,
          record.text_hash,
          record.prev_hash,
          record.hash};
}

bool is_hex(std::string_view text) {
  for (char c : text) {
    const bool digit = c >= '0' && c <= '9';
    const bool lower = c >= 'a' && c <= 'f';
    const bool upper = c >= 'A' && c <= 'F';
    if (!digit && !lower && !upper) return false;
  }
  return true;
}

bool is_lower_hex(std::string_view text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status validate_text_hash(std::string_view text_hash) {
  if (text_hash.size() < kMinTextHashHexChars || text_hash.size() > kMaxTextHashHexChars ||
      text_hash.size() % 2 != 0) {
    return {ErrorCode::kInvalidArgument, "text_hash: expected an even number of hex digits between " +
                                             std::to_string(kMinTextHashHexChars) + " and " +
                                             std::to_string(kMaxTextHashHexChars) + ", got " +
                                             std::to_string(text_hash.size()) + " characters"};
  }
  if (!is_hex(text_hash)) return {ErrorCode::kInvalidArgument, "text_hash: not hexadecimal"};
  return Status::ok();
}

// Parses a raw row into a record; the error names the field and the seq.
Result<ConsentRecord> parse_row(const RawRow& row) {
  const auto at_seq = [&](const Status& st) {
    return Status{ErrorCode::kTampered, "consent ledger seq " + std::to_string(row.seq) + ": " + st.message()};
  };
  auto category = parse_category(row.category);
  if (!category) return at_seq(category.status());
  auto use = parse_use(row.use);
  if (!use) return at_seq(use.status());
  auto decision = parse_decision(row.decision);
  if (!decision) return at_seq(decision.status());
  auto source = parse_source(row.source);
  if (!source) return at_seq(source.status());
  Provenance provenance{source.value(), row.at_unix_ms, row.policy_version, row.text_hash};
  if (Status st = validate(provenance); !st) return at_seq(st);
  if (row.text_hash != lower(row.text_hash)) return at_seq({ErrorCode::kTampered, "text_hash: not lower-case"});
  if (!is_lower_hex(row.prev_hash, kGenesisHash.size())) {
    return at_seq({ErrorCode::kTampered, "prev_hash: not a lower-case SHA-256 hex digest"});
  }
  if (!is_lower_hex(row.hash, kGenesisHash.size())) {
    return at_seq({ErrorCode::kTampered, "hash: not a lower-case SHA-256 hex digest"});
  }
  return ConsentRecord{row.seq,           category.value(),       use.value(),       decision.value(),
                       source.value(),    row.at_unix_ms,         row.policy_version, row.text_hash,
                       row.prev_hash,     row.hash};
}

bool valid_enum(std::string_view enum_name) { return enum_name != "invalid"; }

}  // namespace

std::int64_t unix_ms(std::chrono::system_clock::time_point time) noexcept {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::string text_hash_of(std::string_view shown_text) { return hash_hex(shown_text); }

Status validate(const Provenance& provenance) {
  if (!valid_enum(name(provenance.source))) return {ErrorCode::kInvalidArgument, "source: invalid value"};
  if (provenance.at_unix_ms < 0 || provenance.at_unix_ms > kMaxUnixMs) {
    return {ErrorCode::kInvalidArgument, "at_unix_ms: " + std::to_string(provenance.at_unix_ms) +
                                             " is outside 1970-01-01 .. 9999-12-31"};
  }
  const std::string& version = provenance.policy_version;
  if (version.empty()) return {ErrorCode::kInvalidArgument, "policy_version: empty"};
  if (version.size() > kMaxPolicyVersionBytes) {
    return {ErrorCode::kInvalidArgument, "policy_version: " + std::to_string(version.size()) +
                                             " bytes, at most " + std::to_string(kMaxPolicyVersionBytes)};
  }
  if (const std::size_t bad = text::find_invalid_utf8(version); bad != std::string_view::npos) {
    return {ErrorCode::kInvalidArgument, "policy_version: invalid UTF-8 at byte " + std::to_string(bad)};
  }
  return validate_text_hash(provenance.text_hash);
}

std::string canonical_bytes(const ConsentRecord& record) { return canonical(raw_of(record)); }

std::string record_hash(const ConsentRecord& record) { return hash_hex(canonical_bytes(record)); }

Result<Anchor> Ledger::head() {
  auto stmt = store_.prepare("SELECT seq, hash FROM consent_ledger ORDER BY seq DESC LIMIT 1");
  if (!stmt) return stmt.status();
  auto row = stmt->step();
  if (!row) return row.status();
  if (!row.value()) return Anchor{0, std::string(kGenesisHash)};
  return Anchor{stmt->column_int64(0), std::string(stmt->column_text(1))};
}

Result<ConsentRecord> Ledger::append(DataCategory category, Use use, Decision decision,
                                     const Provenance& provenance) {
  if (!valid_enum(name(category))) return Status{ErrorCode::kInvalidArgument, "category: invalid value"};
  if (!valid_enum(name(use))) return Status{ErrorCode::kInvalidArgument, "use: invalid value"};
  if (!valid_enum(name(decision))) return Status{ErrorCode::kInvalidArgument, "decision: invalid value"};
  if (Status st = validate(provenance); !st) return st;
  auto last = head();
  if (!last) return last.status();

  ConsentRecord record;
  record.seq = last->seq + 1;
  record.category = category;
  record.use = use;
  record.decision = decision;
  record.source = provenance.source;
  record.at_unix_ms = provenance.at_unix_ms;
  record.policy_version = provenance.policy_version;
  record.text_hash = lower(provenance.text_hash);
  record.prev_hash = std::move(last->hash);
  record.hash = record_hash(record);

  auto insert = store_.prepare(
      "INSERT INTO consent_ledger(seq, category, use, decision, source, at_unix_ms, policy_version, text_hash,"
      " prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!insert) return insert.status();
  insert->bind(1, record.seq)
      .bind(2, name(record.category))
      .bind(3, name(record.use))
      .bind(4, name(record.decision))
      .bind(5, name(record.source))
      .bind(6, record.at_unix_ms)
      .bind(7, std::string_view(record.policy_version))
      .bind(8, std::string_view(record.text_hash))
      .bind(9, std::string_view(record.prev_hash))
      .bind(10, std::string_view(record.hash));
  if (Status st = insert->run(); !st) return st;
  return record;
}

Result<std::vector<ConsentRecord>> Ledger::records() {
  auto stmt = store_.prepare(kSelectRecords);
  if (!stmt) return stmt.status();
  std::vector<ConsentRecord> out;
  while (true) {
    auto more = stmt->step();
    if (!more) return more.status();
    if (!more.value()) break;
    auto record = parse_row(read_row(stmt.value()));
    if (!record) return record.status();
    out.push_back(std::move(record.value()));
  }
  return out;
}

Result<Verification> Ledger::verify(const Anchor* anchor) {
  auto stmt = store_.prepare(kSelectRecords);
  if (!stmt) return stmt.status();
  Verification result;
  std::string prev_hash(kGenesisHash);
  std::string anchor_seen_hash;
  const auto bad = [&](std::int64_t seq, std::string problem) {
    result.first_bad_seq = seq;
    result.problem = std::move(problem);
  };
  while (true) {
    auto more = stmt->step();
    if (!more) return more.status();
    if (!more.value()) break;
    const RawRow row = read_row(stmt.value());
    const std::int64_t expected = result.records + 1;
    ++result.records;
    if (row.seq != expected) {
      bad(expected, "record " + std::to_string(expected) + " is missing (the next record is " +
                        std::to_string(row.seq) + ")");
      return result;
    }
    if (row.prev_hash != prev_hash) {
      bad(row.seq, "prev_hash does not match the hash of record " + std::to_string(row.seq - 1));
      return result;
    }
    if (auto parsed = parse_row(row); !parsed) {
      bad(row.seq, parsed.status().message());
      return result;
    }
    if (hash_hex(canonical(row)) != row.hash) {
      bad(row.seq, "hash does not match the record's content");
      return result;
    }
    prev_hash = row.hash;
    if (anchor != nullptr && row.seq == anchor->seq) anchor_seen_hash = row.hash;
  }
  if (anchor != nullptr && anchor->seq > 0) {
    if (anchor->seq > result.records) {
      bad(result.records + 1, "the ledger ends at record " + std::to_string(result.records) +
                                  " but the anchor names record " + std::to_string(anchor->seq));
    } else if (anchor_seen_hash != lower(anchor->hash)) {
      bad(anchor->seq, "hash differs from the anchor's");
    }
  }
  return result;
}

Result<std::optional<ConsentRecord>> Ledger::latest_from(Source source) {
  auto stmt = store_.prepare(std::string(kSelectRecords.substr(0, kSelectRecords.find(" ORDER BY"))) +
                             " WHERE source = ?1 ORDER BY seq DESC LIMIT 1");
  if (!stmt) return stmt.status();
  stmt->bind(1, name(source));
  auto row = stmt->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<ConsentRecord>();
  auto record = parse_row(read_row(stmt.value()));
  if (!record) return record.status();
  return std::optional<ConsentRecord>(std::move(record.value()));
}

Result<StateTable> Ledger::current_states() {
  auto stmt = store_.prepare(
      "SELECT l.seq, l.category, l.use, l.decision FROM consent_ledger AS l"
      " JOIN (SELECT max(seq) AS seq FROM consent_ledger GROUP BY category, use) AS latest"
      " ON l.seq = latest.seq");
  if (!stmt) return stmt.status();
  StateTable states{};
  states.fill(ConsentState::kUnknown);
  while (true) {
    auto more = stmt->step();
    if (!more) return more.status();
    if (!more.value()) break;
    const std::string seq = std::to_string(stmt->column_int64(0));
    const auto tampered = [&](const Status& st) {
      return Status{ErrorCode::kTampered, "consent ledger seq " + seq + ": " + st.message()};
    };
    auto category = parse_category(stmt->column_text(1));
    if (!category) return tampered(category.status());
    auto use = parse_use(stmt->column_text(2));
    if (!use) return tampered(use.status());
    auto decision = parse_decision(stmt->column_text(3));
    if (!decision) return tampered(decision.status());
    states[pair_index(category.value(), use.value())] = state_after(decision.value());
  }
  return states;
}

}  // namespace confidant::consent

// The consent receipt (sdk/consent/receipt.hpp) and the JSON layer under it.
//
// The SDK writes receipts but has no reader of them (a receipt is for the
// person and outside verifiers; nothing in the SDK reads one back). So this
// target fuzzes what the SDK does have:
//   - the JSON reader and writer every receipt, signal, candidate and config
//     goes through (sdk/common/json.hpp): parse, serialize, parse again;
//   - the receipt writer over arbitrary ledger records (as a tampered store
//     could hand it: any text in policy_version and the hashes, any time),
//     checked with the strict reader;
//   - the ledger's canonical record bytes (what each record's hash covers),
//     which must be unambiguous;
//   - the consent vocabulary lists the CLI takes ("purchases,browsing", "all").
//
// The first byte picks the mode, the rest is the payload:
//   'j'  JSON text: json::parse with the default limits
//   'J'  JSON text with tight limits drawn from its first four bytes
//   'r'  ledger records built from the bytes, through receipt_json
//   'c'  two records built from the bytes: canonical_bytes equal => records equal
//   'l'  a category or use list (parse_categories, parse_uses)
//   other bytes: one of the above by byte % 5
//
// Properties:
//   - parse(serialize(v)) == v and serialize is a fixed point, for every
//     document parse accepts; failures are "json: offset N: ..." with N
//     inside the text (or the size limit), on one clean line;
//   - limits hold: no accepted document is deeper, has more values or a
//     longer string than allowed;
//   - receipt_json is always one line of strict JSON whose records, chain
//     and current states say exactly what the records do (text that is not
//     valid UTF-8 appears with U+FFFD, nothing else changes);
//   - canonical_bytes is injective;
//   - a parsed list prints back to a list that parses the same.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/time.hpp"
#include "common/utf8.hpp"
#include "consent/ledger.hpp"
#include "consent/receipt.hpp"
#include "consent/types.hpp"
#include "fuzz_support.hpp"

using namespace confidant;
using json::Value;

namespace {

void check_failure(const Status& status) {
  FUZZ_CHECK_ERROR(status.code(), status.message());
  FUZZ_REQUIRE(status.code() == ErrorCode::kInvalidArgument, status.message());
}

// Depth, values and the longest string of a parsed document.
struct Shape {
  std::size_t depth = 0;
  std::size_t values = 0;
  std::size_t longest_string = 0;
};
void measure(const Value& v, std::size_t depth, Shape& shape) {
  ++shape.values;
  if (v.is_array() || v.is_object()) shape.depth = std::max(shape.depth, depth + 1);
  if (v.is_string()) shape.longest_string = std::max(shape.longest_string, v.as_string().size());
  for (const Value& item : v.as_array()) measure(item, depth + 1, shape);
  for (const auto& [key, member] : v.as_object()) {
    shape.longest_string = std::max(shape.longest_string, key.size());
    measure(member, depth + 1, shape);
  }
}

void json_round_trip(std::string_view text, const json::ParseLimits& limits) {
  const auto parsed = json::parse(text, limits);
  if (!parsed) {
    check_failure(parsed.status());
    const Status status = parsed.status();
    const std::string& message = status.message();
    FUZZ_REQUIRE(message.rfind("json: ", 0) == 0, message);
    if (message.rfind("json: offset ", 0) == 0) {
      const std::size_t offset = std::stoull(message.substr(13));
      FUZZ_REQUIRE(offset <= text.size(), message);
    }
    return;
  }
  Shape shape;
  measure(parsed.value(), 0, shape);
  FUZZ_REQUIRE(shape.depth <= std::min(limits.max_depth, json::kMaxDepthCeiling), std::to_string(shape.depth));
  FUZZ_REQUIRE(shape.values <= limits.max_values, std::to_string(shape.values));
  FUZZ_REQUIRE(shape.longest_string <= limits.max_string_bytes, std::to_string(shape.longest_string));

  const std::string written = json::serialize(parsed.value());
  FUZZ_REQUIRE(text::is_valid_utf8(written) && written.find('\n') == std::string::npos, written);
  // The written form needs no more room than the limits allowed for the
  // value (escapes can make it longer than the input, so the text limit is off).
  json::ParseLimits relaxed = limits;
  relaxed.max_text_bytes = written.size();
  const auto again = json::parse(written, relaxed);
  FUZZ_REQUIRE(again.is_ok(), written + " | " + again.status().message());
  FUZZ_REQUIRE(again.value() == parsed.value(), written);
  FUZZ_REQUIRE(json::serialize(again.value()) == written, written);
}

json::ParseLimits tight_limits(std::string_view& text) {
  json::ParseLimits limits;
  if (text.size() < 4) return limits;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  limits.max_depth = byte(0) % 20;
  limits.max_values = byte(1) % 64 + 1;
  limits.max_string_bytes = byte(2) % 32;
  limits.max_text_bytes = byte(3) % 2 == 0 ? limits.max_text_bytes : byte(3);
  text.remove_prefix(4);
  return limits;
}

consent::ConsentRecord some_record(FuzzedDataProvider& in, std::int64_t seq) {
  consent::ConsentRecord r;
  r.seq = in.ConsumeBool() ? seq : in.ConsumeIntegral<std::int64_t>();
  r.category = consent::kAllCategories[in.ConsumeIntegralInRange<std::size_t>(0, consent::kAllCategories.size() - 1)];
  r.use = consent::kAllUses[in.ConsumeIntegralInRange<std::size_t>(0, consent::kAllUses.size() - 1)];
  r.decision = in.ConsumeBool() ? consent::Decision::kGranted : consent::Decision::kWithdrawn;
  r.source = static_cast<consent::Source>(in.ConsumeIntegralInRange<int>(0, 2));  // user, app_default, cmp
  r.at_unix_ms = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::int64_t>(0, timefmt::kMaxUnixMs)
                                  : in.ConsumeIntegral<std::int64_t>();
  r.policy_version = in.ConsumeRandomLengthString(80);
  r.text_hash = in.ConsumeRandomLengthString(80);
  r.prev_hash = in.ConsumeRandomLengthString(70);
  r.hash = in.ConsumeRandomLengthString(70);
  return r;
}

// What the writer makes of caller text: itself when valid UTF-8.
void check_text(const Value* field, const std::string& original, const std::string& receipt) {
  FUZZ_REQUIRE(field != nullptr && field->is_string(), receipt);
  if (text::is_valid_utf8(original)) FUZZ_REQUIRE(field->as_string() == original, receipt);
}

void receipt(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<consent::ConsentRecord> records;
  const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, 12);
  for (std::size_t i = 0; i < count; ++i) records.push_back(some_record(in, static_cast<std::int64_t>(i + 1)));
  consent::Verification verification;
  verification.records = in.ConsumeIntegral<std::int64_t>();
  if (in.ConsumeBool()) {
    verification.first_bad_seq = in.ConsumeIntegralInRange<std::int64_t>(1, 1000);
    verification.problem = in.ConsumeRandomLengthString(100);
  }

  const std::string text = consent::receipt_json(records, verification);
  FUZZ_REQUIRE(text.find('\n') == std::string::npos && text::is_valid_utf8(text), text);
  const auto parsed = json::parse(text);
  FUZZ_REQUIRE(parsed.is_ok(), text + " | " + parsed.status().message());
  const Value& doc = parsed.value();
  FUZZ_REQUIRE(doc.find("format") && doc.find("format")->as_string() == consent::kReceiptFormat, text);
  const Value* chain = doc.find("chain");
  FUZZ_REQUIRE(chain && chain->find("intact") && chain->find("intact")->as_bool() == verification.ok(), text);
  FUZZ_REQUIRE(chain->find("records")->as_int64() == verification.records, text);
  if (!verification.ok()) {
    FUZZ_REQUIRE(chain->find("first_bad_seq")->as_int64() == verification.first_bad_seq, text);
    check_text(chain->find("problem"), verification.problem, text);
  } else if (!records.empty()) {
    FUZZ_REQUIRE(chain->find("head_seq")->as_int64() == records.back().seq, text);
    check_text(chain->find("head_hash"), records.back().hash, text);
  }

  const Value* listed = doc.find("records");
  FUZZ_REQUIRE(listed && listed->as_array().size() == records.size(), text);
  consent::StateTable current{};
  current.fill(consent::ConsentState::kUnknown);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const consent::ConsentRecord& r = records[i];
    const Value& j = listed->as_array()[i];
    FUZZ_REQUIRE(j.find("seq") && j.find("seq")->is_integer() && j.find("seq")->as_int64() == r.seq, text);
    FUZZ_REQUIRE(j.find("category")->as_string() == consent::name(r.category), text);
    FUZZ_REQUIRE(j.find("use")->as_string() == consent::name(r.use), text);
    FUZZ_REQUIRE(j.find("decision")->as_string() == consent::name(r.decision), text);
    FUZZ_REQUIRE(j.find("source")->as_string() == consent::name(r.source), text);
    FUZZ_REQUIRE(j.find("at_unix_ms")->as_int64() == r.at_unix_ms, text);
    const std::string iso = timefmt::iso8601_utc(r.at_unix_ms);
    if (iso.empty()) {
      FUZZ_REQUIRE(j.find("at")->is_null(), text);
    } else {
      FUZZ_REQUIRE(j.find("at")->as_string() == iso, text);
      const auto back = timefmt::parse_iso8601(iso);
      FUZZ_REQUIRE(back.is_ok() && back.value() == r.at_unix_ms, iso);
    }
    check_text(j.find("policy_version"), r.policy_version, text);
    check_text(j.find("text_hash"), r.text_hash, text);
    check_text(j.find("prev_hash"), r.prev_hash, text);
    check_text(j.find("hash"), r.hash, text);
    current[consent::pair_index(r.category, r.use)] = consent::state_after(r.decision);
  }
  const Value* states = doc.find("current");
  FUZZ_REQUIRE(states && states->as_object().size() == consent::kAllCategories.size(), text);
  for (const consent::DataCategory c : consent::kAllCategories) {
    const Value* row = states->find(consent::name(c));
    FUZZ_REQUIRE(row != nullptr, text);
    for (const consent::Use u : consent::kAllUses) {
      const Value* state = row->find(consent::name(u));
      FUZZ_REQUIRE(state && state->as_string() == consent::name(current[consent::pair_index(c, u)]), text);
    }
  }
}

bool same(const consent::ConsentRecord& a, const consent::ConsentRecord& b) {
  // canonical_bytes covers every field but the record's own hash.
  return a.seq == b.seq && a.category == b.category && a.use == b.use && a.decision == b.decision &&
         a.source == b.source && a.at_unix_ms == b.at_unix_ms && a.policy_version == b.policy_version &&
         a.text_hash == b.text_hash && a.prev_hash == b.prev_hash;
}

void canonical(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const consent::ConsentRecord a = some_record(in, 1);
  const consent::ConsentRecord b = some_record(in, 1);
  const std::string bytes_a = consent::canonical_bytes(a);
  FUZZ_REQUIRE(bytes_a.rfind(std::string(consent::kRecordFormat) + "\n", 0) == 0, bytes_a);
  FUZZ_REQUIRE((bytes_a == consent::canonical_bytes(b)) == same(a, b), bytes_a);
  const std::string hash = consent::record_hash(a);
  FUZZ_REQUIRE(hash.size() == 64 && hash.find_first_not_of("0123456789abcdef") == std::string::npos, hash);
}

template <typename Enum>
void list_round_trip(std::string_view text, Result<std::vector<Enum>> (*parse)(std::string_view), const char* field) {
  const auto parsed = parse(text);
  if (!parsed) {
    check_failure(parsed.status());
    FUZZ_REQUIRE(parsed.status().message().rfind(field, 0) == 0, parsed.status().message());
    return;
  }
  FUZZ_REQUIRE(!parsed->empty(), std::string(text));
  std::string printed;
  for (const Enum value : parsed.value()) printed += (printed.empty() ? "" : ",") + std::string(consent::name(value));
  const auto again = parse(printed);
  FUZZ_REQUIRE(again.is_ok() && again.value() == parsed.value(), printed);
  for (std::size_t i = 0; i < parsed->size(); ++i)
    for (std::size_t j = i + 1; j < parsed->size(); ++j) FUZZ_REQUIRE(parsed.value()[i] != parsed.value()[j], printed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fuzz::Input input = fuzz::split_mode(data, size);
  switch (fuzz::mode_index(input.mode, "jJrcl")) {
    case 0: json_round_trip(input.payload, {}); break;
    case 1: {
      std::string_view text = input.payload;
      const json::ParseLimits limits = tight_limits(text);
      json_round_trip(text, limits);
      break;
    }
    case 2: receipt(data + 1, size - 1); break;
    case 3: canonical(data + 1, size - 1); break;
    default:
      list_round_trip<consent::DataCategory>(input.payload, &consent::parse_categories, "categor");
      list_round_trip<consent::Use>(input.payload, &consent::parse_uses, "use");
      break;
  }
  return 0;
}

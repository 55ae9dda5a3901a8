// The ranking's public JSON codec (include/confidant/ranking.hpp), which the
// C ABI's confidant_sdk_rank_json, the CLI and the bindings share: one
// candidate, a candidate list (a JSON array or JSONL), the request object,
// and the slot's text form.
//
// The first byte picks the mode, the rest is the payload:
//   'c'  one candidate: candidate_from_json(payload)
//   'l'  a candidate list: candidates_from_json(payload)
//   'r'  a rank request: rank_request_from_json(payload)
//   's'  a slot: parse_slot(payload)
//   'v'  a Candidate value built from the bytes (not from JSON), through to_json
//   other bytes: one of the above by byte % 5
//
// Properties:
//   - a parsed candidate round-trips exactly through to_json, and to_json is
//     a fixed point; check_candidate() accepts it or names the field;
//   - a parsed list reads the same whether written as a JSON array or as
//     JSONL, and every candidate in it round-trips;
//   - a parsed request written back as JSON reads back the same, and
//     check_request() accepts it or names the field;
//   - a parsed slot prints back to the same text;
//   - any Candidate that check_candidate() accepts round-trips through
//     to_json, and to_json is always valid JSON;
//   - every failure is kInvalidArgument naming the field (or "candidates",
//     "candidates[i]", "candidates line N", "request"), on one clean line.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/utf8.hpp"
#include "confidant/ranking.hpp"
#include "fuzz_support.hpp"
#include "ranking/pipeline/candidate_check.hpp"

using namespace confidant;

namespace {

bool same(const Candidate& a, const Candidate& b) {
  return a.id == b.id && a.categories == b.categories && a.attrs == b.attrs && a.kind == b.kind &&
         a.popularity == b.popularity && std::signbit(a.popularity) == std::signbit(b.popularity) &&
         a.related == b.related && a.sensitive == b.sensitive;
}

bool same(const RankRequest& a, const RankRequest& b) {
  return a.limit == b.limit && a.slot.kind == b.slot.kind && a.slot.item == b.slot.item && a.moment == b.moment &&
         a.seed == b.seed && a.variety == b.variety && a.max_per_category == b.max_per_category &&
         a.exploration_share == b.exploration_share && a.utc_offset_minutes == b.utc_offset_minutes &&
         a.place == b.place;
}

void check_failure(const Status& status) {
  FUZZ_CHECK_ERROR(status.code(), status.message());
  FUZZ_REQUIRE(status.code() == ErrorCode::kInvalidArgument, status.message());
}

void check_candidate_writer(const Candidate& c) {
  const std::string text = to_json(c);
  const auto again = candidate_from_json(text);
  FUZZ_REQUIRE(again.is_ok(), text + " | " + again.status().message());
  FUZZ_REQUIRE(same(c, again.value()), text + " | read back as " + to_json(again.value()));
  FUZZ_REQUIRE(to_json(again.value()) == text, text + " | then " + to_json(again.value()));
}

void check_rules(const Candidate& c) {
  const Status status = ranking::check_candidate(3, c);
  if (status) return;
  check_failure(status);
  FUZZ_REQUIRE(status.message().rfind("candidates[3].", 0) == 0, status.message());
}

void one_candidate(std::string_view text) {
  const auto parsed = candidate_from_json(text);
  if (!parsed) {
    check_failure(parsed.status());
    return;
  }
  check_candidate_writer(parsed.value());
  check_rules(parsed.value());
}

std::string as_array(const std::vector<Candidate>& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i > 0 ? "," : "") + to_json(list[i]);
  return out + "]";
}

std::string as_jsonl(const std::vector<Candidate>& list) {
  std::string out;
  for (const Candidate& c : list) out += to_json(c) + "\n";
  return out;
}

void candidate_list(std::string_view text) {
  const auto parsed = candidates_from_json(text);
  if (!parsed) {
    check_failure(parsed.status());
    FUZZ_REQUIRE(parsed.status().message().rfind("candidates", 0) == 0, parsed.status().message());
    return;
  }
  const std::vector<Candidate>& list = parsed.value();
  for (const Candidate& c : list) check_candidate_writer(c);
  for (const std::string& form : {as_array(list), as_jsonl(list)}) {
    const auto again = candidates_from_json(form);
    FUZZ_REQUIRE(again.is_ok(), form + " | " + again.status().message());
    FUZZ_REQUIRE(again->size() == list.size(), form);
    for (std::size_t i = 0; i < list.size(); ++i) FUZZ_REQUIRE(same(list[i], again.value()[i]), form);
  }
}

void request(std::string_view text) {
  const auto parsed = rank_request_from_json(text);
  if (!parsed) {
    check_failure(parsed.status());
    FUZZ_REQUIRE(parsed.status().message().rfind("request", 0) == 0, parsed.status().message());
    return;
  }
  const RankRequest& r = parsed.value();
  const std::string written = to_json(r);
  const auto again = rank_request_from_json(written);
  FUZZ_REQUIRE(again.is_ok(), written + " | " + again.status().message());
  FUZZ_REQUIRE(same(r, again.value()), written + " | then " + to_json(again.value()));
  if (const Status status = ranking::check_request(r); !status) check_failure(status);
}

void slot(std::string_view text) {
  const auto parsed = parse_slot(text);
  if (!parsed) {
    check_failure(parsed.status());
    FUZZ_REQUIRE(parsed.status().message().rfind("slot", 0) == 0, parsed.status().message());
    return;
  }
  const std::string printed = to_string(parsed.value());
  FUZZ_REQUIRE(printed == text, printed);
}

double some_number(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: return 0;
    case 1: return in.ConsumeProbability<double>();
    case 2: return static_cast<double>(in.ConsumeIntegralInRange<int>(-2, 2)) / 2;
    default: return in.ConsumeFloatingPoint<double>();
  }
}

void from_value(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  Candidate c;
  c.id = in.ConsumeRandomLengthString(140);
  const std::size_t categories = in.ConsumeIntegralInRange<std::size_t>(0, 9);
  for (std::size_t i = 0; i < categories; ++i) c.categories.push_back(in.ConsumeRandomLengthString(140));
  const std::size_t attrs = in.ConsumeIntegralInRange<std::size_t>(0, 17);
  for (std::size_t i = 0; i < attrs; ++i) c.attrs.emplace(in.ConsumeRandomLengthString(70), in.ConsumeRandomLengthString(140));
  if (in.ConsumeBool()) c.kind = static_cast<CandidateKind>(in.ConsumeIntegralInRange<int>(0, 2));
  c.popularity = some_number(in);
  const std::size_t related = in.ConsumeIntegralInRange<std::size_t>(0, 66);
  for (std::size_t i = 0; i < related && in.remaining_bytes() > 0; ++i)
    c.related.emplace(in.ConsumeRandomLengthString(140), some_number(in));
  c.sensitive = in.ConsumeBool();

  // Always JSON, whatever the value holds (NaN is written as null), except
  // that two map keys differing only in bytes that are not UTF-8 are both
  // written as U+FFFD, which the strict reader refuses as a duplicate;
  // check_candidate() refuses such keys, so no ranked candidate holds them.
  const std::string text = to_json(c);
  const auto document = json::parse(text);
  const Status rules = ranking::check_candidate(0, c);
  if (!document && document.status().message().find("duplicate key") != std::string::npos) {
    FUZZ_REQUIRE(!rules.is_ok(), text);
  } else {
    FUZZ_REQUIRE(document.is_ok(), text + " | " + document.status().message());
  }
  if (!rules) {
    check_failure(rules);
    return;
  }
  // A candidate the ranking accepts: its paths are not checked here, so only
  // their UTF-8 decides whether the writer can reproduce them.
  bool paths_valid = true;
  for (const std::string& path : c.categories) paths_valid = paths_valid && text::is_valid_utf8(path);
  if (paths_valid) check_candidate_writer(c);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fuzz::Input input = fuzz::split_mode(data, size);
  switch (fuzz::mode_index(input.mode, "clrsv")) {
    case 0: one_candidate(input.payload); break;
    case 1: candidate_list(input.payload); break;
    case 2: request(input.payload); break;
    case 3: slot(input.payload); break;
    default: from_value(data + 1, size - 1); break;
  }
  return 0;
}

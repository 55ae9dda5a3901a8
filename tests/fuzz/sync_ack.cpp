// What the device reads back from the collector after an upload
// (sdk/sync/wire.cpp, sdk/sync/delivery_policy.cpp): the SyncAck body of a
// 2xx (sync::rejections_of, which decides which reports the ledger records
// as refused) and the Retry-After header of a 429/503 (retry_after_ms,
// judge()).
//
// The first byte picks the mode, the rest is the payload:
//   'a'  an ack body as it arrives: rejections_of(payload)
//   'm'  an ack made by the collector's writer (make_ack) from values drawn
//        from the bytes, then read back
//   'r'  a Retry-After value, in a 429 response, through judge()
//   other bytes: one of the above by byte % 3
//
// Properties:
//   - rejections_of() answers exactly when the body parses as a SyncAck, with
//     each index's first reason; written again with make_ack() it reads back
//     the same;
//   - whatever make_ack() writes for reasons that are valid UTF-8 (all the
//     collector ever sends), rejections_of() reads back unchanged;
//   - Retry-After: delta-seconds only (digits, no sign or space), capped at 7
//     days; the retry is never scheduled before it nor before now, and a
//     report is given up exactly when the attempts or its age run out.
#include <fuzzer/FuzzedDataProvider.h>

#include <charconv>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "confidant/sync.hpp"
#include "confidant/transport.hpp"
#include "confidant_sync.pb.h"
#include "fuzz_support.hpp"
#include "quiet_protobuf.hpp"
#include "sync/delivery_policy.hpp"
#include "sync/wire.hpp"

using namespace confidant;

namespace {

std::string hex_of(std::string_view bytes) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < 2000; ++i) {
    out += kHex[static_cast<unsigned char>(bytes[i]) >> 4];
    out += kHex[static_cast<unsigned char>(bytes[i]) & 0xf];
  }
  return out;
}

std::map<std::uint32_t, std::string> first_reasons(const proto::SyncAck& ack) {
  std::map<std::uint32_t, std::string> out;
  for (const proto::RejectedReport& r : ack.rejected()) out.emplace(r.index(), r.reason());
  return out;
}

void ack_body(std::string_view body) {
  const auto rejections = sync::rejections_of(body);
  proto::SyncAck ack;
  const bool parses = ack.ParseFromArray(body.data(), static_cast<int>(body.size()));
  FUZZ_REQUIRE(rejections.has_value() == parses, hex_of(body));
  if (!rejections) return;
  FUZZ_REQUIRE(*rejections == first_reasons(ack), hex_of(body));
  std::vector<std::pair<std::uint32_t, std::string>> list(rejections->begin(), rejections->end());
  const std::string rewritten = sync::make_ack(ack.accepted(), list);
  const auto again = sync::rejections_of(rewritten);
  FUZZ_REQUIRE(again.has_value() && *again == *rejections, hex_of(rewritten));
}

void made_ack(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::uint32_t accepted = in.ConsumeIntegral<std::uint32_t>();
  std::vector<std::pair<std::uint32_t, std::string>> rejected;
  const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, 64);
  for (std::size_t i = 0; i < count && in.remaining_bytes() > 0; ++i) {
    const std::uint32_t index = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::uint32_t>(0, 8) : in.ConsumeIntegral<std::uint32_t>();
    rejected.emplace_back(index, in.ConsumeRandomLengthString(300));
  }
  const std::string body = sync::make_ack(accepted, rejected);
  bool all_valid = true;
  for (const auto& [index, reason] : rejected) all_valid = all_valid && fuzz::is_valid_utf8(reason);
  const auto read = sync::rejections_of(body);
  if (!all_valid) return;  // protobuf refuses strings that are not UTF-8; the collector never writes one
  FUZZ_REQUIRE(read.has_value(), hex_of(body));
  std::map<std::uint32_t, std::string> expected;
  for (const auto& [index, reason] : rejected) expected.emplace(index, reason);
  FUZZ_REQUIRE(*read == expected, hex_of(body));
}

void retry_after(std::string_view payload) {
  // The payload's first two bytes are the attempt count and the report's
  // age in hours; the rest is the header value.
  if (payload.size() < 2) return;
  const int attempts = static_cast<unsigned char>(payload[0]) % 12 + 1;
  const std::int64_t age_hours = static_cast<unsigned char>(payload[1]);
  const std::string value(payload.substr(2));

  HttpResponse response;
  response.status = 429;
  response.headers = {{"Content-Type", "application/x-protobuf"}, {"RETRY-after", value}};
  const auto wait = sync::retry_after_ms(response);

  // Delta-seconds: one or more digits, nothing else.
  std::int64_t seconds = -1;
  const bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
  if (digits) {
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (error == std::errc::result_out_of_range) seconds = -2;  // larger than int64: no value
  }
  if (!digits || seconds == -2) {
    FUZZ_REQUIRE(!wait.has_value(), value);
  } else {
    FUZZ_REQUIRE(wait.has_value() && *wait == std::min<std::int64_t>(seconds, 7 * 24 * 3600) * 1000, value);
  }

  constexpr std::int64_t kNowMs = 1795161600000;
  const SyncPolicy policy;
  const std::int64_t created_ms = kNowMs - age_hours * 3600 * 1000;
  const sync::Verdict verdict = sync::judge(response, attempts, created_ms, kNowMs, policy, [] { return 0.5; });
  FUZZ_REQUIRE(verdict.outcome != sync::Outcome::kSent, verdict.error);
  FUZZ_REQUIRE(!verdict.error.empty() && fuzz::is_one_clean_line(verdict.error), verdict.error);
  const std::int64_t backoff = sync::backoff_ms(attempts, policy, [] { return 0.5; });
  const std::int64_t not_before = std::max(kNowMs + backoff, kNowMs + wait.value_or(0));
  const bool give_up = attempts >= policy.max_attempts ||
                       not_before - created_ms > std::chrono::milliseconds(policy.max_age).count();
  FUZZ_REQUIRE((verdict.outcome == sync::Outcome::kDrop) == give_up, verdict.error);
  if (verdict.outcome == sync::Outcome::kRetry) {
    FUZZ_REQUIRE(verdict.next_attempt_ms == not_before && verdict.next_attempt_ms > kNowMs, verdict.error);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fuzz::Input input = fuzz::split_mode(data, size);
  switch (fuzz::mode_index(input.mode, "amr")) {
    case 0: ack_body(input.payload); break;
    case 1: made_ack(data + 1, size - 1); break;
    default: retry_after(input.payload); break;
  }
  return 0;
}

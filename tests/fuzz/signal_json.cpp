// signal_from_json / to_json (include/confidant/signal.hpp): the JSON a host
// passes to track() (C ABI confidant_sdk_track_json), the CLI's JSONL and
// every stored signal row (signals/signal_store.cpp reads rows back with
// signal_from_json, so a to_json it cannot read makes a stored row "tampered").
//
// The first byte picks the mode, the rest is the payload:
//   'l'  one line: signal_from_json(payload)
//   'n'  JSONL as the CLI's `track` reads it: each non-blank line, one signal
//   'e'  eval's envelope {"user":..,"signal":{..}} (tools/eval
//        interaction_json.cpp), then its signal
//   's'  a Signal value built from the bytes (not from JSON), through to_json
//   other bytes: one of the above by byte % 4
//
// Properties:
//   - a parse that succeeds round-trips: signal_from_json(to_json(s)) == s,
//     and to_json is a fixed point (to_json(parse(to_json(s))) == to_json(s));
//   - to_json(s) is always valid JSON that signal_from_json accepts, for any
//     Signal value; the round trip is exact when its strings are valid UTF-8;
//   - a failure is kInvalidArgument with a message naming the field, on one
//     clean UTF-8 line; so is a refusal by signals::validate().
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/utf8.hpp"
#include "confidant/signal.hpp"
#include "eval/interaction_json.hpp"
#include "fuzz_support.hpp"
#include "signals/signal.hpp"
#include "signals/validate.hpp"

using namespace confidant;

namespace {

// 2026-11-20T08:00:00Z: the clock validate() measures "in the future" against.
constexpr std::int64_t kNowMs = 1795161600000;

bool same(const Signal& a, const Signal& b) {
  return a.type == b.type && a.item == b.item && a.categories == b.categories && a.attrs == b.attrs &&
         a.query == b.query && a.rating == b.rating && a.at == b.at && a.text == b.text;
}

bool all_text_valid(const Signal& s) {
  const auto ok = [](const std::optional<std::string>& text) { return !text || text::is_valid_utf8(*text); };
  if (!ok(s.item) || !ok(s.query) || !ok(s.text)) return false;
  for (const std::string& path : s.categories)
    if (!text::is_valid_utf8(path)) return false;
  for (const auto& [key, value] : s.attrs)
    if (!text::is_valid_utf8(key) || !text::is_valid_utf8(value)) return false;
  return true;
}

// to_json(s) is JSON signal_from_json reads back; exactly s when `exact`.
void check_writer(const Signal& s, bool exact) {
  const std::string text = to_json(s);
  const auto document = json::parse(text);
  if (!exact && !document && document.status().message().find("duplicate key") != std::string::npos) {
    // Two attribute keys that differ only in bytes that are not UTF-8 are
    // both written as U+FFFD, and the strict reader refuses the duplicate.
    // validate() refuses such keys, so no stored signal can hold them.
    FUZZ_REQUIRE(!signals::validate(s, signals::ValidationLimits{}, kNowMs).is_ok(), text);
    return;
  }
  FUZZ_REQUIRE(document.is_ok(), text + " | " + document.status().message());
  FUZZ_REQUIRE(document->is_object(), text);
  const auto again = signal_from_json(text);
  FUZZ_REQUIRE(again.is_ok(), text + " | " + again.status().message());
  if (exact) {
    FUZZ_REQUIRE(same(s, again.value()), text + " | read back as " + to_json(again.value()));
    FUZZ_REQUIRE(to_json(again.value()) == text, text + " | then " + to_json(again.value()));
  } else {
    // Bytes that were not UTF-8 became U+FFFD; from there on it is exact.
    check_writer(again.value(), true);
  }
}

void check_validation(const Signal& s) {
  const Status status = signals::validate(s, signals::ValidationLimits{}, kNowMs);
  if (!status) {
    FUZZ_CHECK_ERROR(status.code(), status.message());
    FUZZ_REQUIRE(status.code() == ErrorCode::kInvalidArgument, status.message());
  }
}

void one_line(std::string_view line) {
  const auto parsed = signal_from_json(line);
  if (!parsed) {
    const Status status = parsed.status();
    FUZZ_CHECK_ERROR(status.code(), status.message());
    FUZZ_REQUIRE(status.code() == ErrorCode::kInvalidArgument, status.message());
    return;
  }
  // Everything signal_from_json accepts came through the JSON reader, so its
  // strings are valid UTF-8 and the round trip must be exact.
  FUZZ_REQUIRE(all_text_valid(parsed.value()), std::string(line));
  check_writer(parsed.value(), true);
  check_validation(parsed.value());
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

void jsonl(std::string_view text) {
  std::size_t start = 0;
  int lines = 0;
  while (start <= text.size() && lines < 64) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (!is_blank(line)) one_line(line);
    ++lines;
    start = end + 1;
  }
}

void envelope(std::string_view line) {
  const auto parsed = eval::parse_interaction_line(line);
  if (!parsed) {
    // eval prefixes its messages with the file and line, so they need not
    // name a field ("unknown field 'x' (expected user and signal)"); they
    // are one clean UTF-8 line all the same.
    const Status& status = parsed.status();
    FUZZ_REQUIRE(status.code() == ErrorCode::kInvalidArgument && !status.message().empty(), status.message());
    FUZZ_REQUIRE(fuzz::is_valid_utf8(status.message()) && fuzz::is_one_clean_line(status.message()),
                 status.message());
    return;
  }
  const eval::InteractionLine& found = parsed.value();
  // Read by the JSON reader: the user id is non-empty, valid UTF-8, and the
  // signal one that signal_from_json gave, so it round-trips exactly.
  FUZZ_REQUIRE(!found.user.empty() && text::is_valid_utf8(found.user), std::string(line));
  check_writer(found.signal, true);
  check_validation(found.signal);
  // Re-wrapped with the JSON writer, it reads back the same.
  const std::string rewrapped =
      "{\"user\":" + json::json_string(found.user) + ",\"signal\":" + to_json(found.signal) + "}";
  const auto again = eval::parse_interaction_line(rewrapped);
  FUZZ_REQUIRE(again.is_ok(), rewrapped + " | " + again.status().message());
  FUZZ_REQUIRE(again->user == found.user && same(again->signal, found.signal), rewrapped);
}

std::optional<std::string> maybe_text(FuzzedDataProvider& in) {
  if (!in.ConsumeBool()) return std::nullopt;
  return in.ConsumeRandomLengthString(160);
}

void from_value(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  Signal s;
  s.type = kAllSignalTypes[in.ConsumeIntegralInRange<std::size_t>(0, kAllSignalTypes.size() - 1)];
  s.item = maybe_text(in);
  const std::size_t categories = in.ConsumeIntegralInRange<std::size_t>(0, 9);
  for (std::size_t i = 0; i < categories; ++i) s.categories.push_back(in.ConsumeRandomLengthString(140));
  const std::size_t attrs = in.ConsumeIntegralInRange<std::size_t>(0, 17);
  for (std::size_t i = 0; i < attrs; ++i) s.attrs.emplace(in.ConsumeRandomLengthString(70), in.ConsumeRandomLengthString(140));
  s.query = maybe_text(in);
  if (in.ConsumeBool()) s.rating = in.ConsumeIntegral<std::int64_t>();
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: s.at = 0; break;
    case 1: s.at = in.ConsumeIntegral<std::int64_t>(); break;
    case 2: s.at = kEarliestSignalTimeMs + in.ConsumeIntegralInRange<std::int64_t>(0, kNowMs - kEarliestSignalTimeMs); break;
    default: s.at = in.ConsumeIntegralInRange<std::int64_t>(-1, 253402300799999 + 1); break;
  }
  s.text = maybe_text(in);
  check_writer(s, all_text_valid(s));
  check_validation(s);
  // A signal validate() accepts is one the SDK stores: it must read back exactly.
  if (signals::validate(s, signals::ValidationLimits{}, kNowMs)) check_writer(s, true);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fuzz::Input input = fuzz::split_mode(data, size);
  switch (fuzz::mode_index(input.mode, "lnes")) {
    case 0: one_line(input.payload); break;
    case 1: jsonl(input.payload); break;
    case 2: envelope(input.payload); break;
    default: from_value(data + 1, size - 1); break;
  }
  return 0;
}

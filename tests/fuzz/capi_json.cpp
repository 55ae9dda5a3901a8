// Every C ABI entry point that takes JSON or bytes (include/confidant/
// confidant.h), against one SDK opened through the C ABI in a temporary
// directory, with an in-memory key provider, a fixed clock and the fixed
// brand signing key of fuzz_keys.hpp pinned (so signed configs in the corpus
// install). Everything is granted at open, so signals reach the store.
//
// The SDK is reopened on a fresh directory every kCallsPerSdk inputs (and
// the old directory removed), so what the inputs store cannot grow without
// bound; the directories live under $TMPDIR (or /tmp) as confidant-fuzz-*.
//
// The first byte picks the call, the rest is its input:
//   't'  confidant_sdk_track_json(payload)
//   'r'  confidant_sdk_rank_json(candidates, request): the payload split at
//        the first 0x1f byte (none: request NULL), then why_json on a result
//   'p'  confidant_sdk_prefer(kind = first byte as a signed int,
//        target 0x1f text)
//   'f'  confidant_sdk_forget(payload)
//   'w'  confidant_sdk_why_json(payload)
//   'c'  confidant_sdk_install_config(payload bytes)
//   'g'  confidant_sdk_grant / _deny with enum values, counts, policy
//        version and shown text drawn from the bytes (any int, in range or not)
//   'x'  the JSON outputs (profile, export, receipt, budget, shared reports,
//        dry-run sync, states, stats) after set_paused(first byte & 1)
//   'm'  confidant_sdk_apply_cmp_json(payload), then everything granted again
//   'a'  confidant_sdk_perform_privacy_action_json(payload) (what the privacy
//        center page posts), then confidant_sdk_privacy_center_json; after a
//        successful erase the SDK is reopened on a fresh directory
//   other bytes: one of the above by byte % 10
//
// Properties (besides ASan/UBSan/LSan being quiet):
//   - every error has a known non-zero code and a message that names the
//     parameter or field, valid UTF-8 without NUL or other control
//     characters (confidant.h's promise), and its code is one the call
//     documents; NULL with a length is INVALID_ARGUMENT, never a read;
//   - a failed call leaves its buffer {NULL, 0}; a successful one holds
//     `len` bytes of valid UTF-8 JSON followed by a NUL;
//   - text that is not JSON is INVALID_ARGUMENT from the JSON reader
//     ("json: ...") for track and rank;
//   - rank returns at most `limit` results (default 10), unique, each one of
//     the candidates, with at least one reason; why_json explains each;
//   - a config that installed installs again (same bytes are not a rollback);
//   - a CMP's signals fail only with INVALID_ARGUMENT or UNSUPPORTED; when
//     they apply, the outcome lists a decision and a state for every pair,
//     sensitive is never granted by them, and the states match
//     confidant_sdk_consent_states;
//   - a privacy action fails only with INVALID_ARGUMENT or NOT_PERMITTED;
//     a successful one answers {"id": ...} with the id it was
//     given, and the next model still reads.
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "confidant/confidant.h"
#include "fuzz_keys.hpp"
#include "fuzz_support.hpp"

namespace json = confidant::json;

namespace {

constexpr std::int64_t kNowMs = 1795161600000;  // 2026-11-20T08:00:00Z
constexpr std::size_t kCallsPerSdk = 400;

struct Outcome {
  bool ok = true;
  int code = 0;
  std::string message;
};

// Takes (and frees) an error, checking what every error must be.
Outcome take(confidant_error* error, const char* where) {
  if (error == nullptr) return {};
  Outcome out{false, static_cast<int>(confidant_error_code(error)), confidant_error_message(error)};
  confidant_error_free(error);
  fuzz::check_error(out.code, out.message, where);
  return out;
}

#define TAKE(call) take((call), __FILE__ ":" FUZZ_STR(__LINE__))

void require_code(const Outcome& o, std::initializer_list<int> allowed) {
  if (o.ok) return;
  for (const int code : allowed)
    if (o.code == code) return;
  fuzz::violated("the call fails only with a code it documents", "require_code",
                 std::to_string(o.code) + ": " + o.message);
}

struct Session {
  std::string dir;
  confidant_sdk* sdk = nullptr;
  std::size_t calls = 0;
};

void close_session(Session& s) {
  if (s.sdk != nullptr) confidant_sdk_free(s.sdk);
  s.sdk = nullptr;
  if (!s.dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(s.dir, ignored);
  }
  s.dir.clear();
}

void grant_everything(confidant_sdk* sdk) {
  const confidant_category categories[] = {CONFIDANT_CATEGORY_PREFERENCES, CONFIDANT_CATEGORY_BROWSING,
                                           CONFIDANT_CATEGORY_SEARCH,      CONFIDANT_CATEGORY_PURCHASES,
                                           CONFIDANT_CATEGORY_LOCATION,    CONFIDANT_CATEGORY_SENSITIVE};
  const confidant_use uses[] = {CONFIDANT_USE_PERSONALIZE, CONFIDANT_USE_SHARE};
  const Outcome granted =
      TAKE(confidant_sdk_grant(sdk, categories, 6, uses, 2, CONFIDANT_SOURCE_USER, nullptr, 0, nullptr, 0));
  if (!granted.ok) fuzz::violated("the fuzz SDK grants consent", "grant_everything", granted.message);
}

void open_session(Session& s) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/confidant-fuzz-capi-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) fuzz::violated("a temporary directory is made", "open_session", pattern);
  s.dir = pattern;
  s.calls = 0;

  confidant_key_provider* provider = nullptr;
  confidant_options* options = nullptr;
  if (!TAKE(confidant_key_provider_new_in_memory(&provider)).ok || !TAKE(confidant_options_new(&options)).ok)
    fuzz::violated("options and a key provider are made", "open_session", "");
  const std::string store = s.dir + "/store";
  bool ok = TAKE(confidant_options_set_dir(options, store.c_str())).ok;
  ok = ok && TAKE(confidant_options_set_key_provider(options, provider)).ok;
  ok = ok && TAKE(confidant_options_set_fixed_clock(options, kNowMs)).ok;
  ok = ok && TAKE(confidant_options_set_brand_signing_key(options, fuzz::fixed_keys().signing_public_hex.c_str())).ok;
  ok = ok && TAKE(confidant_options_set_flush_interval_ms(options, 10)).ok;
  if (!ok) fuzz::violated("the options are set", "open_session", "");
  const Outcome opened = TAKE(confidant_sdk_open(options, &s.sdk));
  confidant_options_free(options);
  confidant_key_provider_free(provider);
  if (!opened.ok) fuzz::violated("the fuzz SDK opens", "open_session", opened.message);
  const Outcome ready = TAKE(confidant_sdk_wait_until_ready(s.sdk));
  if (!ready.ok) fuzz::violated("the fuzz SDK is ready", "open_session", ready.message);
  grant_everything(s.sdk);
}

// Never destroyed: the atexit handler that closes it runs after static
// destructors would have.
Session* the_session = nullptr;

Session& session() {
  if (the_session == nullptr) {
    the_session = new Session;
    open_session(*the_session);
    std::atexit([] { close_session(*the_session); });
  }
  Session& s = *the_session;
  if (++s.calls > kCallsPerSdk) {
    close_session(s);
    open_session(s);
  }
  return s;
}

// A successful buffer holds JSON (or, when `lines`, one JSON value a line).
json::Value check_buffer(confidant_buffer& buffer, bool lines, const char* where) {
  if (buffer.data == nullptr) fuzz::violated("a successful call fills its buffer", where, "");
  const std::string_view text(reinterpret_cast<const char*>(buffer.data), buffer.len);
  if (buffer.data[buffer.len] != 0) fuzz::violated("the buffer is NUL-terminated", where, text);
  if (std::strlen(reinterpret_cast<const char*>(buffer.data)) != buffer.len)
    fuzz::violated("the buffer holds no NUL before its end", where, text);
  if (!fuzz::is_valid_utf8(text)) fuzz::violated("the buffer is valid UTF-8", where, text);
  json::Value value;
  json::ParseLimits limits;
  limits.max_text_bytes = 64u << 20;
  limits.max_values = 16u << 20;
  if (lines) {
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const auto line = json::parse(text.substr(start, end - start), limits);
      if (!line) fuzz::violated("each line of the buffer is JSON", where, line.status().message());
      start = end + 1;
    }
  } else {
    auto parsed = json::parse(text, limits);
    if (!parsed) fuzz::violated("the buffer is JSON", where, std::string(text) + " | " + parsed.status().message());
    value = std::move(parsed.value());
  }
  confidant_buffer_free(&buffer);
  if (buffer.data != nullptr || buffer.len != 0) fuzz::violated("buffer_free resets the buffer", where, "");
  return value;
}

void check_empty(const confidant_buffer& buffer, const char* where) {
  if (buffer.data != nullptr || buffer.len != 0) fuzz::violated("a failed call leaves its buffer {NULL, 0}", where, "");
}

bool is_json(std::string_view text) { return json::parse(text).is_ok(); }

// NULL where the header says non-null, on purpose (the call must refuse it,
// not read it); not a literal, so Clang's -Wnonnull lets it through.
template <typename T>
T* absent() noexcept {
  return nullptr;
}

void track(confidant_sdk* sdk, std::string_view payload) {
  const Outcome o = TAKE(confidant_sdk_track_json(sdk, payload.data(), payload.size()));
  require_code(o, {CONFIDANT_CODE_INVALID_ARGUMENT, CONFIDANT_CODE_NOT_PERMITTED, CONFIDANT_CODE_BUSY});
  if (!is_json(payload)) {
    FUZZ_REQUIRE(!o.ok && o.code == CONFIDANT_CODE_INVALID_ARGUMENT && o.message.rfind("json: ", 0) == 0, o.message);
  }
  if (payload.empty()) {
    const Outcome null = TAKE(confidant_sdk_track_json(sdk, absent<const char>(), 3));
    FUZZ_REQUIRE(!null.ok && null.code == CONFIDANT_CODE_INVALID_ARGUMENT && null.message.rfind("json", 0) == 0,
                 null.message);
  }
  // Now and then, let the worker persist what was queued.
  if (payload.size() % 8 == 0) require_code(TAKE(confidant_sdk_flush(sdk)), {CONFIDANT_CODE_INVALID_ARGUMENT,
                                                                              CONFIDANT_CODE_NOT_PERMITTED});
}

// The ids a candidate text names, as far as it can be read here.
std::set<std::string> candidate_ids(std::string_view text) {
  std::set<std::string> ids;
  const auto add = [&](const json::Value& v) {
    if (const json::Value* id = v.find("id"); id != nullptr && id->is_string()) ids.insert(id->as_string());
  };
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '[') {
    if (auto parsed = json::parse(text)) for (const json::Value& v : parsed->as_array()) add(v);
    return ids;
  }
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (auto parsed = json::parse(text.substr(start, end - start))) add(parsed.value());
    start = end + 1;
  }
  return ids;
}

// NULL data with a length: refused naming the parameter, and the buffer is
// still reset to {NULL, 0} (confidant.h: a failed call leaves it so).
void null_inputs(confidant_sdk* sdk) {
  confidant_buffer out{reinterpret_cast<std::uint8_t*>(0x1), 7};
  Outcome o = TAKE(confidant_sdk_rank_json(sdk, absent<const char>(), 3, nullptr, 0, &out));
  FUZZ_REQUIRE(!o.ok && o.code == CONFIDANT_CODE_INVALID_ARGUMENT && o.message.rfind("candidates", 0) == 0, o.message);
  check_empty(out, "rank with NULL candidates");
  out = {reinterpret_cast<std::uint8_t*>(0x1), 7};
  o = TAKE(confidant_sdk_rank_json(sdk, "[]", 2, absent<const char>(), 5, &out));
  FUZZ_REQUIRE(!o.ok && o.code == CONFIDANT_CODE_INVALID_ARGUMENT && o.message.rfind("request", 0) == 0, o.message);
  check_empty(out, "rank with NULL request");
  out = {reinterpret_cast<std::uint8_t*>(0x1), 7};
  o = TAKE(confidant_sdk_why_json(sdk, absent<const char>(), 4, &out));
  FUZZ_REQUIRE(!o.ok && o.code == CONFIDANT_CODE_INVALID_ARGUMENT && o.message.rfind("item_id", 0) == 0, o.message);
  check_empty(out, "why with NULL item_id");
  out = {reinterpret_cast<std::uint8_t*>(0x1), 7};
  o = TAKE(confidant_sdk_sync_json(sdk, -1, true, &out));
  FUZZ_REQUIRE(!o.ok && o.code == CONFIDANT_CODE_INVALID_ARGUMENT && o.message.rfind("deadline_ms", 0) == 0, o.message);
  check_empty(out, "sync with a negative deadline");
}

void rank(confidant_sdk* sdk, std::string_view payload) {
  if (payload.empty()) null_inputs(sdk);
  const auto [candidates, request] = fuzz::split_at(payload, '\x1f');
  const bool has_request = payload.find('\x1f') != std::string_view::npos;
  confidant_buffer out{reinterpret_cast<std::uint8_t*>(0x1), 7};  // overwritten by the call
  const Outcome o = TAKE(confidant_sdk_rank_json(sdk, candidates.data(), candidates.size(),
                                                  has_request ? request.data() : nullptr, request.size(), &out));
  require_code(o, {CONFIDANT_CODE_INVALID_ARGUMENT});
  if (!o.ok) {
    check_empty(out, "rank");
    return;
  }
  const json::Value result = check_buffer(out, false, "rank");
  const json::Value* results = result.find("results");
  FUZZ_REQUIRE(results != nullptr && results->is_array(), json::serialize(result));
  std::size_t limit = 10;
  if (has_request) {
    if (auto parsed = json::parse(request)) {
      if (const json::Value* l = parsed->find("limit")) limit = static_cast<std::size_t>(l->as_int64());
    }
  }
  const std::set<std::string> ids = candidate_ids(candidates);
  FUZZ_REQUIRE(results->as_array().size() <= limit, json::serialize(result));
  std::set<std::string> seen;
  for (const json::Value& item : results->as_array()) {
    const std::string& id = item.find("id") ? item.find("id")->as_string() : "";
    FUZZ_REQUIRE(ids.count(id) == 1 && seen.insert(id).second, id);
    const json::Value* reasons = item.find("reasons");
    FUZZ_REQUIRE(reasons != nullptr && !reasons->as_array().empty(), json::serialize(item));
    FUZZ_REQUIRE(item.find("score") != nullptr && item.find("score")->is_number(), json::serialize(item));
  }
  // Why each of the first results is there.
  for (std::size_t i = 0; i < results->as_array().size() && i < 3; ++i) {
    const std::string& id = results->as_array()[i].find("id")->as_string();
    confidant_buffer why{};
    const Outcome w = TAKE(confidant_sdk_why_json(sdk, id.data(), id.size(), &why));
    FUZZ_REQUIRE(w.ok, id + " | " + w.message);
    const json::Value explained = check_buffer(why, false, "why");
    FUZZ_REQUIRE(explained.find("id") && explained.find("id")->as_string() == id, json::serialize(explained));
  }
}

void prefer(confidant_sdk* sdk, std::string_view payload) {
  if (payload.empty()) return;
  const int kind = static_cast<signed char>(payload[0]);
  const auto [target, text] = fuzz::split_at(payload.substr(1), '\x1f');
  const bool has_text = payload.substr(1).find('\x1f') != std::string_view::npos;
  const Outcome o = TAKE(confidant_sdk_prefer(sdk, static_cast<confidant_preference_kind>(kind), target.data(),
                                              target.size(), has_text ? text.data() : nullptr, text.size()));
  require_code(o, {CONFIDANT_CODE_INVALID_ARGUMENT, CONFIDANT_CODE_NOT_PERMITTED});
  if (kind < 0 || kind > 2) FUZZ_REQUIRE(!o.ok && o.message.rfind("kind:", 0) == 0, o.message);
}

void forget(confidant_sdk* sdk, std::string_view payload) {
  const Outcome o = TAKE(confidant_sdk_forget(sdk, payload.data(), payload.size()));
  require_code(o, {CONFIDANT_CODE_INVALID_ARGUMENT});
}

void why(confidant_sdk* sdk, std::string_view payload) {
  confidant_buffer out{};
  const Outcome o = TAKE(confidant_sdk_why_json(sdk, payload.data(), payload.size(), &out));
  require_code(o, {CONFIDANT_CODE_INVALID_ARGUMENT});
  if (!o.ok) {
    check_empty(out, "why");
    return;
  }
  const json::Value explained = check_buffer(out, false, "why");
  FUZZ_REQUIRE(explained.find("id") && explained.find("id")->as_string() == payload, json::serialize(explained));
}

void install(confidant_sdk* sdk, std::string_view payload) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(payload.data());
  const Outcome o = TAKE(confidant_sdk_install_config(sdk, bytes, payload.size()));
  require_code(o, {CONFIDANT_CODE_INVALID_ARGUMENT, CONFIDANT_CODE_TAMPERED});
  if (!o.ok) return;
  const Outcome again = TAKE(confidant_sdk_install_config(sdk, bytes, payload.size()));
  FUZZ_REQUIRE(again.ok, again.message);
  confidant_buffer budget{};
  FUZZ_REQUIRE(TAKE(confidant_sdk_budget_json(sdk, &budget)).ok, "budget after install");
  (void)check_buffer(budget, false, "budget");
}

void consent(confidant_sdk* sdk, std::string_view payload) {
  // [deny?][category count][categories...][use count][uses...][source] policy 0x1f shown
  std::size_t at = 0;
  const auto next = [&]() -> int { return at < payload.size() ? static_cast<signed char>(payload[at++]) : 0; };
  const bool deny = (next() & 1) != 0;
  std::vector<confidant_category> categories;
  const int category_count = next() & 7;
  for (int i = 0; i < category_count; ++i) categories.push_back(static_cast<confidant_category>(next()));
  std::vector<confidant_use> uses;
  const int use_count = next() & 3;
  for (int i = 0; i < use_count; ++i) uses.push_back(static_cast<confidant_use>(next()));
  const auto source = static_cast<confidant_consent_source>(next());
  const std::string_view rest = payload.substr(std::min(at, payload.size()));
  const auto [policy, shown] = fuzz::split_at(rest, '\x1f');
  const bool has_policy = !policy.empty() || (next() & 1);
  const auto call = deny ? &confidant_sdk_deny : &confidant_sdk_grant;
  const Outcome o = TAKE(call(sdk, categories.empty() ? nullptr : categories.data(), categories.size(),
                              uses.empty() ? nullptr : uses.data(), uses.size(), source,
                              has_policy ? policy.data() : nullptr, has_policy ? policy.size() : 0, shown.data(),
                              shown.size()));
  require_code(o, {CONFIDANT_CODE_INVALID_ARGUMENT});
  bool in_range = source >= 0 && source <= 1;
  for (const confidant_category c : categories) in_range = in_range && c >= 0 && c <= 5;
  for (const confidant_use u : uses) in_range = in_range && u >= 0 && u <= 1;
  if (!in_range) FUZZ_REQUIRE(!o.ok, "an out-of-range enum was accepted");

  confidant_consent_state states[CONFIDANT_CONSENT_PAIR_COUNT + 2];
  FUZZ_REQUIRE(TAKE(confidant_sdk_consent_states(sdk, states, CONFIDANT_CONSENT_PAIR_COUNT + 2)).ok, "states");
  for (const confidant_consent_state state : states) FUZZ_REQUIRE(state >= 0 && state <= 2, "a state out of range");
  // Keep the SDK useful for the other calls: grant again when a deny took something away.
  if (deny && o.ok) grant_everything(sdk);
}

void apply_cmp(confidant_sdk* sdk, std::string_view payload) {
  confidant_buffer out{reinterpret_cast<std::uint8_t*>(0x1), 7};  // overwritten by the call
  const Outcome o = TAKE(confidant_sdk_apply_cmp_json(sdk, payload.data(), payload.size(), &out));
  require_code(o, {CONFIDANT_CODE_INVALID_ARGUMENT, CONFIDANT_CODE_UNSUPPORTED});
  if (!o.ok) {
    check_empty(out, "apply_cmp");
    return;
  }
  const json::Value result = check_buffer(out, false, "apply_cmp");
  const std::string shown = json::serialize(result);
  FUZZ_REQUIRE(result.find("applied") && result.find("applied")->is_bool(), shown);
  FUZZ_REQUIRE(result.find("cmp_hash") && result.find("cmp_hash")->as_string().size() == 64, shown);
  const json::Value* decisions = result.find("decisions");
  const json::Value* states = result.find("states");
  FUZZ_REQUIRE(decisions && states && decisions->as_object().size() == CONFIDANT_CATEGORY_COUNT &&
                   states->as_object().size() == CONFIDANT_CATEGORY_COUNT,
               shown);
  const json::Value* sensitive = decisions->find("sensitive");
  FUZZ_REQUIRE(sensitive && sensitive->find("personalize")->as_string() != "granted" &&
                   sensitive->find("share")->as_string() != "granted",
               shown);
  confidant_consent_state now[CONFIDANT_CONSENT_PAIR_COUNT];
  FUZZ_REQUIRE(TAKE(confidant_sdk_consent_states(sdk, now, CONFIDANT_CONSENT_PAIR_COUNT)).ok, "states");
  static constexpr const char* kStateNames[] = {"unknown", "granted", "denied"};
  std::size_t pair = 0;
  for (const auto& [category, uses] : states->as_object()) {
    for (const char* use : {"personalize", "share"}) {
      const json::Value* state = uses.find(use);
      FUZZ_REQUIRE(state && state->as_string() == kStateNames[now[pair]], category + "/" + use + " " + shown);
      ++pair;
    }
  }
  // Keep the SDK useful for the other calls: the CMP may have withdrawn.
  grant_everything(sdk);
}

void privacy_action(Session& s, std::string_view payload) {
  confidant_buffer out{reinterpret_cast<std::uint8_t*>(0x1), 7};  // overwritten by the call
  const Outcome o = TAKE(confidant_sdk_perform_privacy_action_json(s.sdk, payload.data(), payload.size(), &out));
  require_code(o, {CONFIDANT_CODE_INVALID_ARGUMENT, CONFIDANT_CODE_NOT_PERMITTED});
  if (!o.ok) {
    check_empty(out, "privacy action");
  } else {
    const json::Value result = check_buffer(out, false, "privacy action");
    const json::Value* id = result.find("id");
    FUZZ_REQUIRE(id != nullptr && id->is_string(), json::serialize(result));
    if (id->as_string() == "erase") {
      // Every later call is CLOSED: start again on a fresh store.
      close_session(s);
      open_session(s);
      return;
    }
  }
  confidant_buffer model{};
  const Outcome m = TAKE(confidant_sdk_privacy_center_json(s.sdk, &model));
  FUZZ_REQUIRE(m.ok, m.message);
  (void)check_buffer(model, false, "privacy center");
  // An action may have withdrawn consent or paused: keep the SDK useful.
  FUZZ_REQUIRE(TAKE(confidant_sdk_set_paused(s.sdk, false)).ok, "resume");
  grant_everything(s.sdk);
}

void outputs(confidant_sdk* sdk, std::string_view payload) {
  const bool paused = !payload.empty() && (payload[0] & 1);
  FUZZ_REQUIRE(TAKE(confidant_sdk_set_paused(sdk, paused)).ok, "set_paused");
  using Read = confidant_error* (*)(confidant_sdk*, confidant_buffer*);
  const Read reads[] = {&confidant_sdk_profile_json, &confidant_sdk_export_json, &confidant_sdk_consent_receipt_json};
  for (const Read read : reads) {
    confidant_buffer out{};
    const Outcome o = TAKE(read(sdk, &out));
    FUZZ_REQUIRE(o.ok, o.message);
    (void)check_buffer(out, false, "output");
  }
  confidant_buffer budget{};
  const Outcome b = TAKE(confidant_sdk_budget_json(sdk, &budget));
  if (b.ok) (void)check_buffer(budget, false, "budget");
  confidant_buffer reports{};
  FUZZ_REQUIRE(TAKE(confidant_sdk_shared_reports_json(sdk, &reports)).ok, "shared reports");
  (void)check_buffer(reports, true, "shared reports");
  confidant_buffer synced{};
  const Outcome s = TAKE(confidant_sdk_sync_json(sdk, 1000, true, &synced));
  require_code(s, {CONFIDANT_CODE_INVALID_ARGUMENT});  // no config installed
  if (s.ok) (void)check_buffer(synced, false, "sync");
  confidant_stats stats{};
  FUZZ_REQUIRE(TAKE(confidant_sdk_stats(sdk, &stats, sizeof stats)).ok, "stats");
  FUZZ_REQUIRE(stats.persisted <= stats.accepted, "persisted more than accepted");
  if (paused) FUZZ_REQUIRE(TAKE(confidant_sdk_set_paused(sdk, false)).ok, "resume");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fuzz::Input input = fuzz::split_mode(data, size);
  Session& s = session();
  confidant_sdk* sdk = s.sdk;
  switch (fuzz::mode_index(input.mode, "trpfwcgxma")) {
    case 0: track(sdk, input.payload); break;
    case 1: rank(sdk, input.payload); break;
    case 2: prefer(sdk, input.payload); break;
    case 3: forget(sdk, input.payload); break;
    case 4: why(sdk, input.payload); break;
    case 5: install(sdk, input.payload); break;
    case 6: consent(sdk, input.payload); break;
    case 7: outputs(sdk, input.payload); break;
    case 8: apply_cmp(sdk, input.payload); break;
    default: privacy_action(s, input.payload); break;
  }
  return 0;
}

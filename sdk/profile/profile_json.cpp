// The public Profile's JSON form (confidant/profile.hpp documents it): one
// line, members in a fixed order, times as ISO 8601 UTC with milliseconds.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/time.hpp"
#include "confidant/profile.hpp"
#include "signals/signal.hpp"

namespace confidant {
namespace {

void key(std::string& out, std::string_view name) {
  json::append_json_string(out, name);
  out += ':';
}

void string_member(std::string& out, std::string_view name, std::string_view value) {
  key(out, name);
  json::append_json_string(out, value);
}

// A time the writer cannot express (before 1970 or after 9999) is null rather
// than a made-up date.
void time_member(std::string& out, std::string_view name, std::int64_t unix_ms) {
  key(out, name);
  const std::string text = timefmt::iso8601_utc(unix_ms);
  if (text.empty()) {
    out += "null";
  } else {
    json::append_json_string(out, text);
  }
}

void int_member(std::string& out, std::string_view name, std::int64_t value) {
  key(out, name);
  out += std::to_string(value);
}

void double_member(std::string& out, std::string_view name, double value) {
  key(out, name);
  json::append_json_double(out, value);
}

// "name":[item,item,...], each written by write(out, item).
template <typename Items, typename Write>
void array_member(std::string& out, std::string_view name, const Items& items, Write&& write) {
  key(out, name);
  out += '[';
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ',';
    first = false;
    out += '{';
    write(out, item);
    out += '}';
  }
  out += ']';
}

}  // namespace

const char* preference_kind_name(PreferenceKind kind) noexcept {
  switch (kind) {
    case PreferenceKind::kLike: return "like";
    case PreferenceKind::kDislike: return "dislike";
    case PreferenceKind::kBlock: return "block";
  }
  return "invalid";
}

std::string to_json(const Profile& profile) {
  std::string out = "{";
  time_member(out, "as_of", profile.as_of_ms);
  out += ",";
  key(out, "paused");
  out += profile.paused ? "true" : "false";

  out += ",";
  array_member(out, "preferences", profile.preferences, [](std::string& o, const StatedPreference& p) {
    string_member(o, "kind", preference_kind_name(p.kind));
    o += ',';
    string_member(o, "target", p.target);
    o += ',';
    string_member(o, "text", p.text);
    o += ',';
    time_member(o, "at", p.at_ms);
    o += ',';
    string_member(o, "explanation", p.explanation);
  });

  out += ",";
  array_member(out, "interests", profile.interests, [](std::string& o, const Interest& i) {
    string_member(o, "target", i.target);
    o += ',';
    double_member(o, "score", i.score);
    o += ',';
    int_member(o, "signals", i.signals);
    o += ',';
    time_member(o, "last", i.last_ms);
    o += ',';
    string_member(o, "explanation", i.explanation);
  });

  out += ",";
  array_member(out, "usual", profile.usual, [](std::string& o, const Usual& u) {
    string_member(o, "attribute", u.attribute);
    o += ',';
    string_member(o, "value", u.value);
    o += ',';
    int_member(o, "orders", u.orders);
    o += ',';
    double_member(o, "share", u.share);
    o += ',';
    string_member(o, "explanation", u.explanation);
  });

  out += ",";
  array_member(out, "suppressions", profile.suppressions, [](std::string& o, const Suppression& s) {
    string_member(o, "target", s.target);
    o += ',';
    string_member(o, "reason", signals::name(s.reason));
    o += ',';
    time_member(o, "since", s.since_ms);
    o += ',';
    time_member(o, "until", s.until_ms);
    o += ',';
    string_member(o, "explanation", s.explanation);
  });

  out += "}";
  return out;
}

}  // namespace confidant

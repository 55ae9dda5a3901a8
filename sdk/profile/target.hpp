// Targets: what a preference, a suppression or a forget() is about, in the
// text form the app, the person and the CLI share (confidant/profile.hpp):
//   "drinks/coffee"   a category path (and everything under it)
//   "milk=oat"        one attribute value
//   "item:latte-1"    one item
// and the path arithmetic the profile needs on category paths.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "confidant/signal.hpp"
#include "confidant/status.hpp"

namespace confidant::profile {

enum class TargetKind : std::uint8_t { kCategory, kAttribute, kItem };

// "category", "attribute", "item": the names stored in the profile tables.
std::string_view name(TargetKind kind) noexcept;
Result<TargetKind> parse_target_kind(std::string_view text);

inline constexpr std::string_view kItemPrefix = "item:";

// A parsed target.
struct Target {
  using Kind = TargetKind;
  Kind kind = Kind::kCategory;
  std::string text;   // canonical form, as the person sees it
  std::string key;    // category path, attribute key, or item id
  std::string value;  // attribute value (kAttribute only)
};

// kInvalidArgument naming "target" when malformed. The rules are the signal
// fields' (signals/validate.hpp): category path syntax, non-empty attribute
// key and value, item id 1..128 bytes, UTF-8 without control characters.
// "item:" wins over '=': "item:a=b" is the item "a=b" (ids are opaque to us;
// an attribute key never needs a colon).
Result<Target> parse_target(std::string_view text);

// The canonical text of a target from its parts.
std::string target_text(TargetKind kind, std::string_view key, std::string_view value);

// true when `path` is `ancestor` itself or lies under it: "drinks/tea" is
// under "drinks", "drinkshop" is not.
constexpr bool is_under(std::string_view path, std::string_view ancestor) noexcept {
  if (path.size() < ancestor.size() || path.substr(0, ancestor.size()) != ancestor) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '/';
}

// Whether a row about (kind, key, value) falls under `target`: a category
// target covers its path and everything under it; the others only themselves.
inline bool covers(const Target& target, TargetKind kind, std::string_view key, std::string_view value) noexcept {
  if (kind != target.kind) return false;
  switch (kind) {
    case TargetKind::kCategory: return is_under(key, target.key);
    case TargetKind::kAttribute: return key == target.key && value == target.value;
    case TargetKind::kItem: return key == target.key;
  }
  return false;
}

// Whether a signal says anything about `target`, by the same rule as
// covers(): its item, one of its paths (at or under a category target), or
// one of its attributes. What forget() erases of the raw signals.
inline bool mentions(const Target& target, const Signal& signal) noexcept {
  switch (target.kind) {
    case TargetKind::kItem: return signal.item && covers(target, TargetKind::kItem, *signal.item, {});
    case TargetKind::kCategory:
      for (const std::string& path : signal.categories) {
        if (covers(target, TargetKind::kCategory, path, {})) return true;
      }
      return false;
    case TargetKind::kAttribute:
      for (const auto& [key, value] : signal.attrs) {
        if (covers(target, TargetKind::kAttribute, key, value)) return true;
      }
      return false;
  }
  return false;
}

// Number of segments of a valid path ("a/b/c" -> 3).
constexpr std::size_t segment_count(std::string_view path) noexcept {
  std::size_t segments = path.empty() ? 0 : 1;
  for (const char c : path) segments += c == '/' ? 1 : 0;
  return segments;
}

// Calls fn(prefix) for "a", "a/b", "a/b/c" of "a/b/c" (shortest first); stops
// early when fn returns true, and then returns true itself.
template <typename Fn>
bool any_prefix(std::string_view path, Fn&& fn) {
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
    if (fn(path.substr(0, slash))) return true;
  }
  return !path.empty() && fn(path);
}

}  // namespace confidant::profile

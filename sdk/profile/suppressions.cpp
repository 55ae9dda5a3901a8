#include "profile/suppressions.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace confidant::profile {
namespace {

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  return b > 0 && a > kMax - b ? kMax : a + b;
}

}  // namespace

void Suppressions::suppress(TargetKind kind, std::string_view key, SignalType reason, bool sensitive,
                            std::int64_t at_ms, std::int64_t period_ms) {
  SuppressionSpan& span = table_.touch({kind, reason, sensitive, key, {}});
  span.since_ms = std::max(span.since_ms, at_ms);
  span.until_ms = std::max(span.until_ms, saturating_add(at_ms, period_ms));
  index(kind, key, span.until_ms);
}

void Suppressions::insert_saved(RowKey key, SuppressionSpan span) {
  index(key.kind, key.key, span.until_ms);
  table_.insert_saved(std::move(key), span);
}

void Suppressions::index(TargetKind kind, std::string_view key, std::int64_t until_ms) {
  text::StringMap<std::int64_t>& by_key = kind == TargetKind::kItem ? item_until_ : path_until_;
  auto it = by_key.find(key);
  if (it == by_key.end()) it = by_key.emplace(std::string(key), until_ms).first;
  it->second = std::max(it->second, until_ms);
}

void Suppressions::reindex() {
  item_until_.clear();
  path_until_.clear();
  table_.for_each([this](const RowKey& key, const SuppressionSpan& span) { index(key.kind, key.key, span.until_ms); });
}

std::int64_t Suppressions::item_until(std::string_view item) const {
  const auto it = item_until_.find(item);
  return it == item_until_.end() ? 0 : it->second;
}

std::int64_t Suppressions::path_until(std::string_view path) const {
  std::int64_t until = 0;
  if (path_until_.empty()) return until;
  any_prefix(path, [&](std::string_view prefix) {
    if (const auto it = path_until_.find(prefix); it != path_until_.end()) until = std::max(until, it->second);
    return false;
  });
  return until;
}

bool Suppressions::suppressed(std::string_view item, std::span<const std::string> categories,
                              std::int64_t now_ms) const {
  if (!item.empty() && item_until(item) > now_ms) return true;
  return std::any_of(categories.begin(), categories.end(),
                     [&](const std::string& path) { return path_until(path) > now_ms; });
}

}  // namespace confidant::profile

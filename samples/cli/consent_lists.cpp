#include "consent_lists.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace confidant::cli {
namespace {

std::optional<DataCategory> category_named(std::string_view name) {
  for (const DataCategory category : kAllCategories) {
    if (category_name(category) == name) return category;
  }
  return std::nullopt;
}

std::optional<Use> use_named(std::string_view name) {
  for (const Use use : kAllUses) {
    if (use_name(use) == name) return use;
  }
  return std::nullopt;
}

// One reader for both lists: they differ only in their vocabulary.
template <typename T, std::size_t N, typename Lookup, typename Namer>
ListOr<T> parse_list(std::string_view text, std::string_view field, const std::array<T, N>& all, Lookup lookup,
                     Namer namer) {
  if (text == "all") return std::vector<T>(all.begin(), all.end());
  std::string expected = "\"all\" or a comma list of";
  for (const T value : all) {
    expected += ' ';
    expected += namer(value);
  }
  if (text.empty()) return std::string(field) + ": empty (expected " + expected + ")";
  std::vector<T> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string_view item = text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    // "all" is only a whole argument: inside a list ("purchases,all") it is
    // more likely a slip than a wish to grant everything, so it is refused.
    const auto value = lookup(item);
    if (!value) {
      return std::string(field) + ": unknown '" + std::string(item) + "' (expected " + expected + ")";
    }
    if (std::find(out.begin(), out.end(), *value) == out.end()) out.push_back(*value);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::string_view category_name(DataCategory category) noexcept {
  switch (category) {
    case DataCategory::kPreferences: return "preferences";
    case DataCategory::kBrowsing: return "browsing";
    case DataCategory::kSearch: return "search";
    case DataCategory::kPurchases: return "purchases";
    case DataCategory::kLocation: return "location";
    case DataCategory::kSensitive: return "sensitive";
  }
  return "?";
}

std::string_view use_name(Use use) noexcept {
  switch (use) {
    case Use::kPersonalize: return "personalize";
    case Use::kShare: return "share";
  }
  return "?";
}

ListOr<DataCategory> parse_categories(std::string_view text) {
  return parse_list(text, "categories", kAllCategories, category_named, category_name);
}

ListOr<Use> parse_uses(std::string_view text) { return parse_list(text, "uses", kAllUses, use_named, use_name); }

}  // namespace confidant::cli

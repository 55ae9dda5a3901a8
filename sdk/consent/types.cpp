#include "consent/types.hpp"

#include <algorithm>
#include <string>

#include "common/quote.hpp"

namespace confidant::consent {
namespace {

using text::quoted;

constexpr std::array<std::string_view, 6> kCategoryNames = {"preferences", "browsing", "search",
                                                            "purchases",   "location", "sensitive"};
constexpr std::array<std::string_view, 2> kUseNames = {"personalize", "share"};
constexpr std::array<std::string_view, 3> kStateNames = {"unknown", "granted", "denied"};
constexpr std::array<std::string_view, 2> kDecisionNames = {"granted", "withdrawn"};
constexpr std::array<std::string_view, 3> kSourceNames = {"user", "app_default", "cmp"};

template <typename Enum, std::size_t N>
Result<Enum> parse_name(std::string_view field, const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return Status{ErrorCode::kInvalidArgument, std::string(field) + ": unknown value " + quoted(text)};
}

template <typename Enum, std::size_t N>
Result<std::vector<Enum>> parse_list(std::string_view field, const std::array<Enum, N>& all,
                                     Result<Enum> (*parse_one)(std::string_view), std::string_view list) {
  if (list == "all") return std::vector<Enum>(all.begin(), all.end());
  std::vector<Enum> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = list.find(',', start);
    const std::string_view item = list.substr(start, comma == std::string_view::npos ? list.npos : comma - start);
    if (item.empty()) return Status{ErrorCode::kInvalidArgument, std::string(field) + ": empty item in " + quoted(list)};
    auto value = parse_one(item);
    if (!value) return value.status();
    if (std::find(out.begin(), out.end(), value.value()) == out.end()) out.push_back(value.value());
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

template <typename Enum, std::size_t N>
std::string_view lookup(const std::array<std::string_view, N>& names, Enum value) noexcept {
  const auto index = static_cast<std::size_t>(value);
  return index < N ? names[index] : std::string_view("invalid");
}

}  // namespace

std::string_view name(DataCategory category) noexcept { return lookup(kCategoryNames, category); }
std::string_view name(Use use) noexcept { return lookup(kUseNames, use); }
std::string_view name(ConsentState state) noexcept { return lookup(kStateNames, state); }
std::string_view name(Decision decision) noexcept { return lookup(kDecisionNames, decision); }
std::string_view name(Source source) noexcept { return lookup(kSourceNames, source); }

Result<DataCategory> parse_category(std::string_view text) {
  return parse_name<DataCategory>("category", kCategoryNames, text);
}
Result<Use> parse_use(std::string_view text) { return parse_name<Use>("use", kUseNames, text); }
Result<ConsentState> parse_state(std::string_view text) {
  return parse_name<ConsentState>("state", kStateNames, text);
}
Result<Decision> parse_decision(std::string_view text) {
  return parse_name<Decision>("decision", kDecisionNames, text);
}
Result<Source> parse_source(std::string_view text) { return parse_name<Source>("source", kSourceNames, text); }

Result<std::vector<DataCategory>> parse_categories(std::string_view list) {
  return parse_list("categories", kAllCategories, &parse_category, list);
}
Result<std::vector<Use>> parse_uses(std::string_view list) { return parse_list("uses", kAllUses, &parse_use, list); }

}  // namespace confidant::consent

#include "signals/signal.hpp"

#include "common/quote.hpp"

namespace confidant::signals {
namespace {

using consent::DataCategory;
using text::quoted;

struct TypeInfo {
  std::string_view name;
  DataCategory category;
  FieldRules rules;
};

constexpr Presence kNo = Presence::kForbidden;
constexpr Presence kMay = Presence::kOptional;
constexpr Presence kMust = Presence::kRequired;

// Indexed by SignalType; the header's two tables are this one, in words.
//                                                          item   query  rating text   target
constexpr std::array<TypeInfo, kAllSignalTypes.size()> kTypes = {{
    {"view", DataCategory::kBrowsing, {kMust, kNo, kNo, kNo, false}},
    {"search", DataCategory::kSearch, {kMay, kMust, kNo, kNo, false}},
    {"add_to_cart", DataCategory::kBrowsing, {kMust, kNo, kNo, kNo, false}},
    {"purchase", DataCategory::kPurchases, {kMust, kNo, kNo, kNo, false}},
    {"order", DataCategory::kPurchases, {kMust, kNo, kNo, kNo, false}},
    {"dismiss", DataCategory::kBrowsing, {kMust, kNo, kNo, kNo, false}},
    {"already_have", DataCategory::kPurchases, {kMust, kNo, kNo, kNo, false}},
    {"rate", DataCategory::kBrowsing, {kMust, kNo, kMust, kNo, false}},
    {"visit", DataCategory::kLocation, {kMust, kNo, kNo, kNo, false}},
    {"impression", DataCategory::kBrowsing, {kMust, kNo, kNo, kNo, false}},
    {"click", DataCategory::kBrowsing, {kMust, kNo, kNo, kNo, false}},
    {"like", DataCategory::kPreferences, {kMay, kNo, kNo, kMay, true}},
    {"dislike", DataCategory::kPreferences, {kMay, kNo, kNo, kMay, true}},
    {"block", DataCategory::kPreferences, {kMay, kNo, kNo, kMay, true}},
}};

const TypeInfo* info(SignalType type) noexcept {
  const auto index = static_cast<std::size_t>(type);
  return index < kTypes.size() ? &kTypes[index] : nullptr;
}

}  // namespace

std::string_view name(SignalType type) noexcept {
  const TypeInfo* found = info(type);
  return found ? found->name : std::string_view("invalid");
}

Result<SignalType> parse_signal_type(std::string_view text) {
  for (std::size_t i = 0; i < kTypes.size(); ++i) {
    if (kTypes[i].name == text) return static_cast<SignalType>(i);
  }
  return Status{ErrorCode::kInvalidArgument, "type: unknown value " + quoted(text)};
}

DataCategory data_category(SignalType type) noexcept {
  const TypeInfo* found = info(type);
  // An out-of-range value never passes validate(); the narrowest grant is the
  // safe answer should anyone ask anyway.
  return found ? found->category : DataCategory::kSensitive;
}

FieldRules field_rules(SignalType type) noexcept {
  const TypeInfo* found = info(type);
  return found ? found->rules : FieldRules{kNo, kNo, kNo, kNo, false};
}

}  // namespace confidant::signals

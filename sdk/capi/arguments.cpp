#include "capi/arguments.hpp"

#include <string>

#include "capi/errors.hpp"
#include "confidant/clock.hpp"

namespace confidant::capi {
namespace {

// The C numbers are the C++ enums' values, so conversion is a range check.
static_assert(CONFIDANT_CATEGORY_PREFERENCES == static_cast<int>(DataCategory::kPreferences));
static_assert(CONFIDANT_CATEGORY_BROWSING == static_cast<int>(DataCategory::kBrowsing));
static_assert(CONFIDANT_CATEGORY_SEARCH == static_cast<int>(DataCategory::kSearch));
static_assert(CONFIDANT_CATEGORY_PURCHASES == static_cast<int>(DataCategory::kPurchases));
static_assert(CONFIDANT_CATEGORY_LOCATION == static_cast<int>(DataCategory::kLocation));
static_assert(CONFIDANT_CATEGORY_SENSITIVE == static_cast<int>(DataCategory::kSensitive));
static_assert(CONFIDANT_CATEGORY_COUNT == kAllCategories.size());
static_assert(CONFIDANT_USE_PERSONALIZE == static_cast<int>(Use::kPersonalize));
static_assert(CONFIDANT_USE_SHARE == static_cast<int>(Use::kShare));
static_assert(CONFIDANT_USE_COUNT == kAllUses.size());
static_assert(CONFIDANT_CONSENT_UNKNOWN == static_cast<int>(ConsentState::kUnknown));
static_assert(CONFIDANT_CONSENT_GRANTED == static_cast<int>(ConsentState::kGranted));
static_assert(CONFIDANT_CONSENT_DENIED == static_cast<int>(ConsentState::kDenied));
static_assert(CONFIDANT_SOURCE_USER == static_cast<int>(Source::kUser));
static_assert(CONFIDANT_SOURCE_APP_DEFAULT == static_cast<int>(Source::kAppDefault));
static_assert(CONFIDANT_PREFERENCE_LIKE == static_cast<int>(PreferenceKind::kLike));
static_assert(CONFIDANT_PREFERENCE_DISLIKE == static_cast<int>(PreferenceKind::kDislike));
static_assert(CONFIDANT_PREFERENCE_BLOCK == static_cast<int>(PreferenceKind::kBlock));
static_assert(CONFIDANT_LOG_DEBUG == static_cast<int>(LogLevel::kDebug));
static_assert(CONFIDANT_LOG_INFO == static_cast<int>(LogLevel::kInfo));
static_assert(CONFIDANT_LOG_WARNING == static_cast<int>(LogLevel::kWarning));
static_assert(CONFIDANT_LOG_ERROR == static_cast<int>(LogLevel::kError));

template <typename Cpp>
std::optional<Cpp> in_range(int value, int last) noexcept {
  if (value < 0 || value > last) return std::nullopt;
  return static_cast<Cpp>(value);
}

}  // namespace

std::optional<std::string_view> text_argument(const char* data, std::size_t len) noexcept {
  if (data == nullptr) return len == 0 ? std::optional<std::string_view>(std::string_view()) : std::nullopt;
  return std::string_view(data, len);
}

confidant_error* null_text(std::string_view parameter, std::size_t len) noexcept {
  try {
    return make_error(ErrorCode::kInvalidArgument,
                      std::string(parameter) + ": NULL with length " + std::to_string(len));
  } catch (...) {
    return out_of_memory();
  }
}

std::optional<DataCategory> to_category(confidant_category value) noexcept {
  return in_range<DataCategory>(value, CONFIDANT_CATEGORY_SENSITIVE);
}

std::optional<Use> to_use(confidant_use value) noexcept { return in_range<Use>(value, CONFIDANT_USE_SHARE); }

std::optional<Source> to_source(confidant_consent_source value) noexcept {
  return in_range<Source>(value, CONFIDANT_SOURCE_APP_DEFAULT);
}

std::optional<PreferenceKind> to_preference_kind(confidant_preference_kind value) noexcept {
  return in_range<PreferenceKind>(value, CONFIDANT_PREFERENCE_BLOCK);
}

confidant_consent_state to_c(ConsentState state) noexcept { return static_cast<confidant_consent_state>(state); }

}  // namespace confidant::capi

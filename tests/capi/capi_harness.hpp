// Helpers for tests that drive libconfidant_c.so through confidant.h only,
// as a host would: owning wrappers for the C handles, and Catch2 checks for
// error objects.
//
// Thread-safety: plain values; each test owns its handles.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "confidant/confidant.h"

namespace capi_test {

struct ErrorFree {
  void operator()(confidant_error* e) const { confidant_error_free(e); }
};
struct OptionsFree {
  void operator()(confidant_options* o) const { confidant_options_free(o); }
};
struct ProviderFree {
  void operator()(confidant_key_provider* p) const { confidant_key_provider_free(p); }
};
struct SdkFree {
  void operator()(confidant_sdk* s) const { confidant_sdk_free(s); }
};
using Error = std::unique_ptr<confidant_error, ErrorFree>;
using Options = std::unique_ptr<confidant_options, OptionsFree>;
using Provider = std::unique_ptr<confidant_key_provider, ProviderFree>;
using Sdk = std::unique_ptr<confidant_sdk, SdkFree>;

// What an error said, copied out so the error can be freed at once.
struct Outcome {
  bool ok = true;
  confidant_code code = CONFIDANT_CODE_OK;
  std::string message;
};

inline Outcome outcome(confidant_error* raw) {
  const Error error(raw);
  if (!error) return {};
  return {false, confidant_error_code(error.get()), confidant_error_message(error.get())};
}

#define CAPI_REQUIRE_OK(call)                                 \
  do {                                                        \
    const ::capi_test::Outcome capi_outcome_ = ::capi_test::outcome(call); \
    INFO(capi_outcome_.message);                              \
    REQUIRE(capi_outcome_.ok);                                \
  } while (0)

inline bool mentions(const Outcome& o, std::string_view needle) {
  return o.message.find(needle) != std::string::npos;
}

// NULL where the header says non-null, on purpose: the tests prove it is an
// error, not a crash. Not a literal, so Clang's -Wnonnull lets it through.
template <typename T>
T* absent() noexcept {
  return nullptr;
}

// 2026-11-20T08:00:00.000Z.
inline constexpr std::int64_t kNow = 1795161600000;

// Options for `dir` with `provider` and a fixed clock, ready to open.
inline Options options_for(const std::string& dir, const confidant_key_provider* provider) {
  confidant_options* raw = nullptr;
  CAPI_REQUIRE_OK(confidant_options_new(&raw));
  Options options(raw);
  CAPI_REQUIRE_OK(confidant_options_set_dir(options.get(), dir.c_str()));
  CAPI_REQUIRE_OK(confidant_options_set_key_provider(options.get(), provider));
  CAPI_REQUIRE_OK(confidant_options_set_fixed_clock(options.get(), kNow));
  return options;
}

inline Sdk open(const confidant_options* options) {
  confidant_sdk* raw = nullptr;
  CAPI_REQUIRE_OK(confidant_sdk_open(options, &raw));
  return Sdk(raw);
}

inline Outcome track(confidant_sdk* sdk, std::string_view json) {
  return outcome(confidant_sdk_track_json(sdk, json.data(), json.size()));
}

inline Outcome grant_all(confidant_sdk* sdk) {
  const confidant_category categories[] = {CONFIDANT_CATEGORY_PREFERENCES, CONFIDANT_CATEGORY_BROWSING,
                                           CONFIDANT_CATEGORY_SEARCH, CONFIDANT_CATEGORY_PURCHASES};
  const confidant_use uses[] = {CONFIDANT_USE_PERSONALIZE};
  return outcome(confidant_sdk_grant(sdk, categories, 4, uses, 1, CONFIDANT_SOURCE_USER, nullptr, 0, nullptr, 0));
}

// The buffer's bytes as a string; releases the buffer.
inline std::string take(confidant_buffer& buffer) {
  std::string text = buffer.data ? std::string(reinterpret_cast<const char*>(buffer.data), buffer.len) : "";
  confidant_buffer_free(&buffer);
  return text;
}

}  // namespace capi_test

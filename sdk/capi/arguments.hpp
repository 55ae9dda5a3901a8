// Reading C arguments into C++ values: data strings given as pointer and
// length, and the C enums, checked against the C++ enums they mirror.
//
// A C enum parameter can hold any int the host put there, so each reader
// returns std::nullopt for a number that is not a value, and the caller
// reports it naming the parameter.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "confidant/confidant.h"
#include "confidant/consent.hpp"
#include "confidant/profile.hpp"

namespace confidant::capi {

// `len` bytes at `data`. NULL is accepted as "" only with length 0: a NULL
// with a length is a host bug that must not be read.
std::optional<std::string_view> text_argument(const char* data, std::size_t len) noexcept;

// "<parameter>: NULL with length <len>", kInvalidArgument.
confidant_error* null_text(std::string_view parameter, std::size_t len) noexcept;

std::optional<DataCategory> to_category(confidant_category value) noexcept;
std::optional<Use> to_use(confidant_use value) noexcept;
std::optional<Source> to_source(confidant_consent_source value) noexcept;
std::optional<PreferenceKind> to_preference_kind(confidant_preference_kind value) noexcept;

confidant_consent_state to_c(ConsentState state) noexcept;

}  // namespace confidant::capi

// The privacy center's strings table: every text a person sees, by key, in
// English (docs/privacy-center.md lists it for translators).
//
// Thread-safety: the table is a constant; text() is a pure function.
#pragma once

#include <span>
#include <string_view>

#include "confidant/privacy_center.hpp"

namespace confidant::api {

struct TextTemplate {
  std::string_view key;
  std::string_view english;  // "{name}" is replaced by the parameter `name`
};

// Every key, in the order docs/privacy-center.md lists them.
std::span<const TextTemplate> privacy_text_table() noexcept;

// The Text for `key` with `params` filled in. A key not in the table is a
// bug in the model builder, not the person's problem: its text is the key.
Text text(std::string_view key, TextParams params = {});

}  // namespace confidant::api

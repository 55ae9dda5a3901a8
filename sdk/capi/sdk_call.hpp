// What every confidant_sdk_* entry point does around its one C++ call: check
// the handle, stop exceptions, and turn the answer into an error or a buffer.
//
// Thread-safety: adds nothing to the Sdk's own (any thread).
#pragma once

#include <string>

#include "capi/buffers.hpp"
#include "capi/errors.hpp"

namespace confidant::capi {

template <typename Body>
confidant_error* with_sdk(confidant_sdk* sdk, Body&& body) noexcept {
  if (sdk == nullptr || !sdk->value) return null_argument("sdk");
  return guard([&]() -> confidant_error* { return body(*sdk->value); });
}

// A JSON answer: the text into `out`, or the error (and `out` left empty).
template <typename Call>
confidant_error* json_into(confidant_sdk* sdk, confidant_buffer* out, Call&& call) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = confidant_buffer{nullptr, 0};
  return with_sdk(sdk, [&](Sdk& s) -> confidant_error* {
    Result<std::string> text = call(s);
    if (!text) return from_status(text.status());
    return fill_buffer(out, text.value());
  });
}

}  // namespace confidant::capi

// The C entry points of the privacy center (docs/privacy-center.md): the
// model as JSON, and one action of it performed from JSON, which is all a
// web page's bridge needs.
#include <string>

#include "capi/arguments.hpp"
#include "capi/sdk_call.hpp"
#include "confidant/privacy_center.hpp"

using namespace confidant;
using namespace confidant::capi;

extern "C" {

confidant_error* confidant_sdk_privacy_center_json(confidant_sdk* sdk, confidant_buffer* out) noexcept {
  return json_into(sdk, out, [](Sdk& s) -> Result<std::string> {
    Result<PrivacyCenter> center = s.privacy_center();
    if (!center) return center.status();
    return to_json(center.value());
  });
}

confidant_error* confidant_sdk_perform_privacy_action_json(confidant_sdk* sdk, const char* json, size_t json_len,
                                                           confidant_buffer* out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = confidant_buffer{nullptr, 0};
  const auto text = text_argument(json, json_len);
  if (!text) return null_text("json", json_len);
  return json_into(sdk, out, [&](Sdk& s) -> Result<std::string> {
    Result<PrivacyActionResult> result = s.perform_privacy_action(*text);
    if (!result) return result.status();
    return to_json(result.value());
  });
}

}  // extern "C"

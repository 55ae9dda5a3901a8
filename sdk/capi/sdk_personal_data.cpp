// The C entry points over what the person does and says: track, prefer,
// forget, pause, and reading it all back (profile, export).
#include <string>

#include "capi/arguments.hpp"
#include "capi/sdk_call.hpp"

using namespace confidant;
using namespace confidant::capi;

extern "C" {

confidant_error* confidant_sdk_track_json(confidant_sdk* sdk, const char* json, size_t json_len) noexcept {
  const auto text = text_argument(json, json_len);
  if (!text) return null_text("json", json_len);
  return with_sdk(sdk, [&](Sdk& s) -> confidant_error* {
    const Result<Signal> signal = signal_from_json(*text);
    if (!signal) return from_status(signal.status());
    return from_status(s.track(signal.value()));
  });
}

confidant_error* confidant_sdk_prefer(confidant_sdk* sdk, confidant_preference_kind kind, const char* target,
                                      size_t target_len, const char* text, size_t text_len) noexcept {
  const auto preference = to_preference_kind(kind);
  if (!preference) {
    return make_error(ErrorCode::kInvalidArgument, "kind: not a preference kind");
  }
  const auto target_text = text_argument(target, target_len);
  if (!target_text) return null_text("target", target_len);
  const auto words = text_argument(text, text_len);
  if (!words) return null_text("text", text_len);
  return with_sdk(sdk, [&](Sdk& s) { return from_status(s.prefer(*preference, *target_text, *words)); });
}

confidant_error* confidant_sdk_profile_json(confidant_sdk* sdk, confidant_buffer* out) noexcept {
  return json_into(sdk, out, [](Sdk& s) -> Result<std::string> {
    Result<Profile> profile = s.profile();
    if (!profile) return profile.status();
    return to_json(profile.value());
  });
}

confidant_error* confidant_sdk_forget(confidant_sdk* sdk, const char* target, size_t target_len) noexcept {
  const auto target_text = text_argument(target, target_len);
  if (!target_text) return null_text("target", target_len);
  return with_sdk(sdk, [&](Sdk& s) { return from_status(s.forget(*target_text)); });
}

confidant_error* confidant_sdk_set_paused(confidant_sdk* sdk, bool paused) noexcept {
  return with_sdk(sdk, [&](Sdk& s) { return from_status(s.set_paused(paused)); });
}

confidant_error* confidant_sdk_export_json(confidant_sdk* sdk, confidant_buffer* out) noexcept {
  return json_into(sdk, out, [](Sdk& s) { return s.export_json(); });
}

}  // extern "C"

#include "privacy_center_bridge.hpp"

#include "output.hpp"

namespace confidant::cli {
namespace {

std::string error_answer(const Status& status) {
  return R"({"ok":false,"error":{"code":)" + json_string(error_code_name(status.code())) +
         R"(,"message":)" + json_string(status.message()) + "}}";
}

}  // namespace

std::string bridge_model(Sdk& sdk) {
  auto center = sdk.privacy_center();
  if (!center) return error_answer(center.status());
  return R"({"ok":true,"model":)" + to_json(center.value()) + "}";
}

std::string bridge_action(Sdk& sdk, std::string_view action_json) {
  auto done = sdk.perform_privacy_action(action_json);
  if (!done) return error_answer(done.status());
  // The action happened; a model that cannot be read now (the store was
  // erased and closed) is shown as none rather than as a failure.
  auto center = sdk.privacy_center();
  return R"({"ok":true,"result":)" + to_json(done.value()) +
         R"(,"model":)" + (center ? to_json(center.value()) : std::string("null")) + "}";
}

}  // namespace confidant::cli

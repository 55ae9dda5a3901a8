// The C entry points of aggregated sync: install a config, sync, the ledger,
// the budget (docs/sync.md).
#include <chrono>
#include <string_view>

#include "capi/arguments.hpp"
#include "capi/sdk_call.hpp"

using namespace confidant;
using namespace confidant::capi;

extern "C" {

confidant_error* confidant_sdk_install_config(confidant_sdk* sdk, const uint8_t* config, size_t config_len) noexcept {
  if (config == nullptr && config_len != 0) return null_argument("config");
  return with_sdk(sdk, [&](Sdk& s) {
    return from_status(s.install_config(std::string_view(reinterpret_cast<const char*>(config), config_len)));
  });
}

confidant_error* confidant_sdk_sync_json(confidant_sdk* sdk, int64_t deadline_ms, bool dry_run,
                                         confidant_buffer* out) noexcept {
  // Reset before the argument check can fail: a failed call leaves {NULL, 0}.
  if (out != nullptr) *out = confidant_buffer{nullptr, 0};
  if (deadline_ms < 0) return make_error(ErrorCode::kInvalidArgument, "deadline_ms: must not be negative");
  return json_into(sdk, out, [&](Sdk& s) -> Result<std::string> {
    auto result = s.sync({std::chrono::milliseconds(deadline_ms), dry_run});
    if (!result) return result.status();
    return to_json(result.value());
  });
}

confidant_error* confidant_sdk_shared_reports_json(confidant_sdk* sdk, confidant_buffer* out) noexcept {
  return json_into(sdk, out, [](Sdk& s) { return s.shared_reports(); });
}

confidant_error* confidant_sdk_leave_experiment(confidant_sdk* sdk, const char* experiment_id,
                                                size_t experiment_id_len) noexcept {
  const auto id = text_argument(experiment_id, experiment_id_len);
  if (!id) return null_text("experiment_id", experiment_id_len);
  return with_sdk(sdk, [&](Sdk& s) { return from_status(s.leave_experiment(*id)); });
}

confidant_error* confidant_sdk_budget_json(confidant_sdk* sdk, confidant_buffer* out) noexcept {
  return json_into(sdk, out, [](Sdk& s) -> Result<std::string> {
    auto budget = s.budget();
    if (!budget) return budget.status();
    return to_json(budget.value());
  });
}

}  // extern "C"

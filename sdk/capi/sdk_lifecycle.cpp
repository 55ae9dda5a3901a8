// The C entry points that open, wait for, flush, close, erase and free an SDK.
#include <algorithm>
#include <cstring>

#include "capi/sdk_call.hpp"

using namespace confidant;
using namespace confidant::capi;

extern "C" {

confidant_error* confidant_sdk_open(const confidant_options* options, confidant_sdk** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  if (options == nullptr) return null_argument("options");
  return guard([&]() -> confidant_error* {
    auto sdk = Sdk::open(options->value);
    if (!sdk) return from_status(sdk.status());
    *out = new confidant_sdk{std::move(sdk.value())};
    return nullptr;
  });
}

void confidant_sdk_free(confidant_sdk* sdk) noexcept { delete sdk; }

confidant_error* confidant_sdk_wait_until_ready(confidant_sdk* sdk) noexcept {
  return with_sdk(sdk, [](Sdk& s) { return from_status(s.wait_until_ready()); });
}

confidant_error* confidant_sdk_flush(confidant_sdk* sdk) noexcept {
  return with_sdk(sdk, [](Sdk& s) { return from_status(s.flush()); });
}

confidant_error* confidant_sdk_erase(confidant_sdk* sdk) noexcept {
  return with_sdk(sdk, [](Sdk& s) { return from_status(s.erase()); });
}

confidant_error* confidant_sdk_close(confidant_sdk* sdk) noexcept {
  return with_sdk(sdk, [](Sdk& s) { return from_status(s.close()); });
}

confidant_error* confidant_sdk_stats(const confidant_sdk* sdk, confidant_stats* stats, size_t stats_size) noexcept {
  if (stats == nullptr) return null_argument("stats");
  if (sdk == nullptr || !sdk->value) return null_argument("sdk");
  const SdkStats counters = sdk->value->stats();
  const confidant_stats all{counters.accepted, counters.rejected_invalid, counters.dropped_consent,
                            counters.dropped_overflow, counters.persisted};
  // Only as many bytes as the host's struct has: it may predate new fields.
  std::memcpy(stats, &all, std::min(stats_size, sizeof all));
  return nullptr;
}

}  // extern "C"

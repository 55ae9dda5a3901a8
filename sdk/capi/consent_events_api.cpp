// The C entry points that add and remove consent observers: each observer
// becomes a ConsentListener that owns the host's context and hands the
// host a confidant_consent_event filled from the C++ one.
//
// The context lives in a shared_ptr because the listener is a copyable
// std::function the delivery thread copies; `destroy` runs when the last
// copy goes, which the SDK arranges outside its locks (consent_events.hpp).
#include <memory>

#include "capi/arguments.hpp"
#include "capi/host_context.hpp"
#include "capi/host_struct.hpp"
#include "capi/sdk_call.hpp"

using namespace confidant;
using namespace confidant::capi;

static_assert(CONFIDANT_SOURCE_CMP == static_cast<int>(Source::kCmp));

namespace {

ConsentListener observer_listener(std::shared_ptr<HostContext> context,
                                  decltype(confidant_consent_observer::on_consent) on_consent) {
  return [context = std::move(context), on_consent](const ConsentEvent& event) {
    confidant_consent_event c{};
    c.struct_size = sizeof c;
    c.sequence = event.sequence;
    c.category = static_cast<confidant_category>(event.category);
    c.use = static_cast<confidant_use>(event.use);
    c.state = to_c(event.state);
    c.source = static_cast<confidant_consent_source>(event.source);
    c.policy_version = event.policy_version.c_str();
    c.policy_version_len = event.policy_version.size();
    c.at_ms = event.at_unix_ms;
    c.missed = event.missed;
    on_consent(context->get(), &c);
  };
}

}  // namespace

extern "C" {

confidant_error* confidant_sdk_add_consent_observer(confidant_sdk* sdk, const confidant_consent_observer* observer,
                                                    uint64_t* out_id) noexcept {
  if (observer == nullptr) return null_argument("consent_observer");
  return guard([&]() -> confidant_error* {
    confidant_consent_observer host;
    if (confidant_error* e = read_host_struct(
            observer, CONFIDANT_REQUIRED_SIZE(confidant_consent_observer, on_consent), "consent_observer", host)) {
      return e;
    }
    // Owned from here on, whatever fails next (confidant.h, "Host callbacks").
    auto context = std::make_shared<HostContext>(host.ctx, host.destroy);
    if (host.on_consent == nullptr) return null_argument("consent_observer.on_consent");
    if (out_id == nullptr) return null_argument("out_id");
    *out_id = 0;
    return with_sdk(sdk, [&](Sdk& s) -> confidant_error* {
      auto id = s.add_consent_listener(observer_listener(std::move(context), host.on_consent));
      if (!id) return from_status(id.status());
      *out_id = id.value();
      return nullptr;
    });
  });
}

confidant_error* confidant_sdk_remove_consent_observer(confidant_sdk* sdk, uint64_t id) noexcept {
  return with_sdk(sdk, [&](Sdk& s) -> confidant_error* {
    s.remove_consent_listener(id);
    return nullptr;
  });
}

}  // extern "C"

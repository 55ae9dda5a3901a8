// The C++ seams (KeyProvider, Logger, Clock, Transport) implemented over the host's C
// vtables. Each adapter owns the host context and stands between the core
// and the host's code: exceptions thrown through a callback, lengths out of
// range and error objects all become Status values (or, where the seam has
// no way to fail, are absorbed), so a misbehaving host never crashes the
// SDK.
//
// Thread-safety: as the seams themselves (key_provider.hpp, clock.hpp); the
// adapters add no state after construction.
#pragma once

#include <memory>
#include <string>

#include "capi/host_context.hpp"
#include "confidant/clock.hpp"
#include "confidant/confidant.h"
#include "confidant/key_provider.hpp"
#include "confidant/transport.hpp"

namespace confidant::capi {

// Precondition: callbacks.wrap and callbacks.unwrap are set; `kind` checked.
std::shared_ptr<KeyProvider> make_host_key_provider(HostContext context,
                                                    const confidant_key_provider_callbacks& callbacks,
                                                    std::string kind);

// Precondition: logger.log is set.
std::shared_ptr<Logger> make_host_logger(HostContext context, const confidant_logger& logger);

// Precondition: transport.send is set. A response with a status outside
// 100..599, an error from the host, or an exception all become kIo (no
// response): the SDK retries later, as for a network failure.
std::shared_ptr<Transport> make_host_transport(HostContext context, const confidant_transport& transport);

// Precondition: clock.now_ms is set. A reading that throws falls back to the
// system clock.
std::shared_ptr<Clock> make_host_clock(HostContext context, const confidant_clock& clock);

}  // namespace confidant::capi

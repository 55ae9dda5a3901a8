// The collector's HTTP surface on a cpp-httplib server (docs/collector.md):
// POST /v1/reports, GET /v1/config, GET /v1/stats, GET / (dashboard), the
// per-address rate limit before any of them, and a 500 (never a crash) for
// anything a handler did not expect. Used by confidant-collector, on a
// GuardedServer (guarded_server.hpp: its connection limits), and by
// collector_bench, on a plain httplib::Server: both run the same handlers.
#pragma once

#include "collector.hpp"
#include "httplib_system.hpp"
#include "rate_limiter.hpp"

namespace collector {

// `collector` and `limiter` must outlive the server.
void serve(httplib::Server& server, Collector& collector, RateLimiter& limiter);

}  // namespace collector

// The C entry points of confidant_options: each setter stores one field of
// confidant::Options; Sdk::open() checks them all and names the bad one.
#include "capi/errors.hpp"
#include "capi/host_seams.hpp"
#include "capi/host_struct.hpp"

using namespace confidant;
using namespace confidant::capi;

namespace {

// Setters share the NULL check and the exception barrier.
template <typename Set>
confidant_error* set(confidant_options* options, Set&& assign) noexcept {
  if (options == nullptr) return null_argument("options");
  return guard([&]() -> confidant_error* {
    assign(options->value);
    return nullptr;
  });
}

// The host callback setters (logger, clock, transport): read the host's
// struct at whatever size it was compiled with (host_struct.hpp), own its
// context from then on whatever happens, check its required hook, and store
// the adapter `make` builds.
template <typename Host, typename Hook, typename Make>
confidant_error* set_host(confidant_options* options, const Host* given, std::size_t required_size, Hook Host::*hook,
                          const char* name, const char* hook_name, Make&& make) noexcept {
  if (given == nullptr) return null_argument(name);
  return guard([&]() -> confidant_error* {
    Host host;
    if (confidant_error* e = read_host_struct(given, required_size, name, host)) return e;
    HostContext context(host.ctx, host.destroy);
    if (host.*hook == nullptr) return null_argument(hook_name);
    return set(options, [&](Options& o) { make(o, std::move(context), host); });
  });
}

}  // namespace

extern "C" {

confidant_error* confidant_options_new(confidant_options** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  return guard([&]() -> confidant_error* {
    *out = new confidant_options{};
    return nullptr;
  });
}

void confidant_options_free(confidant_options* options) noexcept { delete options; }

confidant_error* confidant_options_set_dir(confidant_options* options, const char* dir) noexcept {
  if (dir == nullptr) return null_argument("dir");
  return set(options, [&](Options& o) { o.dir = std::filesystem::path(dir); });
}

confidant_error* confidant_options_set_key_provider(confidant_options* options,
                                                    const confidant_key_provider* provider) noexcept {
  if (provider == nullptr) return null_argument("provider");
  return set(options, [&](Options& o) { o.key_provider = provider->value; });
}

confidant_error* confidant_options_set_logger(confidant_options* options, const confidant_logger* given) noexcept {
  return set_host(options, given, CONFIDANT_REQUIRED_SIZE(confidant_logger, log), &confidant_logger::log, "logger",
                  "logger.log", [](Options& o, HostContext&& context, const confidant_logger& logger) {
                    o.logger = make_host_logger(std::move(context), logger);
                  });
}

confidant_error* confidant_options_set_clock(confidant_options* options, const confidant_clock* given) noexcept {
  return set_host(options, given, CONFIDANT_REQUIRED_SIZE(confidant_clock, now_ms), &confidant_clock::now_ms, "clock",
                  "clock.now_ms", [](Options& o, HostContext&& context, const confidant_clock& clock) {
                    o.clock = make_host_clock(std::move(context), clock);
                  });
}

confidant_error* confidant_options_set_transport(confidant_options* options,
                                                 const confidant_transport* given) noexcept {
  return set_host(options, given, CONFIDANT_REQUIRED_SIZE(confidant_transport, send), &confidant_transport::send,
                  "transport", "transport.send",
                  [](Options& o, HostContext&& context, const confidant_transport& transport) {
                    o.transport = make_host_transport(std::move(context), transport);
                  });
}

confidant_error* confidant_options_set_brand_signing_key(confidant_options* options, const char* key_hex) noexcept {
  if (key_hex == nullptr) return null_argument("key_hex");
  return set(options, [&](Options& o) { o.brand_signing_key = key_hex; });
}

confidant_error* confidant_options_set_sync_url(confidant_options* options, const char* url) noexcept {
  if (url == nullptr) return null_argument("url");
  return set(options, [&](Options& o) { o.sync.url = url; });
}

confidant_error* confidant_options_set_fixed_clock(confidant_options* options, int64_t unix_ms) noexcept {
  return set(options, [&](Options& o) { o.clock = make_fixed_clock(unix_ms); });
}

confidant_error* confidant_options_set_queue_capacity(confidant_options* options, size_t signals) noexcept {
  return set(options, [&](Options& o) { o.queue_capacity = signals; });
}

confidant_error* confidant_options_set_batch_size(confidant_options* options, size_t signals) noexcept {
  return set(options, [&](Options& o) { o.batch_size = signals; });
}

confidant_error* confidant_options_set_flush_interval_ms(confidant_options* options, int64_t milliseconds) noexcept {
  return set(options, [&](Options& o) { o.flush_interval = std::chrono::milliseconds(milliseconds); });
}

confidant_error* confidant_options_set_retention_days(confidant_options* options, int32_t days) noexcept {
  return set(options, [&](Options& o) { o.retention_days = days; });
}

}  // extern "C"

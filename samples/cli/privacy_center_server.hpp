// `confidant privacy-center --serve HOST:PORT` (docs/cli.md): serves the
// privacy center page (platform/web/privacy-center) and answers its bridge
// from the open store, on HOST only, until SIGINT or SIGTERM.
//
// Only the page this run served may drive the store: every bridge request
// must carry the per-run token embedded in that page, name this server in
// Host (no DNS rebinding) and, when the browser sends one, in Origin (no
// other site); bodies are capped at 64 KiB.
//
// Thread-safety: call from the main thread; it blocks SIGINT and SIGTERM in
// every thread it starts and waits for them itself.
#pragma once

#include <string>

#include "confidant/sdk.hpp"
#include "exit_codes.hpp"

namespace confidant::cli {

struct ServeAddress {
  std::string host;  // as given: "127.0.0.1", "localhost", "::1"
  int port = 0;      // 0: the system picks one
};

// The first line on stdout is "listening on HOST:PORT" with the real port.
Exit serve_privacy_center(Sdk& sdk, const ServeAddress& address);

}  // namespace confidant::cli

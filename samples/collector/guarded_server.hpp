// GuardedServer: the collector's httplib::Server for a server that faces the
// internet (docs/collector.md, "Limits under abuse").
//
// cpp-httplib 0.11 lends each connection a worker thread from its first byte
// to its last: 8 idle or slow connections stop the server, and a request's
// head and chunked or compressed body may grow without bound. Here one reader
// thread (epoll) owns every connection until it holds a complete request:
// the request line and headers (at most max_header_bytes), then the whole
// body its Content-Length announces (at most the server's payload limit).
// Only then does a worker run httplib's own parsing and handlers over those
// bytes, so an idle or slow connection costs a file descriptor and its
// buffer, never a worker. The reader enforces, with a short plain-text
// answer and a close:
//   - idle_timeout for a request's first byte (keep-alive waits too): close;
//   - request_timeout from its first byte to its last: 408;
//   - max_header_bytes: 431; a NUL or a bare LF in the head, an obsolete
//     folded header, a bad, repeated or too large Content-Length: 400 / 413;
//     Transfer-Encoding: 411 (send a Content-Length); a Content-Encoding
//     other than identity: 415 (no decompression bombs); Expect other than
//     100-continue: 417 (100-continue is answered by the reader); Range is
//     ignored (nothing here is served in parts);
//   - max_connections open at once: a new connection closes the oldest one
//     that is still waiting or reading; max_connections_per_address: 429;
//   - max_buffered_bytes over all connections: past it the oldest unfinished
//     requests are dropped (503), so memory stays bounded.
// A worker never waits on a client either: it writes the answer to memory,
// and the reader thread sends it within write_timeout (else it closes the
// connection). Requests on one connection are answered in order (keep-alive
// and pipelining), at most the server's keep_alive_max_count of them.
//
// Thread-safety: configure, bind and listen as a plain httplib::Server;
// stop() from any thread. Not restartable after stop().
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "httplib_system.hpp"

namespace collector {

struct ConnectionLimits {
  std::size_t max_connections = 4096;             // lowered to fit the open-file limit
  std::size_t max_connections_per_address = 256;  // 0: no cap
  std::chrono::milliseconds idle_timeout{5000};
  std::chrono::milliseconds request_timeout{10000};
  std::chrono::milliseconds write_timeout{5000};
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_buffered_bytes = 64 * 1024 * 1024;  // requests read and answers unsent, all together
  std::size_t threads = 8;  // workers: handlers running at once
  int backlog = 1024;       // the kernel's accept queue (capped by net.core.somaxconn)
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits);
  ~GuardedServer() override;
  GuardedServer(const GuardedServer&) = delete;
  GuardedServer& operator=(const GuardedServer&) = delete;

  // Binds HOST:PORT (port 0: any free one) with the limits' backlog: the
  // port, or -1 when it cannot. Then listen_after_bind().
  int bind(const std::string& host, int port);
  // max_connections once fitted to the open-file limit.
  std::size_t max_connections() const noexcept;

  class Reader;  // the reader thread and the workers (guarded_server.cpp)

 private:
  // Called by httplib's accept loop for each new connection: hands it to
  // the reader, which closes it in the end.
  bool process_and_close_socket(socket_t sock) override;
  // Runs one framed request through httplib (its protected member).
  bool handle(httplib::Stream& stream, bool close_connection, bool& connection_closed);

  std::unique_ptr<Reader> reader_;
  int backlog_ = 1024;
};

}  // namespace collector

#include "privacy_center_server.hpp"

#include <pthread.h>
#include <sys/random.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "httplib_system.hpp"
#include "output.hpp"
#include "privacy_center_bridge.hpp"
#include "privacy_center_page.hpp"

namespace confidant::cli {
namespace {

constexpr std::size_t kMaxBody = 64 * 1024;  // an action is a few short strings
constexpr std::string_view kBridgeMarker = "<!--confidant:bridge-->";

// 128 random bits as hex: the page's proof that it was served by this run.
std::string make_token() {
  unsigned char bytes[16];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char b : bytes) {
    token += kHex[b >> 4];
    token += kHex[b & 15];
  }
  return token;
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The names a browser may use for this server: what was asked for, and the
// loopback names when it is loopback. Anything else in Host is a page that
// resolved its own name to us (DNS rebinding).
std::vector<std::string> allowed_hosts(const ServeAddress& address, int port) {
  const std::string p = ":" + std::to_string(port);
  const bool v6 = address.host.find(':') != std::string::npos;
  std::vector<std::string> hosts{(v6 ? "[" + address.host + "]" : address.host) + p};
  if (address.host == "127.0.0.1" || address.host == "localhost" || address.host == "::1") {
    for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) hosts.push_back(name + p);
  }
  return hosts;
}

std::string page_html(const std::string& token) {
  std::string html(page::kIndexHtml);
  const std::size_t at = html.find(kBridgeMarker);
  const std::string bridge = "<meta name=\"confidant-bridge-token\" content=\"" + token +
                             "\">\n<script src=\"http-bridge.js\"></script>";
  if (at != std::string::npos) html.replace(at, kBridgeMarker.size(), bridge);
  return html;
}

class PageServer {
 public:
  PageServer(Sdk& sdk, const ServeAddress& address) : sdk_(sdk), address_(address), token_(make_token()) {}

  int bind() {
    server_.set_payload_max_length(kMaxBody);
    // One request per connection: a browser's idle keep-alive connection
    // would otherwise hold a worker, and so the stop, for its whole timeout.
    server_.set_keep_alive_max_count(1);
    // The page must not be framed by another site (clickjacking) nor cached.
    server_.set_default_headers({{"Cache-Control", "no-store"},
                                 {"X-Content-Type-Options", "nosniff"},
                                 {"X-Frame-Options", "DENY"},
                                 {"Content-Security-Policy", "frame-ancestors 'none'"},
                                 {"Referrer-Policy", "no-referrer"}});
    const int port = address_.port == 0 ? server_.bind_to_any_port(address_.host)
                                        : (server_.bind_to_port(address_.host, address_.port) ? address_.port : -1);
    if (port > 0) hosts_ = allowed_hosts(address_, port);
    return port;
  }

  void route() {
    server_.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      return guard(request, response);
    });
    const std::string html = page_html(token_);
    server_.Get("/", [html](const httplib::Request&, httplib::Response& r) { r.set_content(html, "text/html; charset=utf-8"); });
    serve_file("/privacy-center.css", page::kStyleCss, "text/css; charset=utf-8");
    serve_file("/privacy-center.js", page::kScriptJs, "text/javascript; charset=utf-8");
    serve_file("/http-bridge.js", page::kHttpBridgeJs, "text/javascript; charset=utf-8");
    server_.Post("/model", [this](const httplib::Request&, httplib::Response& r) {
      std::lock_guard lock(sdk_mutex_);
      r.set_content(bridge_model(sdk_), "application/json");
    });
    server_.Post("/action", [this](const httplib::Request& request, httplib::Response& r) {
      std::lock_guard lock(sdk_mutex_);
      r.set_content(bridge_action(sdk_, request.body), "application/json");
    });
  }

  bool listen() { return server_.listen_after_bind(); }
  bool running() const { return server_.is_running(); }
  void stop() { server_.stop(); }

 private:
  void serve_file(const char* path, std::string_view body, const char* type) {
    server_.Get(path, [body, type](const httplib::Request&, httplib::Response& r) {
      r.set_content(body.data(), body.size(), type);
    });
  }

  httplib::Server::HandlerResponse guard(const httplib::Request& request, httplib::Response& response) {
    const auto refuse = [&](int status, const char* why) {
      response.status = status;
      response.set_content(why, "text/plain; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    };
    const std::string host = request.get_header_value("Host");
    if (std::find(hosts_.begin(), hosts_.end(), host) == hosts_.end()) return refuse(421, "unknown Host\n");
    if (request.method == "GET") return httplib::Server::HandlerResponse::Unhandled;
    if (request.method != "POST") return refuse(405, "method not allowed\n");
    // Browsers send Origin on every POST; it must be this server.
    if (request.has_header("Origin") && request.get_header_value("Origin") != "http://" + host) {
      return refuse(403, "another site's page may not use this server\n");
    }
    // A JSON content type makes a cross-site request need a preflight that
    // is never granted; the token proves the page came from this run.
    if (request.get_header_value("Content-Type") != "application/json" ||
        !same_secret(request.get_header_value("X-Confidant-Token"), token_)) {
      return refuse(403, "not this run's page\n");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  Sdk& sdk_;
  ServeAddress address_;
  std::string token_;
  std::vector<std::string> hosts_;
  std::mutex sdk_mutex_;  // httplib answers on several threads; one Sdk call at a time keeps answers in order
  httplib::Server server_;
};

}  // namespace

Exit serve_privacy_center(Sdk& sdk, const ServeAddress& address) {
  // Blocked before any thread starts, so every thread inherits the mask and
  // only the sigwait below receives them: stopping happens outside a
  // signal handler.
  // A shell starts a background job with SIGINT ignored, and an ignored
  // signal never reaches sigwait: take them back first.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  PageServer server(sdk, address);
  const int port = server.bind();
  if (port <= 0) {
    error("privacy-center: cannot listen on " + address.host + ":" + std::to_string(address.port));
    return Exit::kFailure;
  }
  server.route();
  if (!print_line("listening on " + address.host + ":" + std::to_string(port))) return Exit::kFailure;

  std::atomic<bool> failed = false;
  std::atomic<bool> ended = false;
  std::thread listener([&] {
    if (!server.listen()) failed = true;
    ended = true;
    if (failed) ::kill(::getpid(), SIGTERM);  // wakes the sigwait below
  });
  int received = 0;
  sigwait(&stop_signals, &received);
  // stop() only reaches a server that has entered its loop: a signal that
  // came first waits for it.
  while (!ended && !server.running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server.stop();
  listener.join();
  if (failed) {
    error("privacy-center: the server stopped unexpectedly");
    return Exit::kFailure;
  }
  return Exit::kOk;
}

}  // namespace confidant::cli

// CurlTransport against a real HTTP server (cpp-httplib) on a loopback
// ephemeral port in this process: what a response is, what an error is, and
// that the bytes go through untouched.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "curl_transport.hpp"
#include "httplib_system.hpp"

namespace {

using namespace std::chrono_literals;
using confidant::ErrorCode;
using confidant::HttpRequest;
using confidant::HttpResponse;
using confidant::posix::CurlTransport;

// The server runs its accept loop on its own thread; handlers run on
// httplib's worker threads. The slow route waits until the test is over (or
// 5 s), so a timed-out request never delays the next test by much.
class LoopbackServer {
 public:
  LoopbackServer() {
    const auto echo = [](const httplib::Request& req, httplib::Response& res) {
      res.status = 200;
      res.set_header("X-Echo-Method", req.method);
      res.set_header("X-Echo-Test", req.get_header_value("X-Confidant-Test"));
      res.set_header("X-Echo-Content-Type", req.get_header_value("Content-Type"));
      res.set_header("X-Mixed-Case", "Value-Keeps-Its-Case");
      res.set_content(req.body, "application/octet-stream");
    };
    server_.Post("/echo", echo);
    server_.Get("/echo", echo);
    server_.Post("/busy", [](const httplib::Request&, httplib::Response& res) {
      res.status = 429;
      res.set_header("Retry-After", "7");
      res.set_content("slow down", "text/plain");
    });
    server_.Post("/broken", [](const httplib::Request&, httplib::Response& res) {
      res.status = 500;
      res.set_content("oops", "text/plain");
    });
    server_.Post("/moved", [](const httplib::Request&, httplib::Response& res) {
      res.status = 307;
      res.set_header("Location", "/echo");
    });
    server_.Post("/slow", [this](const httplib::Request&, httplib::Response& res) {
      std::unique_lock lock(mutex_);
      released_cv_.wait_for(lock, 5s, [this] { return released_; });
      res.status = 200;
      res.set_content("late", "text/plain");
    });

    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() is a no-op until the loop runs, so wait for it (the socket
    // already listens, this is only about shutting down cleanly).
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(2ms);
    REQUIRE(server_.is_running());
  }

  ~LoopbackServer() {
    {
      std::lock_guard lock(mutex_);
      released_ = true;
    }
    released_cv_.notify_all();
    server_.stop();
    thread_.join();
  }

  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::string url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable released_cv_;
  bool released_ = false;
};

std::optional<std::string> header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

HttpRequest post(std::string url, std::string body = {}) {
  HttpRequest request;
  request.url = std::move(url);
  request.body = std::move(body);
  request.timeout = 5s;
  return request;
}

// Every byte value, with NULs at the start, in the middle and at the end.
std::string binary_payload() {
  std::string bytes(1, '\0');
  for (int round = 0; round < 40; ++round) {
    for (int b = 0; b < 256; ++b) bytes.push_back(static_cast<char>(b));
  }
  bytes.push_back('\0');
  return bytes;
}

}  // namespace

TEST_CASE("a 200 returns the binary body exactly, NULs included", "[posix][curl]") {
  LoopbackServer server;
  CurlTransport transport;
  const std::string payload = binary_payload();
  REQUIRE(payload.size() == 40 * 256 + 2);

  auto response = transport.send(post(server.url("/echo"), payload));
  REQUIRE(response.is_ok());
  CHECK(response->status == 200);
  CHECK(response->body.size() == payload.size());
  CHECK(response->body == payload);
  CHECK(header(response.value(), "x-echo-method") == "POST");

  SECTION("an empty body is a POST too") {
    auto empty = transport.send(post(server.url("/echo")));
    REQUIRE(empty.is_ok());
    CHECK(empty->status == 200);
    CHECK(empty->body.empty());
    CHECK(header(empty.value(), "x-echo-method") == "POST");
  }
  SECTION("without a content type of the caller's, the bytes are labelled octet-stream") {
    CHECK(header(response.value(), "x-echo-content-type") == "application/octet-stream");
  }
  SECTION("GET sends no body") {
    HttpRequest get = post(server.url("/echo"), "ignored");
    get.method = "GET";
    auto got = transport.send(get);
    REQUIRE(got.is_ok());
    CHECK(got->status == 200);
    CHECK(got->body.empty());
    CHECK(header(got.value(), "x-echo-method") == "GET");
  }
  SECTION("HEAD returns the headers and does not wait for a body") {
    HttpRequest head = post(server.url("/echo"));
    head.method = "HEAD";
    head.timeout = 2s;
    auto got = transport.send(head);
    REQUIRE(got.is_ok());
    CHECK(got->status == 200);
    CHECK(got->body.empty());
  }
}

TEST_CASE("request headers reach the server, response header names come back lower-cased", "[posix][curl]") {
  LoopbackServer server;
  CurlTransport transport;
  HttpRequest request = post(server.url("/echo"), "x");
  request.headers = {{"Content-Type", "application/x-protobuf"}, {"X-Confidant-Test", "hello there"}};

  auto response = transport.send(request);
  REQUIRE(response.is_ok());
  CHECK(response->status == 200);
  CHECK(header(response.value(), "x-echo-test") == "hello there");
  CHECK(header(response.value(), "x-echo-content-type") == "application/x-protobuf");
  CHECK(header(response.value(), "x-mixed-case") == "Value-Keeps-Its-Case");  // values untouched
  for (const auto& [name, value] : response->headers) {
    INFO(name << ": " << value);
    CHECK(std::none_of(name.begin(), name.end(), [](unsigned char c) { return std::isupper(c) != 0; }));
    CHECK(name.find(':') == std::string::npos);
    CHECK(value.find('\r') == std::string::npos);
    CHECK(value.find('\n') == std::string::npos);
  }
}

TEST_CASE("4xx and 5xx are responses, not errors", "[posix][curl]") {
  LoopbackServer server;
  CurlTransport transport;

  SECTION("429 carries Retry-After") {
    auto response = transport.send(post(server.url("/busy"), "report"));
    REQUIRE(response.is_ok());
    CHECK(response->status == 429);
    CHECK(header(response.value(), "retry-after") == "7");
    CHECK(response->body == "slow down");
  }
  SECTION("500") {
    auto response = transport.send(post(server.url("/broken"), "report"));
    REQUIRE(response.is_ok());
    CHECK(response->status == 500);
    CHECK(response->body == "oops");
  }
  SECTION("404 for a path the server does not know") {
    auto response = transport.send(post(server.url("/nowhere"), "report"));
    REQUIRE(response.is_ok());
    CHECK(response->status == 404);
  }
  SECTION("a redirect is returned, not followed") {
    auto response = transport.send(post(server.url("/moved"), "report"));
    REQUIRE(response.is_ok());
    CHECK(response->status == 307);
    CHECK(header(response.value(), "location") == "/echo");
  }
}

TEST_CASE("a refused connection is kIo with curl's words", "[posix][curl]") {
  // A port bound but not listening refuses connections, and stays ours (no
  // other process can take it) for the length of the test.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  const int port = ntohs(address.sin_port);

  CurlTransport transport;
  auto response = transport.send(post("http://127.0.0.1:" + std::to_string(port) + "/v1/reports", "report"));
  ::close(fd);
  REQUIRE_FALSE(response.is_ok());
  INFO(response.status().message());
  CHECK(response.status().code() == ErrorCode::kIo);
  CHECK_THAT(response.status().message(), Catch::Contains(std::to_string(port)));
}

TEST_CASE("a name that does not resolve is kIo", "[posix][curl]") {
  CurlTransport transport;
  HttpRequest request = post("http://confidant-test.invalid/v1/reports", "report");
  request.timeout = 2s;  // bounds a resolver that cannot reach any DNS server
  auto response = transport.send(request);
  REQUIRE_FALSE(response.is_ok());
  INFO(response.status().message());
  CHECK(response.status().code() == ErrorCode::kIo);
  CHECK_FALSE(response.status().message().empty());
}

TEST_CASE("a server slower than request.timeout is kIo, soon after the timeout", "[posix][curl]") {
  LoopbackServer server;
  CurlTransport transport;
  HttpRequest request = post(server.url("/slow"), "report");
  request.timeout = 300ms;

  const auto start = std::chrono::steady_clock::now();
  auto response = transport.send(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;

  REQUIRE_FALSE(response.is_ok());
  INFO(response.status().message());
  CHECK(response.status().code() == ErrorCode::kIo);
  CHECK_THAT(response.status().message(), Catch::Contains("timed out"));
  CHECK(elapsed >= 250ms);
  CHECK(elapsed < 2s);
}

TEST_CASE("a URL it cannot use is kInvalidArgument naming the url", "[posix][curl]") {
  CurlTransport transport;
  const std::string url = GENERATE(as<std::string>{}, "", "ftp://127.0.0.1/reports", "file:///etc/passwd",
                                   "gopher://127.0.0.1/", "127.0.0.1:8080/v1/reports", "http://", "https://exa mple.com/");
  auto response = transport.send(post(url, "report"));
  INFO("url '" << url << "'");
  REQUIRE_FALSE(response.is_ok());
  INFO(response.status().message());
  CHECK(response.status().code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(response.status().message(), Catch::StartsWith("url"));
}

TEST_CASE("a method or header that would break the request is kInvalidArgument naming it", "[posix][curl]") {
  LoopbackServer server;
  CurlTransport transport;
  HttpRequest request = post(server.url("/echo"), "report");

  SECTION("method") {
    request.method = GENERATE(as<std::string>{}, "", "PO ST", "POST\r\nX-Injected: 1");
    auto response = transport.send(request);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(response.status().message(), Catch::StartsWith("method"));
  }
  SECTION("header name") {
    request.headers = {{"Content-Type", "application/x-protobuf"},
                       {GENERATE(as<std::string>{}, "", "X Space", "X-Colon:", "X-Line\n"), "v"}};
    auto response = transport.send(request);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(response.status().message(), Catch::StartsWith("headers[1]"));
  }
  SECTION("header value") {
    request.headers = {{"X-Confidant-Test",
                        GENERATE(as<std::string>{}, "a\r\nX-Injected: 1", "a\nb", std::string("a\0b", 3))}};
    auto response = transport.send(request);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(response.status().message(), Catch::StartsWith("headers[0] (X-Confidant-Test)"));
  }
  SECTION("a NUL in the url") {
    request.url += std::string("\0/elsewhere", 11);
    auto response = transport.send(request);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(response.status().message(), Catch::StartsWith("url"));
  }
}

TEST_CASE("send() may be called from several threads at once", "[posix][curl]") {
  LoopbackServer server;
  CurlTransport transport;
  constexpr int kThreads = 4;
  constexpr int kRequestsEach = 8;
  std::atomic<int> matched{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRequestsEach; ++i) {
        std::string body = "thread " + std::to_string(t) + " request " + std::to_string(i);
        body.push_back('\0');
        auto response = transport.send(post(server.url("/echo"), body));
        if (response.is_ok() && response->status == 200 && response->body == body) ++matched;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(matched == kThreads * kRequestsEach);
}

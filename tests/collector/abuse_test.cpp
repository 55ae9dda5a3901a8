// The real collector binary under abuse, over loopback only (127.0.0.1):
// slow senders, thousands of idle connections, oversized heads and bodies,
// compression bombs, body hoarders, garbage and truncated uploads, one valid
// upload replayed at a high rate, malformed HTTP; meanwhile legitimate
// devices upload and read /v1/stats. Every loop is bounded in count and in
// time. Asserted: no crash, bounded peak memory, bounded latency and a high
// success rate for the legitimate requests; the figures are printed for
// docs/collector.md ("Limits under abuse").
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "collector/collector_process.hpp"
#include "httplib_system.hpp"
#include "support/report_factory.hpp"

using namespace collector_test;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr auto kAbuseFor = std::chrono::seconds(16);  // longer than the collector's 10 s request timeout
constexpr auto kAnswerWithin = std::chrono::seconds(5);
constexpr int kLegitEveryMs = 20;  // per uploader: 50 uploads a second
constexpr int kStatsEveryMs = 50;

std::uint64_t current_epoch() {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  return confidant::brand::epoch_of(now, 604800);
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The soft open-file limit raised to the hard one (the collector, started
// afterwards, inherits it); returns the soft limit now in force.
rlim_t raise_fd_limit() {
  rlimit limit{};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur;
}

// The process's peak resident memory (VmHWM) in MiB, or -1.
double peak_rss_mib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return -1;
}

// A non-blocking TCP connection to 127.0.0.1:port, the loopback address and
// never another; -1 when the socket cannot be made. A receive buffer of
// `receive_buffer` bytes (0: the default) makes a slow reader.
int connect_loopback(int port, int receive_buffer = 0) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (receive_buffer > 0) ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// One raw HTTP/1.1 client connection, every wait bounded by a deadline.
class Conn {
 public:
  explicit Conn(int port, int receive_buffer = 0) : fd_(connect_loopback(port, receive_buffer)) {}
  ~Conn() {
    if (fd_ >= 0) ::close(fd_);
  }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  bool usable() const { return fd_ >= 0 && !closed_ && !closes_; }

  // Whether the connection is established before the deadline (the
  // server's accept queue may drop a SYN: the kernel retries it later).
  bool established(Clock::time_point deadline) {
    int error = 0;
    socklen_t len = sizeof error;
    return fd_ >= 0 && wait(POLLOUT, deadline) && ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &len) == 0 &&
           error == 0;
  }

  // False when the server closed the connection or the deadline passed first.
  bool send_all(std::string_view bytes, Clock::time_point deadline) {
    if (fd_ < 0) return false;
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n > 0) {
        done += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOTCONN)) {
        if (!wait(POLLOUT, deadline)) return false;
        continue;
      }
      closed_ = true;
      return false;
    }
    return true;
  }

  // The status of the next response (an interim 1xx too), its body read;
  // -1 when the connection closed or the deadline passed first.
  int response(Clock::time_point deadline) {
    for (;;) {
      const std::size_t end = in_.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::string head = in_.substr(0, end + 2);
        std::transform(head.begin(), head.end(), head.begin(), [](char c) {
          return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        });
        const int status = head.rfind("http/1.", 0) == 0 && head.size() > 12 ? std::atoi(head.c_str() + 9) : -1;
        std::size_t length = 0;
        if (const auto at = head.find("\r\ncontent-length:"); at != std::string::npos)
          length = std::strtoull(head.c_str() + at + 17, nullptr, 10);
        if (status >= 200) closes_ = head.find("\r\nconnection: close") != std::string::npos;
        while (in_.size() < end + 4 + length)
          if (!fill(deadline)) return -1;
        in_.erase(0, end + 4 + length);
        return status;
      }
      if (in_.size() > (1u << 20) || !fill(deadline)) return -1;
    }
  }

  // One non-blocking send: the bytes taken (0 when the socket is full).
  std::size_t send_some(std::string_view bytes) {
    if (fd_ < 0 || closed_) return 0;
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) return static_cast<std::size_t>(n);
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN && errno != EINTR) closed_ = true;
    return 0;
  }

  // Whether the server closes the connection before the deadline; what it
  // sends meanwhile is dropped.
  bool closed_by_server(Clock::time_point deadline) {
    while (fill(deadline)) in_.clear();
    return closed_;
  }

 private:
  bool wait(short events, Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd_, events, 0};
    return ::poll(&p, 1, static_cast<int>(left)) > 0;
  }
  bool fill(Clock::time_point deadline) {
    char buffer[16384];
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n > 0) {
        in_.append(buffer, static_cast<std::size_t>(n));
        return true;
      }
      if (n == 0) {
        closed_ = true;
        return false;
      }
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) {
        closed_ = true;
        return false;
      }
      if (!wait(POLLIN, deadline)) return false;
    }
  }

  int fd_;
  std::string in_;
  bool closed_ = false;
  bool closes_ = false;  // the last answer said Connection: close
};

std::string post(const std::string& body, const std::string& extra_headers = "") {
  return "POST /v1/reports HTTP/1.1\r\nHost: collector\r\nContent-Type: application/x-protobuf\r\n" + extra_headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Answers by status (-1: none), safe from several threads.
class Tally {
 public:
  void add(int status) {
    std::lock_guard lock(mu_);
    ++counts_[status];
    ++total_;
  }
  long total() const {
    std::lock_guard lock(mu_);
    return total_;
  }
  long count_if(const std::function<bool(int)>& pick) const {
    std::lock_guard lock(mu_);
    long n = 0;
    for (const auto& [status, count] : counts_)
      if (pick(status)) n += count;
    return n;
  }
  std::string text() const {
    std::lock_guard lock(mu_);
    std::ostringstream out;
    out << total_ << " {";
    bool first = true;
    for (const auto& [status, count] : counts_) {
      out << (first ? "" : ", ") << (status < 0 ? std::string("none") : std::to_string(status)) << ": " << count;
      first = false;
    }
    return out.str() + "}";
  }

 private:
  mutable std::mutex mu_;
  std::map<int, long> counts_;
  long total_ = 0;
};

// Latencies and outcomes of the legitimate requests.
class Legit {
 public:
  void add(double ms, bool ok) {
    std::lock_guard lock(mu_);
    ms_.push_back(ms);
    ok_ += ok ? 1 : 0;
  }
  std::size_t attempts() const { return ms_.size(); }
  double success_rate() const { return ms_.empty() ? 0 : static_cast<double>(ok_) / static_cast<double>(ms_.size()); }
  double quantile(double q) {
    if (ms_.empty()) return 0;
    std::sort(ms_.begin(), ms_.end());
    const auto i = static_cast<std::size_t>(q * static_cast<double>(ms_.size() - 1) + 0.5);
    return ms_[std::min(i, ms_.size() - 1)];
  }

 private:
  std::mutex mu_;
  std::vector<double> ms_;
  std::size_t ok_ = 0;
};

// A gzip body that inflates to `inflated` zero bytes (about 1,000 to 1).
std::string gzip_bomb(std::size_t inflated) {
  httplib::detail::gzip_compressor gz;
  std::string out;
  const std::string zeros(1 << 20, '\0');
  for (std::size_t done = 0; done < inflated; done += zeros.size()) {
    const bool last = done + zeros.size() >= inflated;
    REQUIRE(gz.compress(zeros.data(), zeros.size(), last, [&out](const char* data, std::size_t n) {
      out.append(data, n);
      return true;
    }));
  }
  return out;
}

void sleep_until_or(Clock::time_point when, Clock::time_point end) {
  std::this_thread::sleep_until(std::min(when, end));
}

}  // namespace

TEST_CASE("16 idle connections do not delay /v1/stats") {
  // Before the reader stage: cpp-httplib's 8 workers each waited 5 s on an
  // idle connection, twice over: /v1/stats took about 10 s.
  BrandDir dir;
  CollectorProcess server(dir.keys, {"--rate", "100000"});
  std::vector<std::unique_ptr<Conn>> idle;
  for (int i = 0; i < 16; ++i) {
    idle.push_back(std::make_unique<Conn>(server.port()));
    REQUIRE(idle.back()->established(Clock::now() + kAnswerWithin));
  }
  std::this_thread::sleep_for(milliseconds(200));
  const auto start = Clock::now();
  CHECK(server.get("/v1/stats").status == 200);
  const double took = ms_since(start);
  INFO("GET /v1/stats behind 16 idle connections took " << took << " ms");
  std::printf("GET /v1/stats behind 16 idle connections: %.1f ms\n", took);
  CHECK(took < 1000);
}

TEST_CASE("connection caps: past the per-address cap 429, past the total cap the longest-waiting connection goes") {
  BrandDir dir;
  const auto deadline = [] { return Clock::now() + kAnswerWithin; };
  SECTION("per address") {
    CollectorProcess server(dir.keys, {"--rate", "100000", "--max-connections-per-address", "8"});
    std::vector<std::unique_ptr<Conn>> idle;
    for (int i = 0; i < 8; ++i) {
      idle.push_back(std::make_unique<Conn>(server.port()));
      REQUIRE(idle.back()->established(deadline()));
    }
    std::this_thread::sleep_for(milliseconds(200));
    Conn ninth(server.port());
    REQUIRE(ninth.send_all("GET /v1/stats HTTP/1.1\r\nHost: c\r\n\r\n", deadline()));
    CHECK(ninth.response(deadline()) == 429);
    idle.clear();  // the address's connections close: it may connect again
    std::this_thread::sleep_for(milliseconds(200));
    CHECK(server.get("/v1/stats").status == 200);
  }
  SECTION("in all") {
    CollectorProcess server(dir.keys, {"--rate", "100000", "--max-connections", "32", "--max-connections-per-address", "0"});
    std::vector<std::unique_ptr<Conn>> idle;
    for (int i = 0; i < 100; ++i) {
      idle.push_back(std::make_unique<Conn>(server.port()));
      REQUIRE(idle.back()->established(deadline()));
    }
    std::this_thread::sleep_for(milliseconds(300));
    const auto start = Clock::now();
    CHECK(server.get("/v1/stats").status == 200);
    CHECK(ms_since(start) < 1000);
    int closed = 0;
    for (auto& c : idle) closed += c->closed_by_server(Clock::now() + milliseconds(20)) ? 1 : 0;
    CHECK(closed >= 100 - 32);
  }
}

TEST_CASE("the reader stage keeps HTTP/1.1 working: 100-continue, pipelining, keep-alive, refusals that say why") {
  BrandDir dir;
  CollectorProcess server(dir.keys, {"--rate", "100000"});
  const auto deadline = [] { return Clock::now() + kAnswerWithin; };
  confidant::testing::ReportSpec spec;
  spec.epoch = current_epoch();
  const std::string upload =
      confidant::brand::make_upload({confidant::testing::sealed_report(spec, dir.brand.keys.sealing_public)});

  Conn c(server.port());
  const std::string request = post(upload, "Expect: 100-continue\r\n");
  const std::size_t head = request.find("\r\n\r\n") + 4;
  REQUIRE(c.send_all(request.substr(0, head), deadline()));
  CHECK(c.response(deadline()) == 100);
  REQUIRE(c.send_all(request.substr(head), deadline()));
  CHECK(c.response(deadline()) == 200);
  // Two requests in one write, then a third on the same connection.
  REQUIRE(c.send_all("GET /v1/stats HTTP/1.1\r\nHost: c\r\n\r\nGET /v1/config HTTP/1.1\r\nHost: c\r\n\r\n", deadline()));
  CHECK(c.response(deadline()) == 200);
  CHECK(c.response(deadline()) == 200);
  REQUIRE(c.send_all(post(upload), deadline()));
  CHECK(c.response(deadline()) == 200);  // a duplicate: still a 200 with its ack
  // Range is ignored: nothing here is served in parts.
  REQUIRE(c.send_all("GET /v1/config HTTP/1.1\r\nHost: c\r\nRange: bytes=0-0,0-0,0-0\r\n\r\n", deadline()));
  CHECK(c.response(deadline()) == 200);
  CHECK(c.usable());

  const std::vector<std::pair<std::string, int>> refused = {
      {"POST /v1/reports HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 411},
      {"POST /v1/reports HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 1\r\n\r\nx", 415},
      {"POST /v1/reports HTTP/1.1\r\nContent-Length: 1x\r\n\r\nx", 400},
      {"POST /v1/reports HTTP/1.1\r\nContent-Length: 1000000\r\n\r\n", 413},
      {"GET /v1/stats HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n", 431},
  };
  for (const auto& [bytes, status] : refused) {
    INFO(bytes.substr(0, 60));
    Conn r(server.port());
    r.send_all(bytes, deadline());
    CHECK(r.response(deadline()) == status);
  }
}

TEST_CASE("under abuse the collector stays up, small and quick for legitimate devices") {
  const rlim_t fd_limit = raise_fd_limit();
  // Each side holds one descriptor per idle connection; keep 1,000 spare.
  const std::size_t idle_target = std::min<std::size_t>(2000, fd_limit > 2000 ? fd_limit - 1000 : fd_limit / 2);
  BrandDir dir;
  // Every client here is 127.0.0.1: one address to the rate limiter and to
  // the per-address connection cap, so both are lifted; the rest are the
  // defaults.
  CollectorProcess server(dir.keys, {"--rate", "1000000", "--max-connections-per-address", "0"});
  const int port = server.port();
  const std::string& key = dir.brand.keys.sealing_public;

  confidant::testing::ReportSpec spec;
  spec.epoch = current_epoch();
  const std::size_t per_uploader = std::chrono::duration_cast<milliseconds>(kAbuseFor).count() / kLegitEveryMs + 1;
  std::vector<std::string> uploads;
  for (std::size_t i = 0; i < 2 * per_uploader; ++i)
    uploads.push_back(confidant::brand::make_upload(
        {confidant::testing::sealed_report(spec, key), confidant::testing::sealed_report(spec, key)}));
  const std::string replayed = confidant::brand::make_upload(
      {confidant::testing::sealed_report(spec, key), confidant::testing::sealed_report(spec, key)});
  const std::string garbled = confidant::brand::make_upload(  // altered by the garbage sender, its own
      {confidant::testing::sealed_report(spec, key), confidant::testing::sealed_report(spec, key)});
  const std::string bomb = gzip_bomb(std::size_t{128} << 20);

  Legit legit;
  Tally legit_failures;  // status, or -1: no answer, 0: a 200 whose ack did not accept both reports
  std::atomic<long> idle_opened{0}, idle_closed{0}, idle_held{0}, idle_peak{0};
  std::atomic<long> slow_opened{0}, slow_bytes{0}, slow_cut{0}, slow_longest_ms{0};
  std::atomic<long> readers_requests{0};
  Tally slow_answers, oversize, bombs, hoarders, garbage, replays, malformed;

  const auto start = Clock::now();
  const auto end = start + kAbuseFor;
  // A deque never moves a running thread; a vector's reallocation does, and
  // GCC 12 at -O3 then reports a false -Warray-bounds in ~thread.
  std::deque<std::thread> threads;

  // Thousands of idle connections: opened at once, reopened when the
  // server closes them.
  threads.emplace_back([&] {
    std::vector<int> fds;
    while (Clock::now() < end && fds.size() < idle_target) {
      const int fd = connect_loopback(port);
      if (fd < 0) break;
      fds.push_back(fd);
      ++idle_opened;
    }
    idle_held = static_cast<long>(fds.size());
    idle_peak = idle_held.load();
    std::vector<pollfd> polled;
    while (Clock::now() < end && idle_opened < 8 * static_cast<long>(idle_target)) {
      std::this_thread::sleep_for(milliseconds(200));
      polled.clear();
      for (int fd : fds) polled.push_back({fd, POLLIN | POLLRDHUP, 0});
      ::poll(polled.data(), polled.size(), 0);
      for (std::size_t i = 0; i < polled.size(); ++i) {
        if (polled[i].revents == 0) continue;
        char byte;
        if (::recv(fds[i], &byte, 1, MSG_DONTWAIT) > 0) continue;  // not expected: the server sends nothing
        ::close(fds[i]);
        ++idle_closed;
        fds[i] = connect_loopback(port);
        ++idle_opened;
      }
      fds.erase(std::remove(fds.begin(), fds.end(), -1), fds.end());
      idle_peak = std::max<long>(idle_peak, static_cast<long>(fds.size()));
    }
    for (int fd : fds) ::close(fd);
  });

  // Slow senders: 8 requests that never end, one byte a second each.
  threads.emplace_back([&] {
    std::string endless = "POST /v1/reports HTTP/1.1\r\nHost: collector\r\n";
    while (endless.size() < 4096) endless += "X-Slow-" + std::to_string(endless.size()) + ": drip\r\n";
    struct Slow {
      int fd;
      Clock::time_point first_byte;  // when its first byte went
      std::size_t sent;
    };
    std::vector<Slow> slow;
    for (int i = 0; i < 8; ++i) slow.push_back({connect_loopback(port), {}, 0});
    slow_opened = 8;
    for (auto tick = Clock::now(); Clock::now() < end && slow_opened < 100; tick += std::chrono::seconds(1)) {
      sleep_until_or(tick, end);
      for (Slow& s : slow) {
        char answer[512];
        ssize_t got = 0;
        std::string text;
        while ((got = ::recv(s.fd, answer, sizeof answer, MSG_DONTWAIT)) > 0) text.append(answer, static_cast<std::size_t>(got));
        if (!text.empty()) slow_answers.add(text.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(text.c_str() + 9) : -1);
        bool cut = got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
        if (!cut) {
          const ssize_t n = ::send(s.fd, &endless[s.sent % endless.size()], 1, MSG_NOSIGNAL | MSG_DONTWAIT);
          if (n == 1) {
            if (s.sent++ == 0) s.first_byte = Clock::now();
            ++slow_bytes;
          } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            cut = true;
          }
        }
        if (cut) {
          if (s.sent > 0) slow_longest_ms = std::max<long>(slow_longest_ms, static_cast<long>(ms_since(s.first_byte)));
          ++slow_cut;
          ::close(s.fd);
          s = {connect_loopback(port), {}, 0};
          ++slow_opened;
        }
      }
    }
    for (Slow& s : slow) ::close(s.fd);
  });

  // Slow readers: 8 connections with a 4 KiB receive window pipeline 256 KiB
  // of requests and read no answer during the abuse; at its end, what they
  // can read within a second tells whether the server gave up on them.
  std::vector<std::unique_ptr<Conn>> slow_readers;
  threads.emplace_back([&] {
    const std::string request = "GET /v1/config HTTP/1.1\r\nHost: collector\r\n\r\n";
    std::string pipeline;
    while (pipeline.size() < (256u << 10)) pipeline += request;
    for (int i = 0; i < 8; ++i) slow_readers.push_back(std::make_unique<Conn>(port, 4096));
    std::vector<std::size_t> sent(slow_readers.size(), 0);
    while (Clock::now() < end) {
      for (std::size_t i = 0; i < slow_readers.size(); ++i)
        sent[i] += slow_readers[i]->send_some(std::string_view(pipeline).substr(sent[i]));
      std::this_thread::sleep_for(milliseconds(100));
    }
    for (std::size_t n : sent) readers_requests += static_cast<long>(n / request.size());
  });

  // Oversized heads and bodies, one after the other.
  threads.emplace_back([&] {
    const std::vector<std::string> attacks = {
        "GET /v1/stats HTTP/1.1\r\nX-Big: " + std::string(1 << 20, 'a') + "\r\n\r\n",
        [] {
          std::string many = "GET /v1/stats HTTP/1.1\r\n";
          for (int i = 0; many.size() < (4u << 20); ++i) many += "X-Many-" + std::to_string(i) + ": vvvvvvvvvvvvvvvv\r\n";
          return many + "\r\n";
        }(),
        "GET /" + std::string(64 << 10, 'u') + " HTTP/1.1\r\n\r\n",
        "POST /v1/reports HTTP/1.1\r\nContent-Length: 10485760\r\n\r\n" + std::string(10 << 20, 'b'),
        "POST /v1/reports HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\n" + std::string(1 << 20, 'b'),
        post(std::string(300 << 10, 'b')),
    };
    for (std::size_t i = 0; Clock::now() < end && i < 300; ++i) {
      Conn c(port);
      c.send_all(attacks[i % attacks.size()], Clock::now() + kAnswerWithin);
      oversize.add(c.response(Clock::now() + kAnswerWithin));
    }
  });

  // Compression bombs: 128 MiB of zeros gzipped to about 128 KiB, from two senders.
  for (int sender = 0; sender < 2; ++sender) {
    threads.emplace_back([&] {
      for (int i = 0; Clock::now() < end && i < 10; ++i) {
        Conn c(port);
        c.send_all(post(bomb, "Content-Encoding: gzip\r\n"), Clock::now() + kAnswerWithin);
        bombs.add(c.response(Clock::now() + kAnswerWithin));
      }
    });
  }

  // Body hoarders: 300 uploads that announce 256 KiB, send 250 KiB and stall.
  threads.emplace_back([&] {
    const std::string hoard =
        "POST /v1/reports HTTP/1.1\r\nHost: collector\r\nContent-Length: 262144\r\n\r\n" + std::string(250 << 10, 'h');
    struct Hoarder {
      std::unique_ptr<Conn> conn;
      std::size_t sent = 0;
    };
    std::vector<Hoarder> open;
    while (Clock::now() < end && hoarders.total() + static_cast<long>(open.size()) < 600) {
      while (open.size() < 300) open.push_back({std::make_unique<Conn>(port), 0});
      for (Hoarder& h : open) {
        if (h.sent < hoard.size()) h.sent += h.conn->send_some(std::string_view(hoard).substr(h.sent));
      }
      std::this_thread::sleep_for(milliseconds(100));
      for (Hoarder& h : open) {
        const int status = h.conn->response(Clock::now());
        if (status > 0 || !h.conn->usable()) {
          hoarders.add(status);
          h.conn.reset();
        }
      }
      open.erase(std::remove_if(open.begin(), open.end(), [](const Hoarder& h) { return !h.conn; }), open.end());
    }
  });

  // Garbage, truncated and altered uploads on a keep-alive connection.
  threads.emplace_back([&] {
    std::mt19937 rng(7);
    const std::string& valid = garbled;
    auto c = std::make_unique<Conn>(port);
    for (long i = 0; Clock::now() < end && i < 100000; ++i) {
      std::string body;
      switch (i % 4) {
        case 0:
          body.resize(rng() % 4096);
          for (char& ch : body) ch = static_cast<char>(rng());
          break;
        case 1: body = valid.substr(0, rng() % valid.size()); break;
        case 2:
          body = valid;
          body[rng() % body.size()] ^= static_cast<char>(1 << (rng() % 8));
          break;
        default: body = valid + std::string(1 + rng() % 64, static_cast<char>(rng())); break;
      }
      if (!c->usable()) c = std::make_unique<Conn>(port);
      const auto deadline = Clock::now() + kAnswerWithin;
      garbage.add(c->send_all(post(body), deadline) ? c->response(deadline) : -1);
    }
  });

  // One valid upload replayed as fast as the server answers.
  threads.emplace_back([&] {
    auto c = std::make_unique<Conn>(port);
    const std::string request = post(replayed);
    for (long i = 0; Clock::now() < end && i < 200000; ++i) {
      if (!c->usable()) c = std::make_unique<Conn>(port);
      const auto deadline = Clock::now() + kAnswerWithin;
      replays.add(c->send_all(request, deadline) ? c->response(deadline) : -1);
    }
  });

  // Malformed HTTP, each on a connection of its own.
  threads.emplace_back([&] {
    using namespace std::string_literals;
    std::string chunks;
    for (int i = 0; i < 10000; ++i) chunks += "1\r\na\r\n";
    const std::vector<std::string> attacks = {
        "GARBAGE\r\n\r\n",
        "GET\r\n\r\n",
        "GET / HTTP/9.9\r\n\r\n",
        "\r\n\r\n",
        "GET /v1/stats HTTP/1.1\nHost: c\n\n",
        "GET /v1/st\0ats HTTP/1.1\r\nHost: c\r\n\r\n"s,
        "GET /v1/stats HTTP/1.1\r\nX-Nul: a\0b\r\n\r\n"s,
        std::string(4096, '\0'),
        "G\xff\xfe /\x01\x02 HTTP/1.1\r\n\r\n",
        "GET /v1/stats HTTP/1.1\r\n folded: header\r\n\r\n",
        "POST /v1/reports HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "POST /v1/reports HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST /v1/reports HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        "POST /v1/reports HTTP/1.1\r\nContent-Length: 1%30\r\n\r\n0123456789",
        "POST /v1/reports HTTP/1.1\r\nContent-Length : 5\r\n\r\nhello",
        "POST /v1/reports HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzzzz\r\nhello\r\n0\r\n\r\n",
        "POST /v1/reports HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n" + std::string(64 << 10, 'c'),
        "POST /v1/reports HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks,
        "POST /v1/reports HTTP/1.1\r\nExpect: the-unexpected\r\nContent-Length: 1\r\n\r\nx",
        "POST /v1/reports HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGARBAGE AFTER\r\n\r\n",
        "GET /v1/stats HTTP/1.1\r\nRange: bytes=" + [] {
          std::string ranges = "0-0";
          for (int i = 0; i < 500; ++i) ranges += ",0-0";
          return ranges;
        }() + "\r\n\r\n",
    };
    for (std::size_t i = 0; Clock::now() < end && i < 20000; ++i) {
      Conn c(port);
      const auto deadline = Clock::now() + kAnswerWithin;
      c.send_all(attacks[i % attacks.size()], deadline);
      malformed.add(c.response(deadline));
    }
  });

  // Legitimate devices: two uploaders, each a fresh connection every 20 ms
  // through libcurl like the SDK, and a dashboard reading /v1/stats.
  for (int uploader = 0; uploader < 2; ++uploader) {
    threads.emplace_back([&, uploader] {
      confidant::posix::CurlTransport transport;
      for (std::size_t i = 0; i < per_uploader && Clock::now() < end; ++i) {
        sleep_until_or(start + milliseconds(static_cast<long>(i) * kLegitEveryMs), end);
        confidant::HttpRequest request;
        request.method = "POST";
        request.url = server.url() + "/v1/reports";
        request.body = uploads[static_cast<std::size_t>(uploader) * per_uploader + i];
        request.timeout = milliseconds(10000);
        const auto sent = Clock::now();
        const auto response = transport.send(request);
        confidant::proto::SyncAck ack;
        const bool ok = response && response->status == 200 && ack.ParseFromString(response->body) &&
                        ack.accepted() == 2;
        legit.add(ms_since(sent), ok);
        if (!ok) legit_failures.add(!response ? -1 : response->status == 200 ? 0 : response->status);
      }
    });
  }
  Legit stats_reads;
  threads.emplace_back([&] {
    confidant::posix::CurlTransport transport;
    for (long i = 0; Clock::now() < end; ++i) {
      sleep_until_or(start + milliseconds(i * kStatsEveryMs), end);
      if (Clock::now() >= end) break;
      confidant::HttpRequest request;
      request.method = "GET";
      request.url = server.url() + "/v1/stats";
      request.timeout = milliseconds(10000);
      const auto sent = Clock::now();
      const auto response = transport.send(request);
      const double took = ms_since(sent);
      const bool ok = response && response->status == 200 &&
                      response->body.find("\"accepted\":") != std::string::npos;
      legit.add(took, ok);
      stats_reads.add(took, ok);
      if (!ok) legit_failures.add(!response ? -1 : response->status == 200 ? 0 : response->status);
    }
  });

  for (std::thread& t : threads) t.join();
  const double abuse_seconds = ms_since(start) / 1000.0;
  long readers_closed = 0;
  for (auto& r : slow_readers) readers_closed += r->closed_by_server(Clock::now() + milliseconds(500)) ? 1 : 0;
  slow_readers.clear();

  // Still up, and it answers.
  REQUIRE(server.alive());
  const auto asked = Clock::now();
  const confidant::HttpResponse stats = server.get("/v1/stats");
  const double last_stats_ms = ms_since(asked);
  CHECK(stats.status == 200);
  const double peak_mib = peak_rss_mib(server.pid());

  const std::size_t attempts = legit.attempts();
  const double success = legit.success_rate();
  const double median = legit.quantile(0.5), p99 = legit.quantile(0.99), worst = legit.quantile(1.0);
  std::printf(
      "abuse_test figures (%.1f s of abuse over 127.0.0.1; collector defaults but --rate 1000000 "
      "--max-connections-per-address 0):\n"
      "  collector peak RSS (VmHWM): %.1f MiB\n"
      "  legitimate requests: %zu (%zu uploads of 2 reports, %zu stats reads), %.2f %% succeeded (failures %s); latency "
      "median %.1f ms, p99 %.1f ms, max %.1f ms; /v1/stats after the abuse: %.1f ms\n"
      "  idle connections: %ld held at once (target %zu), %ld opened, %ld closed by the server\n"
      "  slow senders (1 byte/s, 8 at once): %ld connections, %ld bytes, %ld cut by the server, longest from first byte to cut "
      "%.1f s, answers %s\n"
      "  slow readers (4 KiB window, pipelined GET /v1/config, no answer read): 8 connections, %ld requests "
      "sent, %ld found closed by the server afterwards\n"
      "  oversized heads and bodies: %s\n"
      "  gzip bombs (128 MiB inflated): %s\n"
      "  body hoarders (250 of 256 KiB sent, then silence): %s\n"
      "  garbage uploads: %s\n"
      "  replays of one upload: %s (%.0f a second)\n"
      "  malformed HTTP: %s\n",
      abuse_seconds, peak_mib, attempts, attempts - stats_reads.attempts(), stats_reads.attempts(), 100.0 * success,
      legit_failures.text().c_str(), median, p99, worst, last_stats_ms, idle_peak.load(), idle_target, idle_opened.load(), idle_closed.load(),
      slow_opened.load(), slow_bytes.load(), slow_cut.load(), static_cast<double>(slow_longest_ms.load()) / 1000.0,
      slow_answers.text().c_str(), readers_requests.load(), readers_closed,
      oversize.text().c_str(), bombs.text().c_str(), hoarders.text().c_str(),
      garbage.text().c_str(), replays.text().c_str(), static_cast<double>(replays.total()) / abuse_seconds,
      malformed.text().c_str());
  std::fflush(stdout);

  // Peak memory: the collector's own (about 15 MiB) + the reader's buffer
  // budget (64 MiB, a hard cap on request bytes held) + what 8 workers hold
  // for the requests they run (each body at most 256 KiB, copied a few
  // times) + SQLite's cache: under 100 MiB by construction; 256 MiB leaves
  // room for allocator slack. Before the reader stage one gzip bomb alone
  // inflated to 128 MiB. Under AddressSanitizer (the asan preset) every
  // allocation carries shadow memory and redzones, and freed blocks wait in
  // a 256 MiB quarantine before reuse: the same load measured 451 MiB there,
  // so the bound is 256 MiB more than the quarantine can hold on top.
#if defined(__SANITIZE_ADDRESS__)
  constexpr double kPeakBoundMib = 256 + 512;
#else
  constexpr double kPeakBoundMib = 256;
#endif
  CHECK(peak_mib > 0);
  CHECK(peak_mib < kPeakBoundMib);
  CHECK(success >= 0.99);
  CHECK(p99 < 2000);
  CHECK(idle_peak >= static_cast<long>(idle_target));
  // Slow senders are cut by the 10 s request timeout (seen within a second),
  // or sooner when the body hoarders fill the buffer budget.
  CHECK(slow_cut >= 8);
  CHECK(slow_longest_ms <= 12000);
  // Hostile requests get a 4xx or a 200 ack, never a 5xx, and always an
  // answer within 5 s.
  const auto server_error = [](int status) { return status >= 500; };
  const auto unanswered = [](int status) { return status < 0; };
  CHECK(garbage.count_if(server_error) == 0);
  CHECK(malformed.count_if(server_error) == 0);
  CHECK(malformed.count_if(unanswered) == 0);
  CHECK(replays.count_if([](int status) { return status != 200; }) == 0);
  CHECK(bombs.count_if([](int status) { return status != 415; }) == 0);
}

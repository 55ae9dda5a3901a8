#include "guarded_server.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <list>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace collector {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How long a refused or finished connection is read (and the bytes dropped)
// after its answer, so that closing it with unread input does not reset the
// answer away before the client has read it.
constexpr milliseconds kLinger{2000};
constexpr milliseconds kSweepEvery{100};
constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kKeptCapacity = 64 * 1024;  // an idle connection's buffer is shrunk past this
constexpr std::size_t kMaxAnswer = 16 * 1024 * 1024;  // the collector's answers are a few KiB
constexpr std::uint32_t kIn = EPOLLIN | EPOLLRDHUP;
constexpr std::uint32_t kOut = EPOLLOUT;

// What the reader knows of the request at the front of a connection's buffer.
struct Head {
  enum class Kind { kIncomplete, kComplete, kRefused } kind = Kind::kIncomplete;
  std::size_t head = 0;  // request line and headers with the blank line; 0 while incomplete
  std::size_t body = 0;  // Content-Length
  bool expect_continue = false;  // the reader answers "Expect: 100-continue" itself
  // Header lines httplib must not see, last first: Expect (answered here)
  // and Range (the collector serves nothing partial, and thousands of
  // ranges would make a multipart answer 15 times the request's size).
  std::vector<std::pair<std::size_t, std::size_t>> hidden;
  int status = 0;              // when refused
  std::string why;
};

Head refused(int status, std::string why) {
  Head h;
  h.kind = Head::Kind::kRefused;
  h.status = status;
  h.why = std::move(why);
  return h;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Finds the end of the request head in `in`, scanning on from `scanned` (the
// bytes before it were scanned by an earlier call), and reads the headers
// that decide how the request is framed. Strict where httplib is lenient or
// unbounded: this framing is the one both sides of the server agree on.
Head read_head(std::string_view in, std::size_t& scanned, std::size_t max_header, std::size_t max_body) {
  const std::size_t scan = std::min(in.size(), max_header);
  std::size_t end = 0;
  std::size_t i = scanned;
  for (; i < scan; ++i) {
    const char c = in[i];
    if (c == '\0') return refused(400, "NUL byte in the request head");
    if (c != '\n') continue;
    if (i == 0 || in[i - 1] != '\r') return refused(400, "line ending without CR in the request head");
    if (i >= 3 && in[i - 2] == '\n' && in[i - 3] == '\r') {
      end = i + 1;
      break;
    }
  }
  scanned = i;
  if (end == 0) {
    if (in.size() >= max_header)
      return refused(431, "request line and headers larger than " + std::to_string(max_header) + " bytes");
    return {};
  }
  std::size_t pos = in.find("\r\n");
  if (pos == 0) return refused(400, "empty request line");
  pos += 2;
  Head h;
  bool has_length = false;
  while (pos + 2 < end) {
    const std::size_t eol = in.find("\r\n", pos);
    const std::string_view line = in.substr(pos, eol - pos);
    if (line.front() == ' ' || line.front() == '\t') return refused(400, "folded header line");
    if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
      const std::string_view name = line.substr(0, colon);
      const std::string_view value = trim(line.substr(colon + 1));
      if (name.find_first_of(" \t") != std::string_view::npos) return refused(400, "white space in a header name");
      if (iequals(name, "content-length")) {
        if (has_length) return refused(400, "more than one Content-Length");
        has_length = true;
        if (value.empty() || value.find_first_not_of("0123456789") != std::string_view::npos)
          return refused(400, "bad Content-Length");
        const std::string_view digits = value.substr(std::min(value.find_first_not_of('0'), value.size() - 1));
        if (digits.size() > 18) return refused(413, "body larger than " + std::to_string(max_body) + " bytes");
        h.body = static_cast<std::size_t>(std::stoull(std::string(digits)));
        if (h.body > max_body) return refused(413, "body larger than " + std::to_string(max_body) + " bytes");
      } else if (iequals(name, "transfer-encoding")) {
        return refused(411, "send the body with a Content-Length, not a Transfer-Encoding");
      } else if (iequals(name, "content-encoding") && !iequals(value, "identity")) {
        return refused(415, "compressed bodies are not accepted");
      } else if (iequals(name, "expect")) {
        if (!iequals(value, "100-continue")) return refused(417, "unknown expectation");
        h.expect_continue = true;
        h.hidden.emplace_back(pos, eol + 2 - pos);
      } else if (iequals(name, "range")) {
        h.hidden.emplace_back(pos, eol + 2 - pos);
      }
    }
    pos = eol + 2;
  }
  h.head = end;
  h.kind = in.size() >= end + h.body ? Head::Kind::kComplete : Head::Kind::kIncomplete;
  return h;
}

const char* reason(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    default: return "Service Unavailable";
  }
}

std::string canned(int status, const std::string& why) {
  const std::string body = why + "\n";
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) +
                    "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
                    "\r\nConnection: close\r\n";
  if (status == 429 || status == 503) out += "Retry-After: 1\r\n";
  return out + "\r\n" + body;
}

// Best effort: a fresh socket's send buffer takes these few bytes at once.
void send_now(int fd, std::string_view bytes) {
  (void)!::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

void numeric_name(const sockaddr_storage& addr, socklen_t len, std::string& ip, int& port) {
  char host[NI_MAXHOST] = {0};
  char service[NI_MAXSERV] = {0};
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof host, service, sizeof service,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(service);
  }
}

std::string seconds(milliseconds ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(ms.count()) / 1000.0);
  return text;
}

std::size_t fitted_connections(std::size_t wanted) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return wanted;
  // Room for the listening socket, the database, the epoll and the logs.
  const auto room = limit.rlim_cur > 128 ? static_cast<std::size_t>(limit.rlim_cur - 64) : std::size_t{64};
  return std::max<std::size_t>(1, std::min(wanted, room));
}

}  // namespace

class GuardedServer::Reader {
 public:
  Reader(GuardedServer& owner, ConnectionLimits limits)
      : owner_(owner), limits_(limits), max_connections_(fitted_connections(limits.max_connections)) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epoll_ < 0 || wake_ < 0) throw std::runtime_error("cannot create the connection reader's epoll");
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = 0;  // connection ids start at 1
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
    chunk_.resize(kChunk);
    poller_ = std::thread([this] { poll_loop(); });
    for (std::size_t i = 0; i < std::max<std::size_t>(1, limits_.threads); ++i)
      workers_.emplace_back([this] { work_loop(); });
  }
  ~Reader() { stop(); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  std::size_t max_connections() const noexcept { return max_connections_; }

  // From httplib's accept loop.
  void adopt(int fd) {
    {
      std::lock_guard lock(mu_);
      if (!stopping_) {
        adopted_.push_back(fd);
        fd = -1;
      }
    }
    if (fd >= 0) ::close(fd);
    wake();
  }

  // Idempotent: lets the workers finish the requests they are running, then
  // closes every connection.
  void stop() {
    std::call_once(stopped_, [this] {
      {
        std::lock_guard lock(mu_);
        stopping_ = true;
      }
      work_cv_.notify_all();
      for (std::thread& t : workers_) t.join();
      {
        std::lock_guard lock(mu_);
        workers_done_ = true;
      }
      wake();
      poller_.join();
      ::close(epoll_);
      ::close(wake_);
    });
  }

 private:
  enum class State { kReading, kWorking, kWriting, kDraining };
  struct Connection {
    std::uint64_t id = 0;
    int fd = -1;
    std::string peer;
    int peer_port = 0;
    State state = State::kReading;
    std::string in;              // read and not yet answered
    std::string out;             // an answer being sent
    std::size_t out_sent = 0;
    bool keep_after = false;     // read the next request once `out` is sent
    std::size_t scanned = 0;     // of the current head, by read_head
    std::size_t head = 0;        // of the current request once known
    std::size_t body = 0;
    std::size_t frame = 0;       // while working: the request's bytes at the front of `in`
    bool continue_sent = false;
    std::size_t served = 0;      // requests answered on this connection
    Clock::time_point since;     // entered its state
    Clock::time_point first_byte;  // of the current request
    std::size_t accounted = 0;   // of `in` and `out`, in buffered_
    bool watched = false;
    std::uint32_t events = 0;    // watched for
    bool waiting = false;        // in waiting_
    std::list<Connection*>::iterator place;
  };

  // A worker's view of one framed request: httplib reads exactly its bytes
  // and writes its answer to memory; neither waits on the client (the
  // reader thread sends the answer).
  class FramedStream final : public httplib::Stream {
   public:
    explicit FramedStream(Connection& c) : c_(c) {}
    bool is_readable() const override { return pos_ < c_.frame; }
    bool is_writable() const override { return !failed_; }
    ssize_t read(char* ptr, size_t size) override {
      const std::size_t n = std::min(size, c_.frame - pos_);
      std::memcpy(ptr, c_.in.data() + pos_, n);
      pos_ += n;
      return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
      if (failed_ || c_.out.size() + size > kMaxAnswer) {
        failed_ = true;
        return -1;
      }
      c_.out.append(ptr, size);
      return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
      ip = c_.peer;
      port = c_.peer_port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      if (::getsockname(c_.fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) numeric_name(addr, len, ip, port);
    }
    socket_t socket() const override { return c_.fd; }

    bool failed() const noexcept { return failed_; }
    std::size_t consumed() const noexcept { return pos_; }

   private:
    Connection& c_;
    std::size_t pos_ = 0;
    bool failed_ = false;
  };

  void wake() {
    const std::uint64_t one = 1;
    (void)!::write(wake_, &one, sizeof one);
  }

  // ---- Workers ----

  void work_loop() {
    for (;;) {
      Connection* c = nullptr;
      {
        std::unique_lock lock(mu_);
        work_cv_.wait(lock, [this] { return stopping_ || !ready_.empty(); });
        if (stopping_) return;  // queued requests are dropped with their connections
        c = ready_.front();
        ready_.pop_front();
      }
      const bool keep = serve_one(*c);
      {
        std::lock_guard lock(mu_);
        finished_.emplace_back(c, keep);
      }
      wake();
    }
  }

  // Answers the request at the front of c.in; whether the connection may
  // carry another one.
  bool serve_one(Connection& c) {
    FramedStream stream(c);
    const bool last = c.served + 1 >= owner_.keep_alive_max_count_;
    bool closed = false;
    bool ok = false;
    try {
      ok = owner_.handle(stream, last, closed);
    } catch (...) {
      ok = false;  // httplib answers what the handlers throw; this is memory or worse
    }
    ++c.served;
    // Bytes of the request that httplib did not read (a refused body, a
    // request line it could not parse): the framing is lost, close.
    const bool keep = ok && !closed && !last && !stream.failed() && stream.consumed() == c.frame;
    c.in.erase(0, c.frame);
    c.frame = 0;
    if (stream.failed()) c.out.clear();
    return keep;
  }

  // ---- The reader thread ----

  void poll_loop() {
    std::vector<epoll_event> events(512);
    Clock::time_point next_sweep = Clock::now() + kSweepEvery;
    std::vector<int> adopted;
    std::vector<std::pair<Connection*, bool>> finished;
    for (;;) {
      const int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()),
                                 static_cast<int>(kSweepEvery.count()));
      Clock::time_point now = Clock::now();
      for (int i = 0; i < n; ++i) {
        const std::uint64_t id = events[static_cast<std::size_t>(i)].data.u64;
        if (id == 0) {
          std::uint64_t drained = 0;
          (void)!::read(wake_, &drained, sizeof drained);
          continue;
        }
        const auto found = connections_.find(id);
        if (found == connections_.end()) continue;  // closed earlier in this batch
        Connection& c = *found->second;
        if (c.state == State::kReading) on_readable(c, now);
        else if (c.state == State::kWriting) on_writable(c, now);
        else if (c.state == State::kDraining) drain(c);
      }
      bool done = false;
      {
        std::lock_guard lock(mu_);
        adopted.swap(adopted_);
        finished.swap(finished_);
        done = workers_done_;
      }
      now = Clock::now();
      for (auto& [c, keep] : finished) returned(*c, keep, now);
      finished.clear();
      for (int fd : adopted) admit(fd, now);
      adopted.clear();
      if (done) break;
      if (now >= next_sweep) {
        sweep(now);
        next_sweep = now + kSweepEvery;
      }
    }
    while (!connections_.empty()) close(*connections_.begin()->second);
  }

  void admit(int fd, Clock::time_point now) {
    if (connections_.size() >= max_connections_) {
      // Full: the connection that has waited longest for its request goes.
      if (waiting_.empty()) {
        send_now(fd, canned(503, "too many connections"));
        ::close(fd);
        return;
      }
      evict(*waiting_.front());
    }
    const int flags = ::fcntl(fd, F_GETFL, 0);
    ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);  // small answers: no Nagle delay
    auto owned = std::make_unique<Connection>();
    Connection& c = *owned;
    c.id = next_id_++;
    c.fd = fd;
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) numeric_name(addr, len, c.peer, c.peer_port);
    c.since = now;
    connections_.emplace(c.id, std::move(owned));
    const std::size_t from_peer = ++per_address_[c.peer];
    account(c);
    if (limits_.max_connections_per_address > 0 && from_peer > limits_.max_connections_per_address) {
      refuse(c, 429, "too many connections from this address", now);
      return;
    }
    c.state = State::kReading;
    to_back(c);
    watch(c, kIn);
  }

  void on_readable(Connection& c, Clock::time_point now) {
    for (;;) {
      const std::size_t limit = c.head > 0 ? c.head + c.body : limits_.max_header_bytes;
      if (c.in.size() >= limit) return close(c);  // cannot happen: framed or refused before
      const ssize_t n = ::recv(c.fd, chunk_.data(), std::min(limit - c.in.size(), chunk_.size()), 0);
      if (n == 0) return close(c);  // a request cut short is dropped
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) close(c);
        return;
      }
      if (c.in.empty()) c.first_byte = now;
      c.in.append(chunk_.data(), static_cast<std::size_t>(n));
      if (!fits(c)) return;
      advance(c, now);
      if (c.state != State::kReading) return;
    }
  }

  // Accounts c's buffers; past the budget, the connections holding bytes
  // that have waited longest are dropped, c last. Whether c goes on as it was.
  bool fits(Connection& c) {
    account(c);
    if (buffered_ <= limits_.max_buffered_bytes) return true;
    for (auto it = waiting_.begin(); it != waiting_.end() && buffered_ > limits_.max_buffered_bytes;) {
      Connection* other = *it++;
      if (other != &c && ((other->state == State::kReading && !other->in.empty()) || other->state == State::kWriting))
        evict(*other);
    }
    if (buffered_ <= limits_.max_buffered_bytes) return true;
    if (c.state == State::kReading) refuse(c, 503, "server busy", Clock::now());
    else close(c);
    return false;
  }

  // Frames the request at the front of c.in: dispatched to a worker when
  // complete, refused when it cannot be served.
  void advance(Connection& c, Clock::time_point now) {
    if (c.head == 0) {
      Head h = read_head(c.in, c.scanned, limits_.max_header_bytes, owner_.payload_max_length_);
      if (h.kind == Head::Kind::kRefused) return refuse(c, h.status, h.why, now);
      if (h.head == 0) return;  // the head is still incomplete
      for (auto line = h.hidden.rbegin(); line != h.hidden.rend(); ++line) {
        c.in.erase(line->first, line->second);
        h.head -= line->second;
      }
      c.head = h.head;
      c.body = h.body;
      if (c.in.size() < c.head + c.body) {
        c.in.reserve(c.head + c.body);
        if (!fits(c)) return;
        if (h.expect_continue && !c.continue_sent) {
          send_now(c.fd, "HTTP/1.1 100 Continue\r\n\r\n");  // nothing else is being sent
          c.continue_sent = true;
        }
      }
    }
    if (c.in.size() < c.head + c.body) return;
    c.frame = c.head + c.body;
    unwatch(c);
    unlink(c);
    c.state = State::kWorking;
    {
      std::lock_guard lock(mu_);
      ready_.push_back(&c);
    }
    work_cv_.notify_one();
  }

  // From a worker: its answer is sent, then the next request read.
  void returned(Connection& c, bool keep, Clock::time_point now) {
    c.head = c.body = c.scanned = 0;
    c.continue_sent = false;
    c.keep_after = keep;
    c.state = State::kWriting;
    c.since = now;
    to_back(c);
    if (!fits(c)) return;
    on_writable(c, now);
  }

  void on_writable(Connection& c, Clock::time_point now) {
    while (c.out_sent < c.out.size()) {
      const ssize_t n = ::send(c.fd, c.out.data() + c.out_sent, c.out.size() - c.out_sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        c.out_sent += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return watch(c, kOut);  // a slow reader: later
      return close(c);
    }
    std::string().swap(c.out);
    c.out_sent = 0;
    answered(c, now);
  }

  void answered(Connection& c, Clock::time_point now) {
    if (!c.keep_after) return linger(c, now);
    if (c.in.capacity() > kKeptCapacity) std::string(c.in).swap(c.in);
    account(c);
    c.state = State::kReading;
    c.since = now;
    c.first_byte = now;
    to_back(c);
    if (!c.in.empty()) {  // a pipelined request
      advance(c, now);
      if (c.state != State::kReading) return;
    }
    watch(c, kIn);
  }

  // Answers `status` with a short text and closes after the linger.
  void refuse(Connection& c, int status, const std::string& why, Clock::time_point now) {
    send_now(c.fd, canned(status, why));
    linger(c, now);
  }

  void linger(Connection& c, Clock::time_point now) {
    ::shutdown(c.fd, SHUT_WR);
    std::string().swap(c.in);
    std::string().swap(c.out);
    account(c);
    c.state = State::kDraining;
    c.since = now;
    to_back(c);
    watch(c, kIn);
  }

  void drain(Connection& c) {
    for (int i = 0; i < 16; ++i) {  // at most 1 MiB a turn: other connections wait meanwhile
      const ssize_t n = ::recv(c.fd, chunk_.data(), chunk_.size(), 0);
      if (n > 0) continue;
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      return close(c);
    }
  }

  // A connection given up for another: a request in progress is told why.
  void evict(Connection& c) {
    if (c.state == State::kReading && !c.in.empty()) send_now(c.fd, canned(503, "server busy"));
    close(c);
  }

  void sweep(Clock::time_point now) {
    std::vector<Connection*> due;
    for (Connection* c : waiting_) {
      const auto age = now - c->since;
      if ((c->state == State::kDraining && age >= kLinger) ||
          (c->state == State::kWriting && age >= limits_.write_timeout) ||
          (c->state == State::kReading && c->in.empty() && age >= limits_.idle_timeout) ||
          (c->state == State::kReading && !c->in.empty() && now - c->first_byte >= limits_.request_timeout))
        due.push_back(c);
    }
    for (Connection* c : due) {
      if (c->state == State::kReading && !c->in.empty()) {
        refuse(*c, 408, "request not received within " + seconds(limits_.request_timeout) + " s", now);
      } else {
        close(*c);
      }
    }
  }

  void close(Connection& c) {
    unwatch(c);
    unlink(c);
    ::close(c.fd);
    if (const auto it = per_address_.find(c.peer); it != per_address_.end() && --it->second == 0)
      per_address_.erase(it);
    buffered_ -= c.accounted;
    connections_.erase(c.id);  // c is gone
  }

  void account(Connection& c) {
    const std::size_t held = c.in.capacity() + c.out.capacity();
    buffered_ = buffered_ - c.accounted + held;
    c.accounted = held;
  }

  void watch(Connection& c, std::uint32_t events) {
    if (c.watched && c.events == events) return;
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = c.id;
    if (::epoll_ctl(epoll_, c.watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, c.fd, &ev) == 0) {
      c.watched = true;
      c.events = events;
    }
  }
  void unwatch(Connection& c) {
    if (!c.watched) return;
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, c.fd, nullptr);
    c.watched = false;
  }
  void to_back(Connection& c) {
    unlink(c);
    c.place = waiting_.insert(waiting_.end(), &c);
    c.waiting = true;
  }
  void unlink(Connection& c) {
    if (!c.waiting) return;
    waiting_.erase(c.place);
    c.waiting = false;
  }

  GuardedServer& owner_;
  const ConnectionLimits limits_;
  const std::size_t max_connections_;
  int epoll_ = -1;
  int wake_ = -1;

  // The reader thread's own.
  std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;
  std::unordered_map<std::string, std::size_t> per_address_;
  std::list<Connection*> waiting_;  // reading or draining, the longest waiting first
  std::size_t buffered_ = 0;
  std::uint64_t next_id_ = 1;
  std::vector<char> chunk_;

  // Shared, under mu_.
  std::mutex mu_;
  std::condition_variable work_cv_;
  std::vector<int> adopted_;
  std::vector<std::pair<Connection*, bool>> finished_;  // and whether to keep them open
  std::deque<Connection*> ready_;
  bool stopping_ = false;
  bool workers_done_ = false;

  std::once_flag stopped_;
  std::thread poller_;
  std::vector<std::thread> workers_;
};

namespace {

// httplib's accept loop hands each connection over at once; stopping the
// server stops the reader.
class Handover final : public httplib::TaskQueue {
 public:
  explicit Handover(GuardedServer::Reader& reader) : reader_(reader) {}
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override;

 private:
  GuardedServer::Reader& reader_;
};

}  // namespace

void Handover::shutdown() { reader_.stop(); }

GuardedServer::GuardedServer(ConnectionLimits limits) : reader_(std::make_unique<Reader>(*this, limits)) {
  new_task_queue = [this] { return new Handover(*reader_); };
  // The Keep-Alive header tells clients how long an idle connection stays.
  set_keep_alive_timeout(static_cast<time_t>(std::max<long>(1, static_cast<long>(limits.idle_timeout.count() / 1000))));
  backlog_ = limits.backlog;
}

GuardedServer::~GuardedServer() { reader_->stop(); }

int GuardedServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
  // httplib listens with a backlog of 5: a burst of connections would wait
  // for SYN retries (1 s and more). listen() again only resizes the queue.
  if (bound >= 0) ::listen(svr_sock_, backlog_);
  return bound;
}

std::size_t GuardedServer::max_connections() const noexcept { return reader_->max_connections(); }

bool GuardedServer::process_and_close_socket(socket_t sock) {
  reader_->adopt(sock);
  return true;
}

bool GuardedServer::handle(httplib::Stream& stream, bool close_connection, bool& connection_closed) {
  return process_request(stream, close_connection, connection_closed, nullptr);
}

}  // namespace collector

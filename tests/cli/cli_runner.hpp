// Runs the real `confidant` binary (its path comes from CMake as
// CONFIDANT_CLI) with chosen arguments, standard input and environment, and
// captures its exit code, stdout and stderr; plus a fixture holding one
// store directory and key file per test.
//
// Header-only because the tests/cli glob turns every *_test.cpp into its own
// executable and compiles nothing else there.
//
// Thread-safety: one test thread. The parent ignores SIGPIPE (a child that
// exits before reading its input must not kill the test); the child gets the
// default disposition back.
#pragma once

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/json.hpp"
#include "support/files.hpp"

extern char** environ;

namespace cli_test {

namespace fs = std::filesystem;
using confidant::testing::TempDir;

#ifndef CONFIDANT_CLI
#error "CONFIDANT_CLI must name the confidant binary (tests/CMakeLists.txt)"
#endif

struct Run {
  int exit_code = -1;  // 128 + signal number when the child was killed
  std::string out;
  std::string err;
};

// An environment change for the child: a value sets the variable, nullopt unsets it.
using EnvChange = std::pair<std::string, std::optional<std::string>>;

namespace detail {

[[noreturn]] inline void fail(const std::string& what) { throw std::runtime_error(what + ": " + std::strerror(errno)); }

inline std::vector<std::string> child_environment(const std::vector<EnvChange>& changes) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    bool replaced = false;
    for (const auto& change : changes) replaced = replaced || text.rfind(change.first + "=", 0) == 0;
    if (!replaced) env.push_back(text);
  }
  for (const auto& [name, value] : changes) {
    if (value) env.push_back(name + "=" + *value);
  }
  return env;
}

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    if (::pipe2(fds, O_CLOEXEC) != 0) fail("pipe2");
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (fds[0] >= 0) ::close(fds[0]);
    fds[0] = -1;
  }
  void close_write() {
    if (fds[1] >= 0) ::close(fds[1]);
    fds[1] = -1;
  }
};

}  // namespace detail

// Runs the CLI with `args` (without the program name). Gives up, killing the
// child, after `timeout`: a hang must fail the test, not the whole run.
inline Run run_cli(const std::vector<std::string>& args, const std::string& input = "",
                   const std::vector<EnvChange>& env_changes = {},
                   std::chrono::seconds timeout = std::chrono::seconds(300)) {
  ::signal(SIGPIPE, SIG_IGN);
  detail::Pipe in, out, err;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fds[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fds[1], STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> argv_text = {CONFIDANT_CLI};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text = detail::child_environment(env_changes);
  std::vector<char*> envp;
  for (std::string& entry : env_text) envp.push_back(entry.data());
  envp.push_back(nullptr);

  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, CONFIDANT_CLI, &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) {
    errno = spawned;
    detail::fail("posix_spawn " + std::string(CONFIDANT_CLI));
  }
  in.close_read();
  out.close_write();
  err.close_write();
  if (input.empty()) in.close_write();
  if (in.fds[1] >= 0) ::fcntl(in.fds[1], F_SETFL, O_NONBLOCK);

  // stdin, stdout and stderr all at once: a child blocked writing stderr
  // while the test blocks writing its stdin would otherwise never finish.
  Run run;
  std::size_t written = 0;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  while (out.fds[0] >= 0 || err.fds[0] >= 0) {
    std::vector<pollfd> fds;
    if (in.fds[1] >= 0) fds.push_back({in.fds[1], POLLOUT, 0});
    if (out.fds[0] >= 0) fds.push_back({out.fds[0], POLLIN, 0});
    if (err.fds[0] >= 0) fds.push_back({err.fds[0], POLLIN, 0});
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) detail::fail("poll");
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      if (p.fd == in.fds[1]) {
        const ssize_t n = ::write(p.fd, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 && errno != EAGAIN) in.close_write();  // the child stopped reading: fine
        if (written == input.size()) in.close_write();
        continue;
      }
      char buffer[65536];
      const ssize_t n = ::read(p.fd, buffer, sizeof buffer);
      std::string& sink = p.fd == out.fds[0] ? run.out : run.err;
      if (n > 0) {
        sink.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        (p.fd == out.fds[0] ? out : err).close_read();
      }
    }
  }
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) detail::fail("waitpid");
  }
  if (timed_out) throw std::runtime_error("confidant timed out; stderr so far: " + run.err);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

// Every line the CLI wrote to stderr starts with "confidant: ".
inline bool all_lines_prefixed(const std::string& err) {
  std::size_t start = 0;
  while (start < err.size()) {
    if (err.compare(start, 11, "confidant: ") != 0) return false;
    const std::size_t end = err.find('\n', start);
    if (end == std::string::npos) return false;  // every message ends its line
    start = end + 1;
  }
  return true;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// One JSON document followed by exactly one newline, parsed.
inline confidant::json::Value parse_json_line(const std::string& out) {
  INFO(out);
  REQUIRE(!out.empty());
  REQUIRE(out.back() == '\n');
  REQUIRE(out.find('\n') == out.size() - 1);
  auto parsed = confidant::json::parse(out);
  INFO(parsed.status().to_string());
  REQUIRE(parsed);
  return parsed.value();
}

// A member of a parsed object, which must be there.
inline const confidant::json::Value& member(const confidant::json::Value& object, std::string_view key) {
  const confidant::json::Value* found = object.find(key);
  INFO("missing member " << key);
  REQUIRE(found != nullptr);
  return *found;
}

// 2026-11-20T08:00:00Z, a Friday morning: the clock of every test that uses Cli.
inline const std::string kNow = "2026-11-20T08:00:00Z";

// A store directory and its key file in a fresh temporary directory; calls
// pass --dir, --key-file and --now before the command.
struct Cli {
  TempDir tmp{"confidant-cli"};

  fs::path dir() const { return tmp.path() / "store"; }
  fs::path key() const { return tmp.path() / "store.key"; }
  fs::path db() const { return dir() / "confidant.db"; }

  std::vector<std::string> globals(const fs::path& key_file) const {
    return {"--dir", dir().string(), "--key-file", key_file.string(), "--now", kNow};
  }

  Run operator()(const std::vector<std::string>& command, const std::string& input = "") const {
    return with_key(key(), command, input);
  }
  Run with_key(const fs::path& key_file, const std::vector<std::string>& command, const std::string& input = "") const {
    std::vector<std::string> args = globals(key_file);
    args.insert(args.end(), command.begin(), command.end());
    return run_cli(args, input);
  }

  // A call that must succeed; returns its stdout.
  std::string ok(const std::vector<std::string>& command, const std::string& input = "") const {
    const Run run = (*this)(command, input);
    INFO("stderr: " << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.empty());
    return run.out;
  }

  // A file in the test's temporary directory with `text`.
  fs::path write_file(const std::string& name, const std::string& text) const {
    const fs::path path = tmp.path() / name;
    confidant::testing::write_bytes(path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
    return path;
  }
};

}  // namespace cli_test

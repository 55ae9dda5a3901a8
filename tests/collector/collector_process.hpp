// The real confidant-collector binary, started for a test on a free
// loopback port (it prints the port it bound) and stopped at the end.
//
// Header-only, for tests/collector. Thread-safety: one test thread.
#pragma once

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "confidant/brand.hpp"
#include "curl_transport.hpp"
#include "support/brand_fixture.hpp"
#include "support/files.hpp"

namespace collector_test {

// A brand directory as `confidant-brand keygen` + `sign` make it.
struct BrandDir {
  confidant::testing::TempDir tmp{"confidant-brand-dir"};
  confidant::testing::TestBrand brand;
  std::filesystem::path keys = tmp.path() / "keys";
  std::string signed_config;

  explicit BrandDir(const std::string& config_json = confidant::testing::cafe_config_json()) {
    REQUIRE(confidant::brand::write_keys(brand.keys, keys));
    signed_config = brand.sign(config_json);
    FILE* out = std::fopen((keys / "config.signed").c_str(), "wb");
    REQUIRE(out != nullptr);
    std::fwrite(signed_config.data(), 1, signed_config.size(), out);
    std::fclose(out);
  }
};

class CollectorProcess {
 public:
  explicit CollectorProcess(const std::filesystem::path& keys, std::vector<std::string> extra = {}) {
    int out[2];
    REQUIRE(::pipe(out) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      std::vector<std::string> args = {CONFIDANT_COLLECTOR, "--listen", "127.0.0.1:0", "--keys", keys.string()};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    FILE* from_child = ::fdopen(out[0], "r");
    char line[256] = {0};
    const bool got = std::fgets(line, sizeof line, from_child) != nullptr;
    std::fclose(from_child);
    INFO("collector said: " << line);
    REQUIRE(got);
    const std::string text = line;
    REQUIRE(text.rfind("listening on 127.0.0.1:", 0) == 0);
    url_ = "http://127.0.0.1:" + text.substr(23, text.find_first_of("\r\n") - 23);
  }
  ~CollectorProcess() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  CollectorProcess(const CollectorProcess&) = delete;
  CollectorProcess& operator=(const CollectorProcess&) = delete;

  const std::string& url() const { return url_; }
  pid_t pid() const { return pid_; }
  int port() const { return std::stoi(url_.substr(url_.rfind(':') + 1)); }
  bool alive() const { return ::kill(pid_, 0) == 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

  confidant::HttpResponse get(const std::string& path) const { return send("GET", path, {}); }
  confidant::HttpResponse post(const std::string& path, const std::string& body) const {
    return send("POST", path, body);
  }

 private:
  confidant::HttpResponse send(const std::string& method, const std::string& path, const std::string& body) const {
    confidant::HttpRequest request;
    request.method = method;
    request.url = url_ + path;
    request.body = body;
    request.timeout = std::chrono::milliseconds(10000);
    auto response = transport_.send(request);
    INFO(response.status().to_string());
    REQUIRE(response);
    return response.value();
  }

  pid_t pid_ = -1;
  std::string url_;
  mutable confidant::posix::CurlTransport transport_;
};

// Runs a shell command (a confidant-fleet run) and returns its standard
// output; the test fails unless it exits 0.
inline std::string run_capture(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = ::pclose(pipe);
  INFO(out);
  REQUIRE(WEXITSTATUS(status) == 0);
  return out;
}

// object[key]; the test fails, naming the key, when it is absent.
inline const confidant::json::Value& member(const confidant::json::Value& object, std::string_view key) {
  const confidant::json::Value* found = object.find(key);
  INFO("missing " << key);
  REQUIRE(found != nullptr);
  return *found;
}

}  // namespace collector_test

// A Transport for tests: records every request and answers from a script
// (a queue of responses or errors; when the script is empty, 200 OK).
//
// Thread-safety: send() runs on the SDK's worker while the test thread reads
// what was recorded after its call returned, so a mutex guards both.
#pragma once

#include <deque>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "confidant/transport.hpp"

namespace confidant::testing {

class FakeTransport : public Transport {
 public:
  struct Step {
    enum class Kind { kRespond, kFail, kThrow } kind = Kind::kRespond;
    HttpResponse response;
    Status error;
  };

  void respond(int status, std::vector<std::pair<std::string, std::string>> headers = {}, std::string body = {}) {
    std::lock_guard lock(mu_);
    script_.push_back({Step::Kind::kRespond, {status, std::move(headers), std::move(body)}, {}});
  }
  void fail(Status error) {
    std::lock_guard lock(mu_);
    script_.push_back({Step::Kind::kFail, {}, std::move(error)});
  }
  void throw_once() {
    std::lock_guard lock(mu_);
    script_.push_back({Step::Kind::kThrow, {}, {}});
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    Step step;
    {
      std::lock_guard lock(mu_);
      requests_.push_back(request);
      if (!script_.empty()) {
        step = std::move(script_.front());
        script_.pop_front();
      } else {
        step.response.status = 200;
      }
    }
    switch (step.kind) {
      case Step::Kind::kRespond: return step.response;
      case Step::Kind::kFail: return step.error;
      case Step::Kind::kThrow: throw std::runtime_error("host transport exploded");
    }
    return step.response;
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  mutable std::mutex mu_;
  std::deque<Step> script_;
  std::vector<HttpRequest> requests_;
};

}  // namespace confidant::testing

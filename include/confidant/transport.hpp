// Transport: the one network seam. The host sends one HTTP request and
// returns what came back; everything else about delivery (the outbox,
// retries, exponential backoff with jitter, Retry-After, giving up) is the
// SDK's (docs/sync.md), so every platform behaves the same.
//
// Implementations: platform/posix (libcurl), platform/ios (URLSession),
// platform/android (HttpURLConnection), or the app's own HTTP stack (e.g.
// through an oblivious relay, which hides the device's IP address from the
// brand).
//
// Thread-safety: send() is called on the SDK's worker thread, one request at
// a time, with no SDK lock held. It may block up to request.timeout.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "confidant/status.hpp"

namespace confidant {

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // bytes
  std::chrono::milliseconds timeout{30000};
};

struct HttpResponse {
  int status = 0;  // the HTTP status code
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class CONFIDANT_EXPORT Transport {
 public:
  virtual ~Transport() = default;
  // A response for any HTTP status (4xx and 5xx included). An error Status
  // only when no response arrived: kIo for a network failure or a timeout
  // (the SDK retries later), kInvalidArgument for a URL it cannot use.
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

}  // namespace confidant

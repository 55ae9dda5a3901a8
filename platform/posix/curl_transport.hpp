// CurlTransport: the SDK's Transport over libcurl, for desktop tools, tests
// and samples (the phones use URLSession and HttpURLConnection).
//
// Any HTTP status is a response; only "no response" is an error: kIo for a
// refused connection, a DNS failure or a timeout (curl's own words in the
// message), kInvalidArgument for a URL that is empty or not http(s), or a
// method or header that would break the request (a line break, a NUL).
// Redirects are not followed (a report must reach the URL the app chose).
// Response header names are lower-cased. A body without a Content-Type of
// the caller's goes as application/octet-stream (never as form data).
// Proxies come from the usual environment variables (http_proxy, no_proxy).
//
// Thread-safety: send() may be called from several threads at once; each
// call uses its own curl handle.
#pragma once

#include <chrono>

#include "confidant/transport.hpp"

namespace confidant::posix {

class CurlTransport final : public Transport {
 public:
  // `connect_timeout` bounds connection setup within each request's timeout.
  explicit CurlTransport(std::chrono::milliseconds connect_timeout = std::chrono::milliseconds(5000));
  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  std::chrono::milliseconds connect_timeout_;
};

}  // namespace confidant::posix

// Transport over the host's C vtable, and the response object the host
// fills. Whatever the host does (an error, an exception, a status that is
// not HTTP, a NULL body with a length) becomes a clean "no response" (kIo),
// which the SDK retries later: a broken HTTP stack never crashes the app.
#include <string>

#include "capi/errors.hpp"
#include "capi/host_seams.hpp"

struct confidant_http_response {
  confidant::HttpResponse value;
};

namespace confidant::capi {
namespace {

class HostTransport final : public Transport {
 public:
  HostTransport(HostContext context, const confidant_transport& transport)
      : context_(std::move(context)), send_(transport.send) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    try {
      std::vector<confidant_http_header> headers;
      for (const auto& [name, value] : request.headers)
        headers.push_back({name.c_str(), name.size(), value.c_str(), value.size()});
      const confidant_http_request c_request{
          request.method.c_str(),
          request.url.c_str(),
          headers.empty() ? nullptr : headers.data(),
          headers.size(),
          reinterpret_cast<const std::uint8_t*>(request.body.data()),
          request.body.size(),
          static_cast<std::int64_t>(request.timeout.count())};
      confidant_http_response response;
      if (confidant_error* error = send_(context_.get(), &c_request, &response)) {
        Status failed = take_status(error, "transport");
        // Whatever code the host chose, no response arrived: retry later.
        return Status{ErrorCode::kIo, failed.message()};
      }
      if (response.value.status < 100 || response.value.status > 599) {
        return Status{ErrorCode::kIo,
                      "transport: status " + std::to_string(response.value.status) + " is not an HTTP status"};
      }
      return std::move(response.value);
    } catch (const std::exception& e) {
      return Status{ErrorCode::kIo, std::string("transport: the host's send threw: ") + e.what()};
    } catch (...) {
      return Status{ErrorCode::kIo, "transport: the host's send threw"};
    }
  }

 private:
  HostContext context_;
  decltype(confidant_transport::send) send_;
};

}  // namespace

std::shared_ptr<Transport> make_host_transport(HostContext context, const confidant_transport& transport) {
  return std::make_shared<HostTransport>(std::move(context), transport);
}

}  // namespace confidant::capi

using namespace confidant;
using namespace confidant::capi;

extern "C" {

void confidant_http_response_set_status(confidant_http_response* response, int32_t status) noexcept {
  if (response != nullptr) response->value.status = status;
}

confidant_error* confidant_http_response_add_header(confidant_http_response* response, const char* name,
                                                    size_t name_len, const char* value, size_t value_len) noexcept {
  if (response == nullptr) return null_argument("response");
  if (name == nullptr) return null_argument("name");
  if (value == nullptr && value_len != 0) return null_argument("value");
  return guard([&]() -> confidant_error* {
    response->value.headers.emplace_back(std::string(name, name_len),
                                         value_len == 0 ? std::string() : std::string(value, value_len));
    return nullptr;
  });
}

confidant_error* confidant_http_response_set_body(confidant_http_response* response, const uint8_t* body,
                                                  size_t body_len) noexcept {
  if (response == nullptr) return null_argument("response");
  if (body == nullptr && body_len != 0) return null_argument("body");
  return guard([&]() -> confidant_error* {
    response->value.body.assign(reinterpret_cast<const char*>(body), body_len);
    return nullptr;
  });
}

}  // extern "C"

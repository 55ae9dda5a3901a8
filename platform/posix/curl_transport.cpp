#include "curl_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace confidant::posix {
namespace {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// `prefix` is lower-case.
bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(),
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

// `lower` is lower-case.
bool equals_ci(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() && starts_with_ci(text, lower);
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// One header line per call; the status line and the blank line are skipped.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  std::string_view line(data, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (starts_with_ci(line, "http/")) headers->clear();  // a new response (e.g. after 100 Continue)
  const std::size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    headers->emplace_back(std::move(name), std::string(value));
  }
  return size * count;
}

bool has_body(const std::string& method) { return method != "GET" && method != "HEAD"; }

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool has_line_break_or_nul(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

// What curl would misread or silently pass on: a URL it would truncate at a
// NUL, a method or header that would split the request line or inject
// headers. Each refusal names the field.
Status check(const HttpRequest& request) {
  if (request.url.empty()) return {ErrorCode::kInvalidArgument, "url: empty"};
  if (!starts_with_ci(request.url, "http://") && !starts_with_ci(request.url, "https://"))
    return {ErrorCode::kInvalidArgument, "url: only http:// and https:// are allowed"};
  if (has_line_break_or_nul(request.url))
    return {ErrorCode::kInvalidArgument, "url: contains a line break or NUL"};
  if (request.method.empty() || !std::all_of(request.method.begin(), request.method.end(), is_token_char))
    return {ErrorCode::kInvalidArgument, "method: '" + request.method + "' is not an HTTP method"};
  for (std::size_t i = 0; i < request.headers.size(); ++i) {
    const auto& [name, value] = request.headers[i];
    const std::string field = "headers[" + std::to_string(i) + "]";
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char))
      return {ErrorCode::kInvalidArgument, field + ": name '" + name + "' is not an HTTP header name"};
    if (has_line_break_or_nul(value))
      return {ErrorCode::kInvalidArgument, field + " (" + name + "): value contains a line break or NUL"};
  }
  return Status::ok();
}

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

CurlTransport::CurlTransport(std::chrono::milliseconds connect_timeout) : connect_timeout_(connect_timeout) {
  init_curl_once();
}

Result<HttpResponse> CurlTransport::send(const HttpRequest& request) {
  if (Status st = check(request); !st) return st;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status{ErrorCode::kIo, "curl: could not create a handle"};
  CURL* h = curl.get();

  HttpResponse response;
  char error_text[CURL_ERROR_SIZE] = {0};
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  const auto append = [&headers](const std::string& line) {
    curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
    if (grown == nullptr) return false;
    (void)headers.release();  // grown is the same list, one line longer
    headers.reset(grown);
    return true;
  };
  bool has_content_type = false;
  for (const auto& [name, value] : request.headers) {
    has_content_type = has_content_type || equals_ci(name, "content-type");
    if (!append(name + ": " + value)) return Status{ErrorCode::kIo, "curl: out of memory for headers"};
  }
  // Without "Expect:", curl sends "Expect: 100-continue" for larger bodies
  // and waits. Without a content type of the caller's, curl would label the
  // bytes application/x-www-form-urlencoded, which servers may parse or cap.
  if (!append("Expect:")) return Status{ErrorCode::kIo, "curl: out of memory for headers"};
  if (has_body(request.method) && !has_content_type &&
      !append("Content-Type: application/octet-stream"))
    return Status{ErrorCode::kIo, "curl: out of memory for headers"};

  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe in a multithreaded host
  // 0 would mean "no limit" to curl: the shortest limit it takes is 1 ms.
  const auto total_ms = std::max<std::int64_t>(1, request.timeout.count());
  const auto connect_ms = std::clamp<std::int64_t>(connect_timeout_.count(), 1, total_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(total_ms));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_ms));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);
  if (!has_body(request.method)) {
    if (request.method == "GET") curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    else curl_easy_setopt(h, CURLOPT_NOBODY, 1L);  // HEAD: else curl would wait for a body that never comes
  } else {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    if (request.method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    const std::string detail = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
    if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL)
      return Status{ErrorCode::kInvalidArgument, "url: " + detail};
    return Status{ErrorCode::kIo, "http: " + detail};
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace confidant::posix

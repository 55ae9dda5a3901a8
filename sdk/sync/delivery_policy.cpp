#include "sync/delivery_policy.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace confidant::sync {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::int64_t backoff_ms(int attempts, const SyncPolicy& policy, const Uniform& uniform) {
  const double initial = static_cast<double>(std::chrono::milliseconds(policy.backoff_initial).count());
  const double cap = static_cast<double>(std::chrono::milliseconds(policy.backoff_max).count());
  const double delay = std::min(cap, initial * std::ldexp(1.0, std::clamp(attempts - 1, 0, 62)));
  return static_cast<std::int64_t>(delay / 2 + uniform() * delay / 2);
}

std::optional<std::int64_t> retry_after_ms(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (!same_name(name, "retry-after")) continue;
    // delta-seconds is 1*DIGIT (RFC 9110, 10.2.3): from_chars alone would
    // also take a sign ("-0").
    if (value.empty() || value.front() < '0' || value.front() > '9') return std::nullopt;
    std::int64_t seconds = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (error != std::errc() || end != value.data() + value.size() || seconds < 0) return std::nullopt;
    return std::min<std::int64_t>(seconds, 7LL * 24 * 3600) * 1000;
  }
  return std::nullopt;
}

Verdict judge(const Result<HttpResponse>& response, int attempts, std::int64_t created_ms, std::int64_t now_ms,
              const SyncPolicy& policy, const Uniform& uniform) {
  Verdict verdict;
  std::int64_t not_before = now_ms + backoff_ms(attempts, policy, uniform);
  if (!response.is_ok()) {
    verdict.error = "no response: " + response.status().message();
  } else {
    const int status = response->status;
    if (status >= 200 && status < 300) return {Outcome::kSent, 0, {}};
    verdict.error = "http " + std::to_string(status);
    if (status == 429 || status == 503) {
      if (auto wait = retry_after_ms(response.value())) not_before = std::max(not_before, now_ms + *wait);
    } else if (status >= 400 && status < 500) {
      verdict.outcome = Outcome::kDrop;
      return verdict;
    }
  }
  const std::int64_t max_age_ms = std::chrono::milliseconds(policy.max_age).count();
  if (attempts >= policy.max_attempts || not_before - created_ms > max_age_ms) {
    verdict.outcome = Outcome::kDrop;
    verdict.error += attempts >= policy.max_attempts ? " (gave up after " + std::to_string(attempts) + " attempts)"
                                                     : " (gave up: too old to retry)";
    return verdict;
  }
  verdict.next_attempt_ms = not_before;
  return verdict;
}

}  // namespace confidant::sync

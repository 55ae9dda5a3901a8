// Per-client token buckets: each address may send `rate` requests a second
// on average, in bursts of up to `burst`. Beyond that the collector answers
// 429 with Retry-After, which the SDK honours.
//
// Thread-safety: allow() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace collector {

class RateLimiter {
 public:
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
  // 0 when the request may proceed; otherwise the seconds to wait.
  std::int64_t retry_after(const std::string& client, std::chrono::steady_clock::time_point now);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point last;
  };
  double rate_;
  double burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace collector

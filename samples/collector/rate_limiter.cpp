#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace collector {

std::int64_t RateLimiter::retry_after(const std::string& client, std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mu_);
  // Bounded memory: when the table grows large, forget the full buckets (an
  // idle client loses nothing by it: it would be refilled anyway).
  if (buckets_.size() > 100000) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      const double idle = std::chrono::duration<double>(now - it->second.last).count();
      it = it->second.tokens + idle * rate_ >= burst_ ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, created] = buckets_.try_emplace(client, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!created) {
    const double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.last = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil((1.0 - b.tokens) / rate_)));
}

}  // namespace collector

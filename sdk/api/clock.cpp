#include <chrono>

#include "confidant/clock.hpp"
#include "common/time.hpp"

namespace confidant {
namespace {

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t unix_ms) : unix_ms_(unix_ms) {}
  std::int64_t now_ms() const override { return unix_ms_; }

 private:
  const std::int64_t unix_ms_;
};

}  // namespace

std::shared_ptr<Clock> make_system_clock() { return std::make_shared<SystemClock>(); }
std::shared_ptr<Clock> make_fixed_clock(std::int64_t unix_ms) { return std::make_shared<FixedClock>(unix_ms); }

Result<std::int64_t> parse_iso8601(std::string_view text) { return timefmt::parse_iso8601(text); }

}  // namespace confidant

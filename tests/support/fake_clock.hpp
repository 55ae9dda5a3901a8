// A Clock the test moves by hand: the SDK's every timestamp (signal
// defaults, consent records, decay) comes from here.
//
// Thread-safety: now_ms() and the setters may race (the SDK reads it from
// its worker); the value is one atomic word.
#pragma once

#include <atomic>
#include <cstdint>

#include "confidant/clock.hpp"

namespace confidant::testing {

inline constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
inline constexpr std::int64_t kHourMs = 60LL * 60 * 1000;
// 2026-11-20T08:00:00.000Z: a Friday morning.
inline constexpr std::int64_t kFriday8am = 1795161600000;

class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t start_ms = kFriday8am) : now_(start_ms) {}
  std::int64_t now_ms() const override { return now_.load(); }
  void set(std::int64_t unix_ms) { now_.store(unix_ms); }
  void advance(std::int64_t ms) { now_.fetch_add(ms); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace confidant::testing

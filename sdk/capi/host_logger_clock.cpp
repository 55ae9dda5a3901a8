// Logger and Clock over host vtables. Neither seam can report failure, so a
// callback that throws is absorbed: a lost log line, or one reading from the
// system clock instead.
#include <string>

#include "capi/host_seams.hpp"

namespace confidant::capi {
namespace {

class HostLogger final : public Logger {
 public:
  HostLogger(HostContext context, const confidant_logger& logger)
      : context_(std::move(context)), log_(logger.log) {}

  void log(LogLevel level, std::string_view message) override {
    try {
      // The header promises a NUL after the message; a string_view has none.
      const std::string line(message);
      log_(context_.get(), static_cast<confidant_log_level>(level), line.c_str(), line.size());
    } catch (...) {
      // Logging must never be the reason an operation fails.
    }
  }

 private:
  HostContext context_;
  decltype(confidant_logger::log) log_;
};

class HostClock final : public Clock {
 public:
  HostClock(HostContext context, const confidant_clock& clock)
      : context_(std::move(context)), now_ms_(clock.now_ms), fallback_(make_system_clock()) {}

  std::int64_t now_ms() const override {
    try {
      return now_ms_(context_.get());
    } catch (...) {
      return fallback_->now_ms();
    }
  }

 private:
  HostContext context_;
  decltype(confidant_clock::now_ms) now_ms_;
  std::shared_ptr<Clock> fallback_;
};

}  // namespace

std::shared_ptr<Logger> make_host_logger(HostContext context, const confidant_logger& logger) {
  return std::make_shared<HostLogger>(std::move(context), logger);
}

std::shared_ptr<Clock> make_host_clock(HostContext context, const confidant_clock& clock) {
  return std::make_shared<HostClock>(std::move(context), clock);
}

}  // namespace confidant::capi

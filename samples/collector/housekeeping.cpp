#include "housekeeping.hpp"

namespace collector {

Housekeeping::Housekeeping(Collector& collector, std::chrono::milliseconds period,
                           std::function<std::int64_t()> now_ms)
    : collector_(collector), period_(period), now_ms_(std::move(now_ms)), thread_([this] { run(); }) {}

Housekeeping::~Housekeeping() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Housekeeping::run() {
  std::unique_lock lock(mu_);
  do {  // at least once, however soon the destructor comes
    lock.unlock();
    collector_.forget_old_ids(now_ms_());
    lock.lock();
  } while (!wake_.wait_for(lock, period_, [this] { return stopping_; }));
}

}  // namespace collector

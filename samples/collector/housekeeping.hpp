// Housekeeping: the collector's work that belongs to no request. Report ids
// that can no longer match a fresh report are forgotten (a delete of up to
// an epoch's worth of rows) in a thread of its own, at start and then every
// `period`, so no upload ever waits for it.
//
// Thread-safety: starts its thread in the constructor; the destructor stops
// and joins it. `collector` must outlive it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "collector.hpp"

namespace collector {

class Housekeeping {
 public:
  Housekeeping(Collector& collector, std::chrono::milliseconds period, std::function<std::int64_t()> now_ms);
  ~Housekeeping();
  Housekeeping(const Housekeeping&) = delete;
  Housekeeping& operator=(const Housekeeping&) = delete;

 private:
  void run();

  Collector& collector_;
  const std::chrono::milliseconds period_;
  const std::function<std::int64_t()> now_ms_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once everything above is ready
};

}  // namespace collector

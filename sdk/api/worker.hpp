// Worker: the SDK's one thread. It owns the Engine, persists queued signals
// in batches and runs every other call in the order it was made.
//
// Producers (any host thread) either push() a signal into the bounded queue,
// which never waits for I/O, or call() a task and wait for its result. The
// worker wakes when a task arrives, when batch_size signals are queued, or
// flush_interval after the first signal of a batch arrived; each time it
// persists every queued signal first, then runs the waiting tasks, so a task
// sees every signal queued before it.
//
// Lock order: one mutex (the queue's); nothing is called with it held except
// vector/deque operations and condition-variable notifies.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "confidant/signal.hpp"
#include "confidant/status.hpp"

namespace confidant::api {

class Worker {
 public:
  struct Hooks {
    std::function<void()> on_start;                      // first thing on the thread
    std::function<void(std::vector<Signal>&)> on_batch;  // persist these
    std::function<void()> on_stop;                       // last thing on the thread
    std::function<void()> on_round;                      // after each round of a batch and tasks
  };
  struct Limits {
    std::size_t capacity = 10000;
    std::size_t batch_size = 1024;
    std::chrono::milliseconds flush_interval{250};
  };

  Worker(Hooks hooks, Limits limits);
  ~Worker();  // stop()
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  enum class Push { kQueued, kFull, kStopped };
  Push push(Signal&& signal);

  // Runs `task` on the worker after what was queued before and returns its
  // result. kClosed when the worker has stopped; kBusy when called from the
  // worker itself (e.g. from a Logger), which would wait for itself forever.
  Status call(std::function<Status()> task);
  template <typename T>
  Result<T> call(std::function<Result<T>()> task) {
    Result<T> out = Status{ErrorCode::kClosed, "the SDK is closed"};
    Status st = call([&]() -> Status {
      out = task();
      return Status::ok();
    });
    if (!st) return st;
    return out;
  }

  // Persists what is queued, runs waiting tasks, then on_stop, and joins.
  // Later push() answers kStopped and call() kClosed. Idempotent: every
  // caller returns once the worker has ended. Must not be called from the
  // worker itself.
  void stop();

  bool on_worker_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  void run();

  Hooks hooks_;
  const Limits limits_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::vector<Signal> signals_;
  std::chrono::steady_clock::time_point batch_deadline_{};
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::once_flag stop_once_;
  std::thread thread_;
};

}  // namespace confidant::api

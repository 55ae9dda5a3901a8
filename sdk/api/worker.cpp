#include "api/worker.hpp"

#include <utility>

namespace confidant::api {

Worker::Worker(Hooks hooks, Limits limits) : hooks_(std::move(hooks)), limits_(limits) {
  signals_.reserve(limits_.batch_size);
  thread_ = std::thread([this] { run(); });
}

Worker::~Worker() { stop(); }

Worker::Push Worker::push(Signal&& signal) {
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Push::kStopped;
    if (signals_.size() >= limits_.capacity) return Push::kFull;
    signals_.push_back(std::move(signal));
    // Wake the worker only to start the batch's timer and when the batch is
    // full: a notify per signal would cost a system call on the host's thread.
    if (signals_.size() == 1) {
      batch_deadline_ = std::chrono::steady_clock::now() + limits_.flush_interval;
      wake = true;
    } else if (signals_.size() == limits_.batch_size) {
      wake = true;
    }
  }
  if (wake) wake_.notify_one();
  return Push::kQueued;
}

Status Worker::call(std::function<Status()> task) {
  if (on_worker_thread()) {
    return {ErrorCode::kBusy, "called from the SDK's own worker thread (e.g. from a Logger); not allowed"};
  }
  std::promise<Status> done;
  std::future<Status> result = done.get_future();
  {
    std::lock_guard lock(mu_);
    if (stopping_) return {ErrorCode::kClosed, "the SDK is closed"};
    tasks_.push_back([&task, &done] {
      try {
        done.set_value(task());
      } catch (const std::exception& e) {
        done.set_value(Status{ErrorCode::kInternal, std::string("unexpected exception: ") + e.what()});
      } catch (...) {
        done.set_value(Status{ErrorCode::kInternal, "unexpected non-standard exception"});
      }
    });
  }
  wake_.notify_one();
  return result.get();
}

void Worker::run() {
  if (hooks_.on_start) hooks_.on_start();
  std::vector<Signal> batch;
  std::deque<std::function<void()>> tasks;
  while (true) {
    bool last_round = false;
    {
      std::unique_lock lock(mu_);
      while (!stopping_ && tasks_.empty() && signals_.size() < limits_.batch_size) {
        if (signals_.empty()) {
          wake_.wait(lock);
        } else if (wake_.wait_until(lock, batch_deadline_) == std::cv_status::timeout) {
          break;
        }
      }
      batch.swap(signals_);
      tasks.swap(tasks_);
      last_round = stopping_;
    }
    if (!batch.empty() && hooks_.on_batch) hooks_.on_batch(batch);
    batch.clear();
    while (!tasks.empty()) {
      tasks.front()();
      tasks.pop_front();
    }
    if (last_round) break;
    if (hooks_.on_round) hooks_.on_round();
  }
  if (hooks_.on_stop) hooks_.on_stop();
}

void Worker::stop() {
  // call_once: a second caller waits until the worker has really ended.
  std::call_once(stop_once_, [this] {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
  });
}

}  // namespace confidant::api

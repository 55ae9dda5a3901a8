#include "api/consent_events.hpp"

#include <algorithm>
#include <utility>

namespace confidant::api {

ConsentEventQueue::ConsentEventQueue(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

ConsentEventQueue::~ConsentEventQueue() { stop(); }

Result<ConsentListenerId> ConsentEventQueue::add(ConsentListener listener) {
  if (!listener) return Status::invalid_field("listener", "empty");
  auto entry = std::make_shared<Entry>();
  entry->listener = std::move(listener);
  std::lock_guard lock(mu_);
  if (stopping_) return Status::closed("the SDK is closed");
  entry->id = next_id_++;
  listeners_.push_back(entry);
  // A thread only for SDKs that have a listener: most hosts never add one.
  if (!thread_.joinable()) {
    thread_ = std::thread([this] { run(); });
    thread_id_ = thread_.get_id();
  }
  return entry->id;
}

void ConsentEventQueue::remove(ConsentListenerId id) {
  std::shared_ptr<Entry> gone;
  {
    std::unique_lock lock(mu_);
    const auto it = std::find_if(listeners_.begin(), listeners_.end(), [id](const auto& e) { return e->id == id; });
    if (it == listeners_.end()) return;
    gone = std::move(*it);
    listeners_.erase(it);
    // Inside its own call the listener cannot wait for itself; elsewhere,
    // wait until a call in progress has returned.
    if (!on_delivery_thread()) call_done_.wait(lock, [&] { return in_call_ != id; });
  }
  // The last reference may be this one: the host's destructor runs unlocked.
  gone.reset();
}

void ConsentEventQueue::publish(std::vector<ConsentEvent> events) {
  if (events.empty()) return;
  {
    std::lock_guard lock(mu_);
    if (stopping_ || listeners_.empty()) return;
    for (ConsentEvent& event : events) {
      if (queue_.size() >= capacity_) {
        // Drop the oldest: the newest tell the current state, and the
        // worker must not wait for a slow listener. The event delivered
        // next says how many went before it.
        const std::uint64_t gone = queue_.front().missed + 1;
        queue_.pop_front();
        ++dropped_;
        if (queue_.empty()) {
          missed_pending_ += gone;  // capacity 1: the event pushed now is next
        } else {
          queue_.front().missed += gone;
        }
      }
      event.missed = std::exchange(missed_pending_, 0);
      queue_.push_back(std::move(event));
    }
  }
  wake_.notify_one();
}

void ConsentEventQueue::run() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (abandon_ || queue_.empty()) break;  // stop(): what was queued is delivered first
    const ConsentEvent event = std::move(queue_.front());
    queue_.pop_front();
    // Listeners in id order, looked up afresh after each call: one removed
    // meanwhile is skipped, and no copy of it outlives its call here.
    ConsentListenerId last = 0;
    while (!abandon_) {
      const auto next =
          std::find_if(listeners_.begin(), listeners_.end(), [last](const auto& e) { return e->id > last; });
      if (next == listeners_.end()) break;
      std::shared_ptr<Entry> current = *next;
      last = current->id;
      in_call_ = last;
      lock.unlock();
      bool threw = false;
      try {
        current->listener(event);
      } catch (...) {
        threw = true;  // the host's bug must not end delivery for everyone
      }
      // Removed during its call: released here, unlocked, before remove()
      // (waiting for in_call_) returns.
      current.reset();
      lock.lock();
      if (threw) ++listener_errors_;
      in_call_ = 0;
      call_done_.notify_all();
    }
  }
  thread_id_ = {};  // a later thread that happens to get this id is not this one
}

void ConsentEventQueue::stop() {
  std::vector<std::shared_ptr<Entry>> released;
  bool from_listener = false;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    // Not thread_.joinable(): a concurrent stop() may be joining it.
    from_listener = on_delivery_thread();
    if (from_listener) abandon_ = true;
  }
  wake_.notify_all();
  if (from_listener) return;  // the thread ends after this listener returns; the owner joins it
  {
    std::lock_guard join(join_mu_);
    if (thread_.joinable()) thread_.join();
  }
  {
    std::lock_guard lock(mu_);
    released.swap(listeners_);
    queue_.clear();
  }
  released.clear();  // host destructors, unlocked
}

std::uint64_t ConsentEventQueue::listener_errors() const {
  std::lock_guard lock(mu_);
  return listener_errors_;
}

std::uint64_t ConsentEventQueue::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

}  // namespace confidant::api

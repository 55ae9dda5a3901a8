// ConsentEventQueue: hands committed consent changes from the worker to the
// host's listeners on a thread of their own (docs/consent.md, "Consent
// events").
//
// Why a thread of its own rather than the worker: a listener may be slow,
// and may call back into the Sdk (read the receipt, refresh the profile);
// on the worker the first would stall every SDK call and the second would
// wait for itself. So the worker only appends events to a bounded queue,
// which never waits for a listener, and this thread delivers them, in order.
// When listeners fall `capacity` events behind, the oldest waiting event is
// dropped and the next delivered one counts it in ConsentEvent::missed: the
// newest events tell the current state, and the worker is never held up.
//
// Threads and locks: one mutex guards the queue, the listeners and the
// in-call mark; no listener runs, and no listener is destroyed, with it
// held. The delivery thread starts with the first listener.
//   publish()          the worker (or any thread); never blocks on a listener
//   add() / remove()   any thread, including a listener
//   stop()             any thread; from a listener it ends delivery after
//                      that listener returns, without waiting for itself
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "confidant/consent_events.hpp"
#include "confidant/status.hpp"

namespace confidant::api {

class ConsentEventQueue {
 public:
  explicit ConsentEventQueue(std::size_t capacity);
  ~ConsentEventQueue();  // stop()
  ConsentEventQueue(const ConsentEventQueue&) = delete;
  ConsentEventQueue& operator=(const ConsentEventQueue&) = delete;

  // kInvalidArgument for an empty listener; kClosed after stop().
  Result<ConsentListenerId> add(ConsentListener listener);
  // After it returns the listener is not called again, no call of it is in
  // progress and its function object has been released, outside the lock
  // (unless remove() runs inside that very call, which then finishes, and
  // the function object goes when it returns). An unknown id is a no-op:
  // removing twice, or after stop(), is harmless.
  void remove(ConsentListenerId id);

  // Queues events for the listeners registered now; dropped when there are
  // none (nobody asked), or after stop().
  void publish(std::vector<ConsentEvent> events);

  // Delivers what is queued, ends the delivery thread and releases every
  // listener; later publish() drops and add() answers kClosed. Called from a
  // listener, nothing more is delivered after that listener returns.
  // Idempotent; concurrent callers all return once the thread has ended
  // (except a listener, which cannot wait for its own thread).
  void stop();

  std::uint64_t listener_errors() const;
  std::uint64_t dropped() const;

 private:
  struct Entry {
    ConsentListenerId id = 0;
    ConsentListener listener;
  };
  void run();
  bool on_delivery_thread() const { return std::this_thread::get_id() == thread_id_; }

  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable wake_;     // an event or stop
  std::condition_variable call_done_;  // in_call_ changed
  std::deque<ConsentEvent> queue_;
  std::uint64_t missed_pending_ = 0;  // dropped with no event queued after them yet (capacity 1)
  std::vector<std::shared_ptr<Entry>> listeners_;  // in id order
  ConsentListenerId next_id_ = 1;
  ConsentListenerId in_call_ = 0;
  bool stopping_ = false;
  bool abandon_ = false;  // stop() from a listener: deliver nothing more
  std::uint64_t listener_errors_ = 0;
  std::uint64_t dropped_ = 0;
  std::thread thread_;
  std::thread::id thread_id_;  // guarded by mu_: the delivery thread's while it runs, else none
  std::mutex join_mu_;  // one joiner at a time; later ones find the thread joined
};

}  // namespace confidant::api

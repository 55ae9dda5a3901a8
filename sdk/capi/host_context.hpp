// Ownership of a host callback's `ctx`: whoever holds the HostContext owns
// the context, and its destructor calls the vtable's `destroy` exactly once.
//
// Entry points that receive a vtable wrap its context in one before doing
// anything that can fail, so a context is released on every path, as the
// header promises, and never twice.
//
// Thread-safety: a value owned by one object at a time; destroy() runs on
// the thread that drops the last owner.
#pragma once

#include <utility>

namespace confidant::capi {

class HostContext {
 public:
  using Destroy = void (*)(void*);

  HostContext(void* ctx, Destroy destroy) noexcept : ctx_(ctx), destroy_(destroy) {}
  ~HostContext() { release(); }
  HostContext(HostContext&& other) noexcept
      : ctx_(std::exchange(other.ctx_, nullptr)), destroy_(std::exchange(other.destroy_, nullptr)) {}
  HostContext& operator=(HostContext&& other) noexcept {
    if (this != &other) {
      release();
      ctx_ = std::exchange(other.ctx_, nullptr);
      destroy_ = std::exchange(other.destroy_, nullptr);
    }
    return *this;
  }
  HostContext(const HostContext&) = delete;
  HostContext& operator=(const HostContext&) = delete;

  void* get() const noexcept { return ctx_; }

 private:
  void release() noexcept {
    const Destroy destroy = std::exchange(destroy_, nullptr);
    if (destroy == nullptr) return;
    try {
      destroy(ctx_);
    } catch (...) {
      // Nothing can report it (this may run in a destructor on the worker);
      // the context is gone either way.
    }
  }

  void* ctx_;
  Destroy destroy_;
};

}  // namespace confidant::capi

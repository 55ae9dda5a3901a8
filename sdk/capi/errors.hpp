// Making confidant_error objects, and the one place where C++ exceptions stop.
//
// Every entry point runs its body through guard(): whatever the body throws
// (std::bad_alloc, a bug, an exception from a host callback) becomes an error
// object, so nothing unwinds into C, Swift or the JVM. Making an error never
// throws either: when even that allocation fails, a static "out of memory"
// error stands in, and confidant_error_free() knows not to release it.
//
// Thread-safety: pure functions; the static error is immutable.
#pragma once

#include <exception>
#include <new>
#include <string_view>

#include "capi/handles.hpp"
#include "confidant/status.hpp"

namespace confidant::capi {

// A new error; `message` is made valid UTF-8 without NUL. Never nullptr.
confidant_error* make_error(confidant_code code, std::string_view message) noexcept;
confidant_error* make_error(ErrorCode code, std::string_view message) noexcept;
// nullptr when `status` is ok.
confidant_error* from_status(const Status& status) noexcept;
// "<parameter>: must not be NULL", kInvalidArgument.
confidant_error* null_argument(std::string_view parameter) noexcept;

confidant_error* out_of_memory() noexcept;
// kInternal, "unexpected exception: <what>".
confidant_error* unexpected_exception(const char* what) noexcept;
bool is_static_error(const confidant_error* error) noexcept;

// The error as a Status, for host callbacks whose result re-enters the C++
// core. Releases `error`. `context` prefixes the message ("key provider
// 'keychain': unwrap").
Status take_status(confidant_error* error, std::string_view context);

// Whether `code` is one an error object may carry: a known code other than
// CONFIDANT_CODE_OK. Anything else a host hands in is read as kInternal.
bool is_error_code(int code) noexcept;

// Runs `body` (returning confidant_error*) with every exception turned into
// an error: bad_alloc as out of memory, anything else as kInternal.
template <typename Body>
confidant_error* guard(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return out_of_memory();
  } catch (const std::exception& e) {
    return unexpected_exception(e.what());
  } catch (...) {
    return make_error(ErrorCode::kInternal, "unexpected exception of an unknown type");
  }
}

}  // namespace confidant::capi

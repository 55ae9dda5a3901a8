// Status and Result<T>: how every fallible Confidant call reports failure.
//
// Confidant never throws across its public boundary. A call returns a Status
// (or a Result<T> carrying either a value or a Status). The code is stable and
// machine-readable; the message is English, names the field or file at fault,
// and is meant for logs, not for end users.
//
// Thread-safety: Status and Result are plain values; copies are independent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "confidant/export.hpp"

namespace confidant {

// Stable numbers: they are part of the C ABI and of the CLI's exit-code mapping.
enum class ErrorCode : std::uint16_t {
  kOk = 0,
  kInvalidArgument = 1,  // a caller-supplied value is malformed; the message names it
  kWrongKey = 2,         // the key provider could not unwrap the store's data key
  kTampered = 3,         // a page or log record failed authentication (corrupt or altered)
  kNotAStore = 4,        // the file is not a Confidant store (bad magic or format)
  kIo = 5,               // the operating system refused a read, write or sync
  kBusy = 6,             // not now: the store is open elsewhere or held by a live statement, the signal
                         // queue is full, or the call came from the SDK's own thread (e.g. a Logger);
                         // retry later, or call from another thread
  kInternal = 7,         // a bug in Confidant; please report it with the message
  kUnsupported = 8,      // a format version or option this build does not know
  kClosed = 9,           // the handle was closed or erased
  kNotPermitted = 10,    // consent does not allow it (or personalization is paused); nothing was kept
};

// Short lower-case name of a code, e.g. "wrong_key".
CONFIDANT_EXPORT const char* error_code_name(ErrorCode code) noexcept;

class [[nodiscard]] CONFIDANT_EXPORT Status {
 public:
  Status() = default;  // success
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }

  // Named constructors: Status::invalid_field("rating", "7 out of range 1..5")
  // is kInvalidArgument "rating: 7 out of range 1..5", the form every
  // refusal of a caller's value takes (the message names the field).
  static Status invalid_field(std::string_view field, std::string_view problem);
  static Status invalid_argument(std::string message) { return {ErrorCode::kInvalidArgument, std::move(message)}; }
  static Status not_permitted(std::string message) { return {ErrorCode::kNotPermitted, std::move(message)}; }
  static Status tampered(std::string message) { return {ErrorCode::kTampered, std::move(message)}; }
  static Status io(std::string message) { return {ErrorCode::kIo, std::move(message)}; }
  static Status internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }
  static Status unsupported(std::string message) { return {ErrorCode::kUnsupported, std::move(message)}; }
  static Status closed(std::string message) { return {ErrorCode::kClosed, std::move(message)}; }

  bool is_ok() const { return code_ == ErrorCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "wrong_key: <message>", or "ok".
  std::string to_string() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// Either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}   // NOLINT: must not be ok

  bool is_ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return is_ok(); }

  // Precondition: is_ok().
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error, or an ok Status when a value is held.
  Status status() const { return is_ok() ? Status::ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace confidant

#include "confidant/status.hpp"

namespace confidant {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kWrongKey: return "wrong_key";
    case ErrorCode::kTampered: return "tampered";
    case ErrorCode::kNotAStore: return "not_a_store";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kBusy: return "busy";
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kClosed: return "closed";
    case ErrorCode::kNotPermitted: return "not_permitted";
  }
  return "unknown";
}

Status Status::invalid_field(std::string_view field, std::string_view problem) {
  std::string message;
  message.reserve(field.size() + 2 + problem.size());
  message.append(field).append(": ").append(problem);
  return {ErrorCode::kInvalidArgument, std::move(message)};
}

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  return std::string(error_code_name(code_)) + ": " + message_;
}

}  // namespace confidant

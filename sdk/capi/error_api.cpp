// The C entry points of confidant_error and confidant_code.
#include <string>

#include "capi/errors.hpp"
#include "confidant/confidant.h"

using namespace confidant;
using namespace confidant::capi;

static_assert(CONFIDANT_CODE_OK == static_cast<int>(ErrorCode::kOk));
static_assert(CONFIDANT_CODE_INVALID_ARGUMENT == static_cast<int>(ErrorCode::kInvalidArgument));
static_assert(CONFIDANT_CODE_WRONG_KEY == static_cast<int>(ErrorCode::kWrongKey));
static_assert(CONFIDANT_CODE_TAMPERED == static_cast<int>(ErrorCode::kTampered));
static_assert(CONFIDANT_CODE_NOT_A_STORE == static_cast<int>(ErrorCode::kNotAStore));
static_assert(CONFIDANT_CODE_IO == static_cast<int>(ErrorCode::kIo));
static_assert(CONFIDANT_CODE_BUSY == static_cast<int>(ErrorCode::kBusy));
static_assert(CONFIDANT_CODE_INTERNAL == static_cast<int>(ErrorCode::kInternal));
static_assert(CONFIDANT_CODE_UNSUPPORTED == static_cast<int>(ErrorCode::kUnsupported));
static_assert(CONFIDANT_CODE_CLOSED == static_cast<int>(ErrorCode::kClosed));
static_assert(CONFIDANT_CODE_NOT_PERMITTED == static_cast<int>(ErrorCode::kNotPermitted));

extern "C" {

confidant_code confidant_error_code(const confidant_error* error) noexcept {
  return error ? error->code : CONFIDANT_CODE_INVALID_ARGUMENT;
}

const char* confidant_error_message(const confidant_error* error) noexcept {
  return error ? error->message.c_str() : "";
}

void confidant_error_free(confidant_error* error) noexcept {
  if (error != nullptr && !is_static_error(error)) delete error;
}

confidant_error* confidant_error_new(confidant_code code, const char* message, size_t message_len) noexcept {
  if (message == nullptr && message_len != 0) {
    return make_error(ErrorCode::kInternal, "confidant_error_new: message is NULL but its length is not 0");
  }
  const std::string_view text = message ? std::string_view(message, message_len) : std::string_view();
  if (is_error_code(code)) return make_error(code, text);
  // A host returning "error: ok" or a number from another vocabulary is a
  // bug there; it must still read as a failure here, never as success.
  try {
    return make_error(ErrorCode::kInternal, "unknown error code " + std::to_string(static_cast<int>(code)) + ": " +
                                                std::string(text));
  } catch (...) {
    return out_of_memory();
  }
}

const char* confidant_code_name(confidant_code code) noexcept {
  const int number = static_cast<int>(code);
  if (number != CONFIDANT_CODE_OK && !is_error_code(number)) return "unknown";
  return error_code_name(static_cast<ErrorCode>(number));
}

}  // extern "C"

#include "capi/errors.hpp"

#include <memory>
#include <string>

#include "common/utf8.hpp"

namespace confidant::capi {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Short enough for the small-string buffer: building it allocates nothing,
// so it exists even when the heap is exhausted.
confidant_error out_of_memory_error{CONFIDANT_CODE_INTERNAL, "out of memory"};

// Hosts read messages as C strings (Swift's String(cString:)) or hand them to
// the JVM, which rejects malformed UTF-8: both need well-formed text without
// NUL, whatever a host callback or a stored file put there.
std::string sanitized(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const text::Utf8Step step = text[i] == '\0' ? text::Utf8Step{} : text::decode_utf8(text, i);
    if (step.length == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, step.length));
      i += step.length;
    }
  }
  return out;
}

struct ErrorDeleter {
  void operator()(confidant_error* error) const noexcept {
    if (!is_static_error(error)) delete error;
  }
};

}  // namespace

bool is_error_code(int code) noexcept {
  return code > static_cast<int>(ErrorCode::kOk) && code <= static_cast<int>(ErrorCode::kNotPermitted);
}

confidant_error* make_error(confidant_code code, std::string_view message) noexcept {
  try {
    return new confidant_error{code, sanitized(message)};
  } catch (...) {
    return out_of_memory();
  }
}

confidant_error* make_error(ErrorCode code, std::string_view message) noexcept {
  return make_error(static_cast<confidant_code>(code), message);
}

confidant_error* from_status(const Status& status) noexcept {
  if (status.is_ok()) return nullptr;
  return make_error(status.code(), status.message());
}

confidant_error* null_argument(std::string_view parameter) noexcept {
  try {
    return make_error(ErrorCode::kInvalidArgument, std::string(parameter) + ": must not be NULL");
  } catch (...) {
    return out_of_memory();
  }
}

confidant_error* out_of_memory() noexcept { return &out_of_memory_error; }

confidant_error* unexpected_exception(const char* what) noexcept {
  try {
    return make_error(ErrorCode::kInternal, std::string("unexpected exception: ") + (what ? what : "?"));
  } catch (...) {
    return out_of_memory();
  }
}

bool is_static_error(const confidant_error* error) noexcept { return error == &out_of_memory_error; }

Status take_status(confidant_error* error, std::string_view context) {
  const std::unique_ptr<confidant_error, ErrorDeleter> owned(error);
  // Only errors made by this library exist, so the code is a known one;
  // checked anyway, since a wrong code here would be read as success.
  const int code = static_cast<int>(owned->code);
  const ErrorCode status_code = is_error_code(code) ? static_cast<ErrorCode>(code) : ErrorCode::kInternal;
  return Status(status_code, std::string(context) + ": " + owned->message);
}

}  // namespace confidant::capi

#include "exit_codes.hpp"

namespace confidant::cli {

Exit exit_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kOk: return Exit::kOk;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kNotPermitted: return Exit::kBadInput;
    case ErrorCode::kWrongKey: return Exit::kWrongKey;
    case ErrorCode::kTampered:
    case ErrorCode::kNotAStore: return Exit::kDamagedStore;
    case ErrorCode::kIo:
    case ErrorCode::kBusy:
    case ErrorCode::kInternal:
    case ErrorCode::kUnsupported:
    case ErrorCode::kClosed: return Exit::kFailure;
  }
  return Exit::kFailure;
}

}  // namespace confidant::cli

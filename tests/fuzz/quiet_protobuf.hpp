// Included by the targets that open protobuf messages (once each): protobuf
// logs every string field that is not UTF-8 to stderr, and a fuzzer makes
// millions of them, which would bury the one line that matters.
#pragma once

#include <google/protobuf/stubs/logging.h>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

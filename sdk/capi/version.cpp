// The library's release and ABI numbers.
#include "confidant/confidant.h"

#ifndef CONFIDANT_VERSION_STRING
#error "the build defines CONFIDANT_VERSION_STRING (sdk/capi/CMakeLists.txt)"
#endif

extern "C" {

uint32_t confidant_abi_version(void) noexcept { return CONFIDANT_ABI_VERSION; }

const char* confidant_version(void) noexcept { return CONFIDANT_VERSION_STRING; }

}  // extern "C"

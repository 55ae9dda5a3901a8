// The C ABI's opaque handles: what each `confidant_*` pointer really is.
// Each holds the C++ object it stands for and nothing else, so a handle's
// lifetime rules are exactly those of the C++ object.
//
// Thread-safety: as the wrapped object (Sdk: any thread; the rest: one at a time).
#pragma once

#include <memory>
#include <string>

#include "confidant/confidant.h"
#include "confidant/key_provider.hpp"
#include "confidant/sdk.hpp"

struct confidant_error {
  confidant_code code = CONFIDANT_CODE_INTERNAL;
  std::string message;  // valid UTF-8 without NUL (capi/errors.cpp sanitises it)
};

struct confidant_options {
  confidant::Options value;
};

// Shared, because options and open SDKs keep the provider after the host
// frees its handle.
struct confidant_key_provider {
  std::shared_ptr<confidant::KeyProvider> value;
};

struct confidant_sdk {
  std::unique_ptr<confidant::Sdk> value;
};

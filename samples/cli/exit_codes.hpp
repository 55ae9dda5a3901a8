// The CLI's exit codes and how the SDK's error codes map onto them. They are
// part of the command-line contract (docs/cli.md): scripts branch on them, so
// a number never changes meaning.
//
// Thread-safety: pure functions.
#pragma once

#include "confidant/status.hpp"

namespace confidant::cli {

enum class Exit : int {
  kOk = 0,
  kFailure = 1,     // anything else: I/O, an internal error, an escaped exception
  kUsage = 2,       // the command line itself is wrong (or asks for what is not built yet)
  kBadInput = 3,    // the data given is wrong: a malformed signal, target or input file
  kWrongKey = 4,    // the key given does not open the store
  kDamagedStore = 5 // the store is corrupt, tampered with, or not a store
};

// kInvalidArgument and kNotPermitted are bad input (the person can change the
// input or their consent); kWrongKey, kTampered and kNotAStore say what is
// wrong with the store; everything else is a failure the person cannot fix
// from the command line.
Exit exit_for(ErrorCode code) noexcept;

inline int as_int(Exit exit) noexcept { return static_cast<int>(exit); }

}  // namespace confidant::cli

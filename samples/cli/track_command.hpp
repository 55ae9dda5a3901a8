// track: reads signals as JSONL (one JSON object a line, docs/cli.md) from a
// file or standard input, hands each to Sdk::track(), and prints
// {"accepted":N,"rejected":M} once everything accepted is durably stored.
//
// A line is accepted when track() queued it; rejected when it does not
// parse, fails validation (both bad input: exit 3), or its consent is not
// granted (the person's right, not bad input: exit 0). Every rejection gets
// one stderr line: "confidant: line 3: <why>".
//
// Thread-safety: one thread.
#pragma once

#include "args.hpp"
#include "exit_codes.hpp"
#include "session.hpp"

namespace confidant::cli {

Exit run_track(const Session& session, const Track& args);

}  // namespace confidant::cli

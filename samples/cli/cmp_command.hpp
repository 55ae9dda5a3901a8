// `confidant consent cmp`: a CMP's signals (a TC string, a file of IABTCF_
// values, Consent Mode) applied through Sdk::apply_cmp; prints the outcome.
//
// Thread-safety: one thread.
#pragma once

#include "args.hpp"
#include "exit_codes.hpp"
#include "session.hpp"

namespace confidant::cli {

Exit run_consent_cmp(const Session& session, const ConsentCmp& args);

}  // namespace confidant::cli

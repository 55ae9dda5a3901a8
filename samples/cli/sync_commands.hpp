// The sync commands (docs/cli.md, docs/sync.md): config install, sync,
// shared, budget.
//
// Thread-safety: one thread.
#pragma once

#include "args.hpp"
#include "exit_codes.hpp"
#include "session.hpp"

namespace confidant::cli {

Exit run_config_install(const Session& session, const ConfigInstall& args);
Exit run_sync(const Session& session, const SyncNow& args);
Exit run_shared(const Session& session);
Exit run_budget(const Session& session);
Exit run_experiment_leave(const Session& session, const ExperimentLeave& args);

}  // namespace confidant::cli

#include "sync_commands.hpp"

#include <variant>

#include "command_support.hpp"
#include "output.hpp"
#include "pinned_signer.hpp"
#include "read_file.hpp"

namespace confidant::cli {

// The key to verify with: trust on first use. The first install pins the
// key given; later ones use the pin, and a different key is refused, so a
// config from another brand can never take over a store.
std::variant<std::string, Exit> signer_for(const Session& session, const ConfigInstall& args) {
  const std::string pinned = read_pinned_signer(session.pinned_signer_path());
  if (!args.signer) {
    if (pinned.empty()) {
      usage_error("config install: missing --signer PUBKEY_FILE (no brand key is pinned for this store yet)");
      return Exit::kUsage;
    }
    return pinned;
  }
  auto given = read_signer_file(*args.signer);
  if (!given) return report("config install", given.status());
  if (!pinned.empty() && !same_key(pinned, given.value())) {
    error("config install: --signer " + args.signer->string() + " is not the brand key pinned for this store (" +
          session.pinned_signer_path().string() + "); erase the store to change brands");
    return Exit::kBadInput;
  }
  return given.value();
}

Exit run_config_install(const Session& session, const ConfigInstall& args) {
  auto chosen = signer_for(session, args);
  if (const Exit* exit = std::get_if<Exit>(&chosen)) return *exit;
  const std::string signer = std::get<std::string>(chosen);
  auto read = tools::read_file(args.file);
  if (!read) return report("config install", read.status());
  const std::string& signed_config = read.value();
  const Session pinned = session.with_signer(signer);
  return with_store(pinned, "config install", [&](Sdk& sdk) {
    if (const Status st = sdk.install_config(signed_config); !st) {
      // A config that fails its signature is bad input, not a damaged store.
      if (st.code() == ErrorCode::kTampered) {
        error("config install: " + st.message());
        return Exit::kBadInput;
      }
      return report("config install", st);
    }
    if (const Status st = write_pinned_signer(session.pinned_signer_path(), signer); !st)
      return report("config install", st);
    auto budget = sdk.budget();
    if (!budget) return report("config install", budget.status());
    return print_json("config install", "{\"installed_version\":" + std::to_string(budget->config_version) + "}");
  });
}

Exit run_sync(const Session& session, const SyncNow& args) {
  const Session sending = session.with_sync_url(args.url.value_or(""));
  return with_store(sending, "sync", [&](Sdk& sdk) {
    SyncRequest request;
    request.dry_run = args.dry_run;
    if (args.deadline_ms) request.deadline = std::chrono::milliseconds(*args.deadline_ms);
    auto result = sdk.sync(request);
    if (!result) return report("sync", result.status());
    if (args.dry_run) {
      if (!print_text(result->dry_run_reports)) return Exit::kFailure;
      return Exit::kOk;
    }
    return print_json("sync", to_json(result.value()));
  });
}

Exit run_shared(const Session& session) {
  return with_store(session, "shared", [](Sdk& sdk) {
    auto ledger = sdk.shared_reports();
    if (!ledger) return report("shared", ledger.status());
    return print_text(ledger.value()) ? Exit::kOk : Exit::kFailure;
  });
}

Exit run_budget(const Session& session) {
  return with_store(session, "budget", [](Sdk& sdk) {
    auto budget = sdk.budget();
    if (!budget) return report("budget", budget.status());
    return print_json("budget", to_json(budget.value()));
  });
}

Exit run_experiment_leave(const Session& session, const ExperimentLeave& args) {
  return with_store(session, "experiment leave", [&](Sdk& sdk) {
    const Status st = sdk.leave_experiment(args.id);
    if (!st) return report("experiment leave", st);
    return print_json("experiment leave", "{\"left\":" + json_string(args.id) + "}");
  });
}

}  // namespace confidant::cli

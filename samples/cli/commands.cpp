#include "commands.hpp"

#include <string>
#include <type_traits>

#include "cmp_command.hpp"
#include "command_support.hpp"
#include "eval_command.hpp"
#include "output.hpp"
#include "rank_command.hpp"
#include "sync_commands.hpp"
#include "track_command.hpp"

namespace confidant::cli {
namespace {

Exit consent_change(const Session& session, const ConsentChange& change) {
  const std::string_view command = change.grant ? "consent grant" : "consent deny";
  return with_store(session, command, [&](Sdk& sdk) {
    // The CLI shows no consent text, so none is recorded: the default
    // context (source "user", policy version "1", no text) says exactly that.
    const ConsentContext context;
    const Status st = change.grant ? sdk.grant(change.categories, change.uses, context)
                                   : sdk.deny(change.categories, change.uses, context);
    return st ? Exit::kOk : report(command, st);
  });
}

Exit consent_show(const Session& session) {
  return with_store(session, "consent show",
                    [](Sdk& sdk) { return print_json("consent show", sdk.consent_receipt()); });
}

Exit prefer(const Session& session, const Prefer& args) {
  return with_store(session, "prefer", [&](Sdk& sdk) {
    const Status st = sdk.prefer(args.kind, args.target, args.text);
    return st ? Exit::kOk : report("prefer", st);
  });
}

Exit show_profile(const Session& session) {
  return with_store(session, "profile", [](Sdk& sdk) {
    auto profile = sdk.profile();
    if (!profile) return report("profile", profile.status());
    return print_json("profile", to_json(profile.value()));
  });
}

Exit forget(const Session& session, const Forget& args) {
  return with_store(session, "forget", [&](Sdk& sdk) {
    const Status st = sdk.forget(args.target);
    if (!st) return report("forget", st);
    return print_json("forget", "{\"forgotten\":" + json_string(args.target) + "}");
  });
}

Exit export_all(const Session& session) {
  return with_store(session, "export", [](Sdk& sdk) { return print_json("export", sdk.export_json()); });
}

}  // namespace

Exit run(const Session& session, const Command& command) {
  return std::visit(
      [&](const auto& args) -> Exit {
        using T = std::decay_t<decltype(args)>;
        if constexpr (std::is_same_v<T, ConsentChange>) {
          return consent_change(session, args);
        } else if constexpr (std::is_same_v<T, ConsentShow>) {
          return consent_show(session);
        } else if constexpr (std::is_same_v<T, ConsentCmp>) {
          return run_consent_cmp(session, args);
        } else if constexpr (std::is_same_v<T, Track>) {
          return run_track(session, args);
        } else if constexpr (std::is_same_v<T, Prefer>) {
          return prefer(session, args);
        } else if constexpr (std::is_same_v<T, ShowProfile>) {
          return show_profile(session);
        } else if constexpr (std::is_same_v<T, Forget>) {
          return forget(session, args);
        } else if constexpr (std::is_same_v<T, Rank>) {
          return run_rank(session, args);
        } else if constexpr (std::is_same_v<T, Export>) {
          return export_all(session);
        } else if constexpr (std::is_same_v<T, Eval>) {
          return run_eval(args);  // its own temporary stores: the session is not used
        } else if constexpr (std::is_same_v<T, ConfigInstall>) {
          return run_config_install(session, args);
        } else if constexpr (std::is_same_v<T, SyncNow>) {
          return run_sync(session, args);
        } else if constexpr (std::is_same_v<T, Shared>) {
          return run_shared(session);
        } else if constexpr (std::is_same_v<T, ShowBudget>) {
          return run_budget(session);
        } else {
          static_assert(std::is_same_v<T, Erase>, "every command needs a runner");
          return session.erase();
        }
      },
      command);
}

}  // namespace confidant::cli

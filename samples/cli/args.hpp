// The command line, parsed into plain values before anything touches the
// store: a usage error (exit 2) must never leave a half-created store or key
// file behind.
//
//   confidant --dir DIR [--passphrase-env NAME | --key-file FILE] [--now ISO8601] COMMAND ...
//   confidant eval --interactions FILE --catalog FILE [--k N] [--split new|repeat] [--json]
//
// Global options come before the command only; each command's own options
// (--text, --limit ...) come after it. Both take their value as the next
// argument ("--limit 5"), never "--limit=5", so there is one spelling to
// document and test.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "confidant/consent.hpp"
#include "confidant/profile.hpp"
#include "confidant_eval/eval.hpp"

namespace confidant::cli {

struct GlobalOptions {
  std::filesystem::path dir;
  std::optional<std::string> passphrase_env;   // the variable's name, not the passphrase
  std::optional<std::filesystem::path> key_file;
  std::optional<std::int64_t> now_ms;          // --now, already parsed
};

struct ConsentChange {
  bool grant = true;  // false: deny
  std::vector<DataCategory> categories;
  std::vector<Use> uses;
};
struct ConsentShow {};
// `consent cmp`: what the app's consent-management platform collected
// (docs/consent.md, "Consent from a CMP"). At least one input is given.
struct ConsentCmp {
  std::optional<std::string> tc_string;                 // --tcf: a TC string
  std::map<std::string, std::string> consent_mode;      // --consent-mode ad_storage=granted,...
  std::optional<std::filesystem::path> iabtcf_file;     // --iabtcf: a JSON object of IABTCF_ values
  std::uint32_t vendor_id = 0;                          // --vendor-id: the brand's IAB vendor id
};
struct Track {
  std::optional<std::filesystem::path> file;  // absent: standard input ("-" means the same)
};
struct Prefer {
  PreferenceKind kind = PreferenceKind::kLike;
  std::string target;
  std::string text;
};
struct ShowProfile {};
struct Forget {
  std::string target;
};
// Where the ranked items will be shown: the home screen, or beside one item.
struct Slot {
  std::optional<std::string> related_item;  // absent: "home"
};
struct Rank {
  std::filesystem::path candidates;
  std::optional<std::int64_t> limit;
  std::optional<std::string> moment;
  std::optional<Slot> slot;
  std::optional<std::uint64_t> seed;
  std::optional<std::string> place;  // where the person is (used with location consent)
};
struct Export {};
struct Erase {};
// Aggregated sync (docs/sync.md).
struct ConfigInstall {
  std::filesystem::path file;    // the signed config, as confidant-brand sign writes it
  // The brand's signing.pub. Required for the first install, which pins it
  // for this store; afterwards optional, and refused when it is another key.
  std::optional<std::filesystem::path> signer;
};
struct SyncNow {
  std::optional<std::string> url;  // absent: queue only, send nothing
  bool dry_run = false;
  std::optional<std::int64_t> deadline_ms;
};
struct Shared {};
struct ShowBudget {};
// confidant privacy-center --json | --serve HOST:PORT (docs/privacy-center.md).
struct PrivacyCenterCommand {
  enum class Mode : std::uint8_t { kJson, kServe };
  Mode mode = Mode::kJson;
  std::string serve_host;  // kServe: the address to listen on, as given
  int serve_port = 0;      // kServe: 0 lets the system pick
};
// `experiment leave ID`: the person leaves the brand's experiment (docs/sync.md, "Experiments").
struct ExperimentLeave {
  std::string id;
};
// The evaluation harness (docs/cli.md, "eval"). It takes no global options:
// it makes its own temporary stores, one per user.
struct Eval {
  std::filesystem::path interactions;
  std::filesystem::path catalog;
  std::size_t k = 10;
  eval::SplitMode split = eval::SplitMode::kNew;
  bool json = false;
};

using Command = std::variant<ConsentChange, ConsentShow, ConsentCmp, Track, Prefer, ShowProfile, Forget, Rank, Export, Erase, Eval,
                             ConfigInstall, SyncNow, Shared, ShowBudget, PrivacyCenterCommand, ExperimentLeave>;

struct Invocation {
  GlobalOptions options;
  Command command;
};

struct UsageError {
  std::string message;
};
// Asked for --help: print the usage on stdout and succeed.
struct HelpRequested {};

using Parsed = std::variant<Invocation, UsageError, HelpRequested>;

// `args` without the program name.
Parsed parse_args(std::span<const std::string> args);

}  // namespace confidant::cli

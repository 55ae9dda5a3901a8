#include "args.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>

#include "confidant/clock.hpp"
#include "consent_lists.hpp"

namespace confidant::cli {
namespace {

UsageError usage(std::string message) { return UsageError{std::move(message)}; }

bool is_option(std::string_view arg) { return arg.size() > 2 && arg.substr(0, 2) == "--"; }

// A command's arguments after the command word: positionals in order, and
// the options it allows, each with its value.
struct CommandArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string, std::less<>> options;

  const std::string* option(std::string_view name) const {
    const auto it = options.find(name);
    return it == options.end() ? nullptr : &it->second;
  }
};

std::variant<CommandArgs, UsageError> split(std::span<const std::string> rest, std::string_view command,
                                            const std::vector<std::string_view>& allowed) {
  CommandArgs out;
  bool options_ended = false;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const std::string& arg = rest[i];
    // "--" lets a positional start with dashes (a category segment may).
    if (!options_ended && arg == "--") {
      options_ended = true;
      continue;
    }
    if (options_ended || !is_option(arg)) {
      out.positional.push_back(arg);
      continue;
    }
    bool known = false;
    for (const std::string_view name : allowed) known = known || arg == name;
    if (!known) return usage(std::string(command) + ": unknown option '" + arg + "'");
    if (i + 1 >= rest.size()) return usage(std::string(command) + ": " + arg + " needs a value");
    if (!out.options.emplace(arg, rest[i + 1]).second) {
      return usage(std::string(command) + ": " + arg + " given twice");
    }
    ++i;
  }
  return out;
}

// Refuses missing and surplus positionals, naming what was expected.
std::optional<UsageError> expect_positionals(const CommandArgs& args, std::string_view command, std::size_t min,
                                             std::size_t max, std::string_view what) {
  if (args.positional.size() < min) return usage(std::string(command) + ": missing " + std::string(what));
  if (args.positional.size() > max) {
    return usage(std::string(command) + ": unexpected argument '" + args.positional[max] + "'");
  }
  return std::nullopt;
}

template <typename Int>
std::optional<Int> parse_integer(std::string_view text) {
  Int value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// --consent-mode's "key=value,key=value"; the values themselves are the
// SDK's to check (it names a bad one).
std::variant<std::map<std::string, std::string>, UsageError> parse_signals(const std::string& list) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string item = list.substr(start, comma - start);
    const std::size_t equals = item.find('=');
    if (item.empty() || equals == std::string::npos || equals == 0) {
      return usage("consent cmp: --consent-mode: expected SIGNAL=granted|denied, got '" + item + "'");
    }
    if (!out.emplace(item.substr(0, equals), item.substr(equals + 1)).second) {
      return usage("consent cmp: --consent-mode: " + item.substr(0, equals) + " given twice");
    }
    start = comma + 1;
  }
  return out;
}

std::variant<Command, UsageError> parse_consent_cmp(std::span<const std::string> rest) {
  auto split_args = split(rest, "consent cmp", {"--tcf", "--consent-mode", "--iabtcf", "--vendor-id"});
  if (auto* error = std::get_if<UsageError>(&split_args)) return *error;
  const CommandArgs& args = std::get<CommandArgs>(split_args);
  if (auto error = expect_positionals(args, "consent cmp", 0, 0, "")) return *error;
  ConsentCmp cmp;
  if (const std::string* tcf = args.option("--tcf")) {
    if (tcf->empty()) return usage("consent cmp: --tcf: empty");
    cmp.tc_string = *tcf;
  }
  if (const std::string* list = args.option("--consent-mode")) {
    auto signals = parse_signals(*list);
    if (auto* error = std::get_if<UsageError>(&signals)) return *error;
    cmp.consent_mode = std::get<std::map<std::string, std::string>>(std::move(signals));
  }
  if (const std::string* file = args.option("--iabtcf")) {
    if (file->empty()) return usage("consent cmp: --iabtcf: empty");
    cmp.iabtcf_file = *file;
  }
  if (const std::string* vendor = args.option("--vendor-id")) {
    const auto id = parse_integer<std::uint32_t>(*vendor);
    if (!id || *id < 1 || *id > 65535) {
      return usage("consent cmp: --vendor-id: expected an integer 1..65535, got '" + *vendor + "'");
    }
    cmp.vendor_id = *id;
  }
  if (!cmp.tc_string && cmp.consent_mode.empty() && !cmp.iabtcf_file) {
    return usage("consent cmp: give --tcf STRING, --iabtcf FILE or --consent-mode SIGNAL=VALUE,...");
  }
  return cmp;
}

std::variant<Command, UsageError> parse_consent(std::span<const std::string> rest) {
  if (rest.empty()) return usage("consent: missing grant, deny, show or cmp");
  if (rest[0] == "cmp") return parse_consent_cmp(rest.subspan(1));
  const std::string& action = rest[0];
  if (action == "show") {
    auto args = split(rest.subspan(1), "consent show", {});
    if (auto* error = std::get_if<UsageError>(&args)) return *error;
    if (auto error = expect_positionals(std::get<CommandArgs>(args), "consent show", 0, 0, "")) return *error;
    return ConsentShow{};
  }
  if (action != "grant" && action != "deny") {
    return usage("consent: unknown action '" + action + "' (expected grant, deny, show or cmp)");
  }
  const std::string command = "consent " + action;
  auto split_args = split(rest.subspan(1), command, {});
  if (auto* error = std::get_if<UsageError>(&split_args)) return *error;
  const CommandArgs& args = std::get<CommandArgs>(split_args);
  if (auto error = expect_positionals(args, command, 2, 2, "CATEGORIES and USES")) return *error;
  ConsentChange change;
  change.grant = action == "grant";
  auto categories = parse_categories(args.positional[0]);
  if (auto* message = std::get_if<std::string>(&categories)) return usage(command + ": " + *message);
  change.categories = std::get<std::vector<DataCategory>>(std::move(categories));
  auto uses = parse_uses(args.positional[1]);
  if (auto* message = std::get_if<std::string>(&uses)) return usage(command + ": " + *message);
  change.uses = std::get<std::vector<Use>>(std::move(uses));
  return change;
}

std::variant<Command, UsageError> parse_track(const CommandArgs& args) {
  if (auto error = expect_positionals(args, "track", 0, 1, "")) return *error;
  Track track;
  if (!args.positional.empty() && args.positional[0] != "-") track.file = args.positional[0];
  return track;
}

std::variant<Command, UsageError> parse_prefer(const CommandArgs& args) {
  if (auto error = expect_positionals(args, "prefer", 2, 2, "like|dislike|block and TARGET")) return *error;
  Prefer prefer;
  const std::string& kind = args.positional[0];
  if (kind == "like") {
    prefer.kind = PreferenceKind::kLike;
  } else if (kind == "dislike") {
    prefer.kind = PreferenceKind::kDislike;
  } else if (kind == "block") {
    prefer.kind = PreferenceKind::kBlock;
  } else {
    return usage("prefer: unknown kind '" + kind + "' (expected like, dislike or block)");
  }
  prefer.target = args.positional[1];
  if (const std::string* text = args.option("--text")) prefer.text = *text;
  return prefer;
}

std::variant<Command, UsageError> parse_forget(const CommandArgs& args) {
  if (auto error = expect_positionals(args, "forget", 1, 1, "TARGET")) return *error;
  return Forget{args.positional[0]};
}

std::variant<Command, UsageError> parse_rank(const CommandArgs& args) {
  if (auto error = expect_positionals(args, "rank", 1, 1, "FILE (the candidates)")) return *error;
  Rank rank;
  rank.candidates = args.positional[0];
  if (const std::string* limit = args.option("--limit")) {
    rank.limit = parse_integer<std::int64_t>(*limit);
    if (!rank.limit || *rank.limit < 1) return usage("rank: --limit: expected a positive integer, got '" + *limit + "'");
  }
  if (const std::string* place = args.option("--place")) {
    if (place->empty()) return usage("rank: --place: empty");
    rank.place = *place;
  }
  if (const std::string* moment = args.option("--moment")) {
    if (moment->empty()) return usage("rank: --moment: empty");
    rank.moment = *moment;
  }
  if (const std::string* slot = args.option("--slot")) {
    constexpr std::string_view kRelated = "related:";
    if (*slot == "home") {
      rank.slot = Slot{};
    } else if (slot->size() > kRelated.size() && slot->compare(0, kRelated.size(), kRelated) == 0) {
      rank.slot = Slot{slot->substr(kRelated.size())};
    } else {
      return usage("rank: --slot: expected home or related:ITEM, got '" + *slot + "'");
    }
  }
  if (const std::string* seed = args.option("--seed")) {
    rank.seed = parse_integer<std::uint64_t>(*seed);
    if (!rank.seed) return usage("rank: --seed: expected a non-negative integer, got '" + *seed + "'");
  }
  return rank;
}

// The largest K: Sdk::rank returns at most 1000 results.
constexpr std::size_t kMaxEvalK = 1000;

// eval has a flag (--json), which split() cannot take: every option there
// has a value.
std::variant<Command, UsageError> parse_eval(std::span<const std::string> rest) {
  Eval eval;
  std::optional<std::string> interactions, catalog, k, split_name;
  bool json_seen = false;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const std::string& arg = rest[i];
    if (!is_option(arg)) return usage("eval: unexpected argument '" + arg + "'");
    if (arg == "--json") {
      if (json_seen) return usage("eval: --json given twice");
      json_seen = true;
      continue;
    }
    std::optional<std::string>* slot = arg == "--interactions" ? &interactions
                                       : arg == "--catalog"    ? &catalog
                                       : arg == "--k"          ? &k
                                       : arg == "--split"      ? &split_name
                                                               : nullptr;
    if (slot == nullptr) return usage("eval: unknown option '" + arg + "'");
    if (*slot) return usage("eval: " + arg + " given twice");
    if (i + 1 >= rest.size()) return usage("eval: " + arg + " needs a value");
    *slot = rest[++i];
    if ((*slot)->empty()) return usage("eval: " + arg + ": empty");
  }
  if (!interactions) return usage("eval: missing --interactions FILE");
  if (!catalog) return usage("eval: missing --catalog FILE");
  eval.interactions = *interactions;
  eval.catalog = *catalog;
  eval.json = json_seen;
  if (k) {
    const auto value = parse_integer<std::size_t>(*k);
    if (!value || *value < 1 || *value > kMaxEvalK) {
      return usage("eval: --k: expected an integer 1.." + std::to_string(kMaxEvalK) + ", got '" + *k + "'");
    }
    eval.k = *value;
  }
  if (split_name) {
    const std::optional<eval::SplitMode> mode = eval::split_mode_from_name(*split_name);
    if (!mode) return usage("eval: --split: expected new or repeat, got '" + *split_name + "'");
    eval.split = *mode;
  }
  return eval;
}

std::variant<Command, UsageError> parse_config(std::span<const std::string> rest) {
  if (rest.empty() || rest[0] != "install") return usage("config: expected install FILE --signer PUBKEY_FILE");
  auto split_args = split(rest.subspan(1), "config install", {"--signer"});
  if (auto* error = std::get_if<UsageError>(&split_args)) return *error;
  const CommandArgs& args = std::get<CommandArgs>(split_args);
  if (auto error = expect_positionals(args, "config install", 1, 1, "FILE")) return *error;
  const std::string* signer = args.option("--signer");
  ConfigInstall install{args.positional[0], std::nullopt};
  if (signer != nullptr) install.signer = *signer;
  return install;
}

// sync has a flag (--dry-run), which split() cannot take.
std::variant<Command, UsageError> parse_sync(std::span<const std::string> rest) {
  SyncNow sync;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const std::string& arg = rest[i];
    if (arg == "--dry-run") {
      if (sync.dry_run) return usage("sync: --dry-run given twice");
      sync.dry_run = true;
      continue;
    }
    if (arg != "--url" && arg != "--deadline-ms") {
      return usage(is_option(arg) ? "sync: unknown option '" + arg + "'" : "sync: unexpected argument '" + arg + "'");
    }
    if (i + 1 >= rest.size() || rest[i + 1].empty()) return usage("sync: " + arg + " needs a value");
    const std::string& value = rest[++i];
    if (arg == "--url") {
      if (sync.url) return usage("sync: --url given twice");
      sync.url = value;
    } else {
      if (sync.deadline_ms) return usage("sync: --deadline-ms given twice");
      sync.deadline_ms = parse_integer<std::int64_t>(value);
      if (!sync.deadline_ms || *sync.deadline_ms < 1)
        return usage("sync: --deadline-ms: expected a positive integer, got '" + value + "'");
    }
  }
  return sync;
}

// A command that takes no arguments at all.
std::variant<Command, UsageError> parse_bare(const CommandArgs& args, std::string_view name, Command command) {
  if (auto error = expect_positionals(args, name, 0, 0, "")) return *error;
  return command;
}

std::variant<Command, UsageError> parse_command(std::span<const std::string> args) {
  if (args.empty()) return usage("missing command");
  const std::string& name = args[0];
  const std::span<const std::string> rest = args.subspan(1);
  if (name == "consent") return parse_consent(rest);
  if (name == "config") return parse_config(rest);
  if (name == "sync") return parse_sync(rest);

  std::vector<std::string_view> allowed;
  if (name == "prefer") allowed = {"--text"};
  if (name == "rank") allowed = {"--limit", "--moment", "--slot", "--seed", "--place"};
  const bool known = name == "track" || name == "prefer" || name == "profile" || name == "forget" ||
                     name == "rank" || name == "export" || name == "erase" || name == "shared" || name == "budget";
  if (!known) return usage("unknown command '" + name + "'");
  auto split_args = split(rest, name, allowed);
  if (auto* error = std::get_if<UsageError>(&split_args)) return *error;
  const CommandArgs& command_args = std::get<CommandArgs>(split_args);

  if (name == "track") return parse_track(command_args);
  if (name == "prefer") return parse_prefer(command_args);
  if (name == "forget") return parse_forget(command_args);
  if (name == "rank") return parse_rank(command_args);
  if (name == "profile") return parse_bare(command_args, name, ShowProfile{});
  if (name == "export") return parse_bare(command_args, name, Export{});
  if (name == "shared") return parse_bare(command_args, name, Shared{});
  if (name == "budget") return parse_bare(command_args, name, ShowBudget{});
  return parse_bare(command_args, name, Erase{});
}

// Takes the value of global option `name` at args[i + 1] into `slot`.
std::optional<UsageError> take_value(std::span<const std::string> args, std::size_t& i, std::string& slot,
                                     bool& seen) {
  const std::string& name = args[i];
  if (seen) return usage(name + " given twice");
  if (i + 1 >= args.size()) return usage(name + " needs a value");
  slot = args[++i];
  if (slot.empty()) return usage(name + ": empty");
  seen = true;
  return std::nullopt;
}

}  // namespace

Parsed parse_args(std::span<const std::string> args) {
  Invocation invocation;
  std::string dir, passphrase_env, key_file, now;
  bool has_dir = false, has_passphrase = false, has_key_file = false, has_now = false;
  std::size_t i = 0;
  for (; i < args.size() && is_option(args[i]); ++i) {
    const std::string& arg = args[i];
    std::optional<UsageError> error;
    if (arg == "--help") return HelpRequested{};
    if (arg == "--dir") {
      error = take_value(args, i, dir, has_dir);
    } else if (arg == "--passphrase-env") {
      error = take_value(args, i, passphrase_env, has_passphrase);
    } else if (arg == "--key-file") {
      error = take_value(args, i, key_file, has_key_file);
    } else if (arg == "--now") {
      error = take_value(args, i, now, has_now);
    } else {
      error = usage("unknown option '" + arg + "'");
    }
    if (error) return *error;
  }

  // eval replays each user into a temporary store of its own, at the
  // signals' own times: a store, a key or a fixed clock given here would be
  // silently ignored, so they are refused instead.
  if (i < args.size() && args[i] == "eval") {
    if (has_dir || has_passphrase || has_key_file || has_now) {
      return usage("eval: takes no global options (--dir, --passphrase-env, --key-file, --now): "
                   "it makes its own temporary stores and replays signals at their own times");
    }
    auto eval = parse_eval(args.subspan(i + 1));
    if (auto* error = std::get_if<UsageError>(&eval)) return *error;
    invocation.command = std::get<Command>(std::move(eval));
    return invocation;
  }

  if (!has_dir) return usage("--dir DIR is required");
  invocation.options.dir = dir;
  if (!has_passphrase && !has_key_file) {
    return usage("a key is required: give --passphrase-env NAME or --key-file FILE");
  }
  if (has_passphrase && has_key_file) return usage("give --passphrase-env or --key-file, not both");
  if (has_passphrase) invocation.options.passphrase_env = passphrase_env;
  if (has_key_file) invocation.options.key_file = key_file;
  if (has_now) {
    auto parsed = parse_iso8601(now);
    if (!parsed) return usage("--now: " + parsed.status().message());
    invocation.options.now_ms = parsed.value();
  }

  auto command = parse_command(args.subspan(i));
  if (auto* error = std::get_if<UsageError>(&command)) return *error;
  invocation.command = std::get<Command>(std::move(command));
  return invocation;
}

}  // namespace confidant::cli

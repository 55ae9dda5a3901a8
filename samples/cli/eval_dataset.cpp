#include "eval_dataset.hpp"

#include <functional>

#include "interaction_json.hpp"
#include "line_reader.hpp"
#include "output.hpp"

namespace confidant::cli {
namespace {

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

void bad_line(const std::filesystem::path& file, std::uint64_t line, const std::string& why) {
  error("eval: " + file.string() + ": line " + std::to_string(line) + ": " + why);
}

// Calls `parse` on every non-blank line; false from it marks the file bad.
// Returns the exit code of the reading itself (ok, 3 unreadable, 1 read error).
Exit read_lines(const std::filesystem::path& file, bool& bad,
                const std::function<bool(std::string_view, std::uint64_t)>& parse) {
  LineReader reader(file);
  if (!reader.ok()) {
    error("eval: cannot read " + file.string() + ": " + reader.error());
    return Exit::kBadInput;
  }
  std::uint64_t number = 0;
  while (const auto line = reader.next()) {
    ++number;
    if (is_blank(*line)) continue;
    if (!parse(*line, number)) bad = true;
  }
  if (!reader.error().empty()) {
    error("eval: reading " + file.string() + ": " + reader.error());
    return Exit::kFailure;
  }
  return Exit::kOk;
}

}  // namespace

std::variant<Dataset, Exit> load_dataset(const Eval& args) {
  Dataset data;
  bool bad = false;
  std::unordered_map<std::string, std::uint32_t> user_index;

  Exit read = read_lines(args.interactions, bad, [&](std::string_view text, std::uint64_t number) {
    auto line = parse_interaction_line(text);
    if (!line) {
      bad_line(args.interactions, number, line.status().message());
      return false;
    }
    auto signal = signal_from_json(line->signal);
    if (!signal) {
      bad_line(args.interactions, number, "signal." + signal.status().message());
      return false;
    }
    // "now" means nothing in a replay: each signal is tracked at its own time.
    if (signal->at == 0) {
      bad_line(args.interactions, number, "signal.at: required (eval replays each signal at its own time)");
      return false;
    }
    const auto [it, added] = user_index.emplace(line->user, static_cast<std::uint32_t>(data.users.size()));
    if (added) data.users.push_back(line->user);
    data.interactions.push_back({it->second, number, std::move(signal.value())});
    return true;
  });
  if (read != Exit::kOk) return read;

  read = read_lines(args.catalog, bad, [&](std::string_view text, std::uint64_t number) {
    auto candidate = candidate_from_json(text);
    if (!candidate) {
      bad_line(args.catalog, number, candidate.status().message());
      return false;
    }
    const auto [it, added] = data.catalog_index.emplace(candidate->id, data.catalog.size());
    if (!added) {
      bad_line(args.catalog, number,
               "id '" + candidate->id + "' already on line " + std::to_string(data.catalog_lines[it->second]));
      return false;
    }
    data.catalog.push_back(std::move(candidate.value()));
    data.catalog_lines.push_back(number);
    return true;
  });
  if (read != Exit::kOk) return read;
  if (bad) return Exit::kBadInput;
  return data;
}

}  // namespace confidant::cli

#include "eval_dataset.hpp"

#include <functional>

#include "eval_line_errors.hpp"
#include "interaction_json.hpp"
#include "line_reader.hpp"
#include "output.hpp"

namespace confidant::cli {
namespace {

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Calls `parse` on every non-blank line (it reports what is wrong with one).
// Returns the exit code of the reading itself (ok, 3 unreadable, 1 read error).
Exit read_lines(const std::filesystem::path& file, const std::function<void(std::string_view, std::uint64_t)>& parse) {
  LineReader reader(file);
  if (!reader.ok()) {
    error("eval: cannot read " + file.string() + ": " + reader.error());
    return Exit::kBadInput;
  }
  std::uint64_t number = 0;
  while (const auto line = reader.next()) {
    ++number;
    if (is_blank(*line)) continue;
    parse(*line, number);
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
  LineErrors errors;
  std::unordered_map<std::string, std::uint32_t> user_index;

  Exit read = read_lines(args.interactions, [&](std::string_view text, std::uint64_t number) {
    auto line = parse_interaction_line(text);
    if (!line) {
      errors.report(args.interactions, number, line.status().message());
      return;
    }
    auto signal = signal_from_json(line->signal);
    if (!signal) {
      errors.report(args.interactions, number, "signal." + signal.status().message());
      return;
    }
    // "now" means nothing in a replay: each signal is tracked at its own time.
    if (signal->at == 0) {
      errors.report(args.interactions, number, "signal.at: required (eval replays each signal at its own time)");
      return;
    }
    const auto [it, added] = user_index.emplace(line->user, static_cast<std::uint32_t>(data.users.size()));
    if (added) data.users.push_back(line->user);
    data.interactions.push_back({it->second, number, std::move(signal.value())});
  });
  if (read == Exit::kOk) {
    read = read_lines(args.catalog, [&](std::string_view text, std::uint64_t number) {
      auto candidate = candidate_from_json(text);
      if (!candidate) {
        errors.report(args.catalog, number, candidate.status().message());
        return;
      }
      const auto [it, added] = data.catalog_index.emplace(candidate->id, data.catalog.size());
      if (!added) {
        errors.report(args.catalog, number,
                      "id '" + candidate->id + "' already on line " + std::to_string(data.catalog_lines[it->second]));
        return;
      }
      data.catalog.push_back(std::move(candidate.value()));
      data.catalog_lines.push_back(number);
    });
  }
  errors.finish();
  if (read != Exit::kOk) return read;
  if (errors.any()) return Exit::kBadInput;
  return data;
}

}  // namespace confidant::cli

#include "eval/dataset.hpp"

#include "common/quote.hpp"
#include "eval/interaction_json.hpp"

namespace confidant::eval {

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

Status add_interaction(Dataset& data, std::string_view text, std::uint64_t line) {
  auto parsed = parse_interaction_line(text);
  if (!parsed) return parsed.status();
  InteractionLine& interaction = parsed.value();
  // "now" means nothing in a replay: each signal is tracked at its own time.
  if (interaction.signal.at == 0) {
    return Status::invalid_argument("signal.at: required (eval replays each signal at its own time)");
  }
  const auto [it, added] = data.user_index.emplace(interaction.user, static_cast<std::uint32_t>(data.users.size()));
  if (added) data.users.push_back(std::move(interaction.user));
  data.interactions.push_back({it->second, line, std::move(interaction.signal)});
  return Status::ok();
}

Status add_candidate(Dataset& data, std::string_view text, std::uint64_t line) {
  auto candidate = candidate_from_json(text);
  if (!candidate) return candidate.status();
  const auto [it, added] = data.catalog_index.emplace(candidate->id, data.catalog.size());
  if (!added) {
    return Status::invalid_argument("id " + text::quoted(candidate->id) + " already on line " +
                                    std::to_string(data.catalog_lines[it->second]));
  }
  data.catalog.push_back(std::move(candidate.value()));
  data.catalog_lines.push_back(line);
  return Status::ok();
}

}  // namespace confidant::eval

#include "rank_command.hpp"

#include <memory>
#include <string>
#include <vector>

#include "command_support.hpp"
#include "line_reader.hpp"
#include "output.hpp"

namespace confidant::cli {
namespace {

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

RankRequest request_of(const Rank& args) {
  RankRequest request;
  if (args.limit) request.limit = static_cast<std::size_t>(*args.limit);
  if (args.moment) request.moment = *args.moment;
  if (args.place) request.place = *args.place;
  if (args.slot && args.slot->related_item) request.slot = confidant::Slot::related_to(*args.slot->related_item);
  if (args.seed) request.seed = *args.seed;
  return request;
}

}  // namespace

Exit run_rank(const Session& session, const Rank& args) {
  // The candidates are read before the store is opened, so bad input leaves no trace.
  std::unique_ptr<LineReader> reader = args.candidates == "-" ? std::make_unique<LineReader>()
                                                              : std::make_unique<LineReader>(args.candidates);
  if (!reader->ok()) {
    error("rank: cannot read " + args.candidates.string() + ": " + reader->error());
    return Exit::kBadInput;
  }
  std::vector<Candidate> candidates;
  bool bad = false;
  std::uint64_t line_number = 0;
  while (const auto line = reader->next()) {
    ++line_number;
    if (is_blank(*line)) continue;
    auto candidate = candidate_from_json(*line);
    if (!candidate) {
      error("line " + std::to_string(line_number) + ": " + candidate.status().message());
      bad = true;
      continue;
    }
    candidates.push_back(std::move(candidate.value()));
  }
  if (!reader->error().empty()) {
    error("rank: reading " + args.candidates.string() + ": " + reader->error());
    return Exit::kFailure;
  }
  if (bad) return Exit::kBadInput;

  return with_store(session, "rank", [&](Sdk& sdk) {
    auto ranked = sdk.rank(candidates, request_of(args));
    if (!ranked) return report("rank", ranked.status());
    for (const RankedItem& item : ranked.value()) {
      if (!print_line(to_json(item))) {
        error("rank: cannot write to standard output");
        return Exit::kFailure;
      }
    }
    return Exit::kOk;
  });
}

}  // namespace confidant::cli

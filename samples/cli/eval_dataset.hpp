// eval's input: the interactions (JSONL {"user":..,"signal":{..}}) and the
// catalog (JSONL candidates), read in full before anything is replayed.
//
// A malformed line is reported on stderr as "line N: why" (N counts the
// file's own lines, blank ones included, as track and rank do) with the
// file's name (the first 20, then a count: eval_line_errors.hpp), and makes
// the load fail with exit 3. A signal must carry
// "at": eval replays each one at its own time.
//
// Thread-safety: a loaded Dataset is read-only and may be shared.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "args.hpp"
#include "confidant/ranking.hpp"
#include "confidant/signal.hpp"
#include "exit_codes.hpp"

namespace confidant::cli {

// Times are Unix milliseconds, as in a Signal.
inline constexpr std::int64_t kWeekMs = std::chrono::milliseconds(std::chrono::weeks(1)).count();

struct Interaction {
  std::uint32_t user = 0;  // index into Dataset::users
  std::uint64_t line = 0;  // in the interactions file
  Signal signal;
};

struct Dataset {
  std::vector<std::string> users;         // in order of first appearance
  std::vector<Interaction> interactions;  // in file order
  std::vector<Candidate> catalog;         // in file order (the order ties break by)
  std::vector<std::uint64_t> catalog_lines;
  std::unordered_map<std::string, std::size_t> catalog_index;  // id -> position in catalog
};

// Reads and parses both files. Exit 3 for an unreadable file or any bad
// line, 1 for a read error part-way.
std::variant<Dataset, Exit> load_dataset(const Eval& args);

}  // namespace confidant::cli

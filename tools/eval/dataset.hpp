// eval's input in memory: the interactions ({"user":..,"signal":{..}}) and
// the catalog (candidates), read in full before anything is replayed, one
// line at a time (the caller reads the files: confidant_eval/eval.hpp).
//
// A line is either added whole or refused with the reason, which the caller
// reports with the file's name and the line's number (line_errors.hpp). A
// signal must carry "at": eval replays each one at its own time.
//
// Thread-safety: a loaded Dataset is read-only and may be shared.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "confidant/ranking.hpp"
#include "confidant/signal.hpp"
#include "confidant/status.hpp"

namespace confidant::eval {

// Times are Unix milliseconds, as in a Signal.
inline constexpr std::int64_t kWeekMs = std::chrono::milliseconds(std::chrono::weeks(1)).count();

struct Interaction {
  std::uint32_t user = 0;  // index into Dataset::users
  std::uint64_t line = 0;  // in the interactions file
  Signal signal;
};

struct Dataset {
  std::vector<std::string> users;                              // in order of first appearance
  std::unordered_map<std::string, std::uint32_t> user_index;   // id -> position in users
  std::vector<Interaction> interactions;                       // in file order
  std::vector<Candidate> catalog;                              // in file order (the order ties break by)
  std::vector<std::uint64_t> catalog_lines;
  std::unordered_map<std::string, std::size_t> catalog_index;  // id -> position in catalog
};

// The two inputs' names, as messages give them ("FILE: line N: why").
struct InputFiles {
  std::filesystem::path interactions;
  std::filesystem::path catalog;
};

// Only spaces, tabs and a CR: skipped, though counted in line numbers (as
// track and rank count them).
bool is_blank(std::string_view line);

// One line of the interactions file, `line` its number. kInvalidArgument
// saying why ("signal.at: required (...)"), with nothing added.
Status add_interaction(Dataset& data, std::string_view text, std::uint64_t line);
// One line of the catalog, `line` its number. kInvalidArgument saying why
// ("popularity: ...", "id 'A' already on line 1"), with nothing added.
Status add_candidate(Dataset& data, std::string_view text, std::uint64_t line);

}  // namespace confidant::eval

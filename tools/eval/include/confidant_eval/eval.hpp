// Offline evaluation of Confidant's ranking (docs/cli.md, "eval"): held-out
// HR@K, NDCG@K and MRR@K through the real SDK path, next to most-popular and
// recent-popular baselines on the same leave-last-out split.
//
// A tool, not a sample: `confidant eval` is one caller (it reads the files,
// maps failures to exit codes and prints the report); a benchmark or a
// notebook binding could be another. The caller hands over the two inputs
// line by line, so it keeps its own way of reading files and the library
// never needs one; the library does everything after that: parsing, the
// SDK's own checks, the split, the replay in throwaway stores, the baselines
// and the report.
//
// Thread-safety: an Evaluation is used by one thread (run() starts and joins
// threads of its own); report_json and report_table are pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "confidant/status.hpp"

namespace confidant::eval {

// Where eval's messages for a person go, one call each, without a newline
// or any prefix of the caller's: the bad input lines ("FILE: line N: why",
// the first 20, then "N more bad lines not shown") and why a run stopped.
using Messages = std::function<void(const std::string& message)>;

struct Metrics {
  double hr = 0;
  double ndcg = 0;
  double mrr = 0;
};

// Users not evaluated, by reason.
struct Skipped {
  std::uint64_t too_few = 0;         // fewer than 2 interactions
  std::uint64_t no_positive = 0;     // nothing to hold out
  std::uint64_t not_in_catalog = 0;  // the held-out item is not a candidate
  std::uint64_t no_history = 0;      // nothing left to replay before the held-out interaction
  std::uint64_t total() const { return too_few + no_positive + not_in_catalog + no_history; }
};

struct Report {
  std::uint64_t users = 0;  // evaluated
  Skipped skipped;
  std::size_t k = 10;
  Metrics confidant;
  Metrics most_popular;
  Metrics recent_popular;
  std::uint64_t dropped_signals = 0;      // refused for consent during the replay
  bool popularity_from_training = false;  // the catalog had none: the training counts gave it
  bool related_from_training = false;     // the catalog had none: the training co-occurrence gave them
  bool times_in_seconds = false;          // the integer times were read as Unix seconds
  std::int64_t time_shift_days = 0;       // the log was moved this far forward (whole weeks)
};

// {"users":N,"skipped":M,"k":K,"confidant":{"hr":..,"ndcg":..,"mrr":..},
//  "most_popular":{..},"recent_popular":{..},"skipped_by_reason":{..},"dropped_signals":D,
//  "popularity_from_training":B,"related_from_training":R,"times_in_seconds":T,"time_shift_days":S}
// on one line, each figure as the shortest text that reads back the same double.
std::string report_json(const Report& report);
// The same for a person: several lines, no trailing newline.
std::string report_table(const Report& report);

class Evaluation {
 public:
  // `interactions` and `catalog` name the two inputs in messages; every
  // message goes to `messages`.
  Evaluation(std::filesystem::path interactions, std::filesystem::path catalog, Messages messages);
  ~Evaluation();
  Evaluation(const Evaluation&) = delete;
  Evaluation& operator=(const Evaluation&) = delete;

  // The input, every line of the interactions file, then every line of the
  // catalog, each with its 1-based number in its file (blank lines are
  // skipped, and counted). The interactions: {"user":"u1","signal":{...}},
  // the signal as signal_from_json reads it, with "at"; the catalog: one
  // candidate_from_json each, ids unique. A bad line is reported, and keeps
  // the evaluation from running.
  void add_interaction_line(std::string_view text, std::uint64_t number);
  void add_catalog_line(std::string_view text, std::uint64_t number);
  // After the last line, or when the caller stops reading: reports how many
  // bad lines were not shown. False when any line was bad.
  bool finish_input();

  // Evaluates at cut-off k (at least 1), once. First every signal and the
  // catalog go through the SDK's own checks (track()'s and rank()'s), then
  // each user is replayed into a throwaway store (in a private scratch
  // directory under /dev/shm when usable, else the temporary directory,
  // removed before it returns). Every failure has been reported when it
  // returns: kInvalidArgument when the input was bad (each line named);
  // otherwise the code of what failed (a throwaway store, the scratch
  // directory: kIo).
  Result<Report> run(std::size_t k);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace confidant::eval

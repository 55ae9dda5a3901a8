// Offline evaluation of Confidant's ranking (docs/cli.md, "eval"): held-out
// HR@K, NDCG@K and MRR@K, each with a 95 % bootstrap interval over users,
// through the real SDK path (with and without the item model's related
// items), next to most-popular, recent-popular and item-kNN baselines on the
// same leave-last-out split; on the repeat split also a decayed-frequency
// baseline and the figures of the users whose held-out item is a repeat.
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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "confidant/status.hpp"

namespace confidant::eval {

// Where eval's messages for a person go, one call each, without a newline
// or any prefix of the caller's: the bad input lines ("FILE: line N: why",
// the first 20, then "N more bad lines not shown") and why a run stopped.
using Messages = std::function<void(const std::string& message)>;

// Which interaction is held out and what the candidates are (docs/cli.md,
// "The split").
enum class SplitMode : std::uint8_t {
  // The default: the user's earlier interactions with the held-out item are
  // left out of the training part, and the candidates are the catalog minus
  // the training items: finding an item new to the user.
  kNew,
  // The training part is everything before the held-out interaction, and
  // the candidates are the whole catalog: re-ordering "the usual" counts.
  kRepeat,
};

// "new", "repeat".
const char* split_mode_name(SplitMode mode);
// The mode of that name; none for any other text.
std::optional<SplitMode> split_mode_from_name(std::string_view name);

// Means over users (or one user's own values: 0 or 1, 1 / log2(r + 1), 1 / r).
struct Metrics {
  double hr = 0;
  double ndcg = 0;
  double mrr = 0;
  double hr1 = 0;  // HR@1: the held-out item first, from the same list
};

// A 95 % interval of a mean: [low, high].
struct Interval {
  double low = 0;
  double high = 0;
};

struct Intervals {
  Interval hr;
  Interval ndcg;
  Interval mrr;
  Interval hr1;
};

// The methods, as the report names them, in the report's order.
inline constexpr std::string_view kConfidant = "confidant";
inline constexpr std::string_view kConfidantNoItemModel = "confidant_no_item_model";  // related items emptied
// The SDK's order when it may not personalize (paused): popularity under the
// product's rules (variety) — the plain order as shipped.
inline constexpr std::string_view kConfidantNotPersonal = "confidant_not_personal";
inline constexpr std::string_view kMostPopular = "most_popular";
inline constexpr std::string_view kRecentPopular = "recent_popular";
inline constexpr std::string_view kItemKnnRecent = "item_knn_recent";
inline constexpr std::string_view kDecayedFrequency = "decayed_frequency";  // the repeat split only

struct MethodFigures {
  std::string method;  // one of the names above
  Metrics mean;        // over the group's users (all 0 when it has none)
  Intervals ci95;      // percentile bootstrap over the group's users (docs/cli.md, "Intervals")
};

// One group of users' figures, every method's.
struct Figures {
  std::uint64_t users = 0;
  std::vector<MethodFigures> methods;  // in the order of the names above
  // The method's figures; nullptr when it was not evaluated.
  const MethodFigures* find(std::string_view method) const;
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
  Figures all;  // every evaluated user
  // The repeat split only: the users who had chosen their held-out item
  // before (a positive interaction with it in their training part).
  std::optional<Figures> repeat_users;
  Skipped skipped;
  std::size_t k = 10;
  SplitMode split = SplitMode::kNew;
  std::uint64_t dropped_signals = 0;      // refused for consent during the replay
  bool popularity_from_training = false;  // the catalog had none: the training counts gave it
  bool related_from_training = false;     // the catalog had none: the training co-occurrence gave them
  bool times_in_seconds = false;          // the integer times were read as Unix seconds
  std::int64_t time_shift_days = 0;       // the log was moved this far forward (whole weeks)
};

// {"users":N,"skipped":M,"k":K,"split":"new",
//  "confidant":{"hr":..,"ndcg":..,"mrr":..,"hr1":..,"ci95":{"hr":[lo,hi],"ndcg":[..],"mrr":[..],"hr1":[..]}},
//  "confidant_no_item_model":{..},"confidant_not_personal":{..},"most_popular":{..},"recent_popular":{..},"item_knn_recent":{..},
//  ["decayed_frequency":{..},"repeat_users":{"users":R,"confidant":{..},..},]
//  "skipped_by_reason":{..},"dropped_signals":D,"popularity_from_training":B,"related_from_training":R,
//  "times_in_seconds":T,"time_shift_days":S}
// on one line, each figure as the shortest text that reads back the same
// double; the bracketed members in the repeat split only.
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

  // Evaluates at cut-off k (at least 1) on `split`, once. First every
  // signal and the catalog go through the SDK's own checks (track()'s and
  // rank()'s), then each user is replayed into a throwaway store (in a
  // private scratch directory under /dev/shm when usable, else the
  // temporary directory, removed before it returns). Every failure has been reported when it
  // returns: kInvalidArgument when the input was bad (each line named);
  // otherwise the code of what failed (a throwaway store, the scratch
  // directory: kIo).
  Result<Report> run(std::size_t k, SplitMode split = SplitMode::kNew);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace confidant::eval

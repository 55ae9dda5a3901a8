// The evaluation from first line to report (confidant_eval/eval.hpp): the
// input is loaded line by line, then run() checks it with the SDK's own
// validation, fixes the log's times, splits each user's history
// leave-last-out (split.hpp), fills in the item model a catalog lacks
// (item_model.hpp), replays each user into a throwaway store and ranks the
// catalog with and without its related items (replay.hpp), ranks the
// baselines on the same split (baselines.hpp, personal_baselines.hpp), and
// averages HR@K, NDCG@K, MRR@K and HR@1 (metrics.hpp) with their intervals
// (bootstrap.hpp) for every method, over all users and, in the repeat
// split, over the repeat users.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "confidant_eval/eval.hpp"
#include "eval/baselines.hpp"
#include "eval/bootstrap.hpp"
#include "eval/dataset.hpp"
#include "eval/item_model.hpp"
#include "eval/line_errors.hpp"
#include "eval/metrics.hpp"
#include "eval/personal_baselines.hpp"
#include "eval/replay.hpp"
#include "eval/scratch_dir.hpp"
#include "eval/split.hpp"
#include "eval/time_shift.hpp"
#include "eval/validate.hpp"

namespace confidant::eval {
namespace {

// One method's place of the held-out item, per case.
struct MethodPositions {
  std::string_view method;
  std::vector<std::optional<std::size_t>> positions;
};

std::vector<std::optional<std::size_t>> listed(const std::vector<std::size_t>& positions) {
  return {positions.begin(), positions.end()};
}

// Every method's means and intervals over the cases, or only the repeat ones.
Figures figures_of(const std::vector<MethodPositions>& methods, const std::vector<UserCase>& cases, std::size_t k,
                   bool repeat_only) {
  Figures figures;
  std::vector<std::vector<Metrics>> per_user(methods.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (repeat_only && !cases[i].repeat) continue;
    ++figures.users;
    for (std::size_t m = 0; m < methods.size(); ++m) per_user[m].push_back(user_metrics(methods[m].positions[i], k));
  }
  const std::vector<Intervals> intervals = bootstrap_intervals(per_user);
  for (std::size_t m = 0; m < methods.size(); ++m) {
    MethodFigures f;
    f.method = std::string(methods[m].method);
    MetricSum sum(k);
    for (std::size_t i = 0; i < cases.size(); ++i) {
      if (!repeat_only || cases[i].repeat) sum.add(methods[m].positions[i]);
    }
    f.mean = sum.mean();
    f.ci95 = intervals[m];
    figures.methods.push_back(std::move(f));
  }
  return figures;
}

}  // namespace

struct Evaluation::State {
  State(InputFiles input_files, Messages say) : files(std::move(input_files)), messages(std::move(say)) {}

  InputFiles files;
  Messages messages;
  LineErrors errors{messages};
  Dataset data;
  bool ran = false;
};

Evaluation::Evaluation(std::filesystem::path interactions, std::filesystem::path catalog, Messages messages)
    : state_(std::make_unique<State>(InputFiles{std::move(interactions), std::move(catalog)}, std::move(messages))) {}

Evaluation::~Evaluation() = default;

void Evaluation::add_interaction_line(std::string_view text, std::uint64_t number) {
  if (is_blank(text)) return;
  if (const Status st = add_interaction(state_->data, text, number); !st) {
    state_->errors.report(state_->files.interactions, number, st.message());
  }
}

void Evaluation::add_catalog_line(std::string_view text, std::uint64_t number) {
  if (is_blank(text)) return;
  if (const Status st = add_candidate(state_->data, text, number); !st) {
    state_->errors.report(state_->files.catalog, number, st.message());
  }
}

bool Evaluation::finish_input() {
  state_->errors.finish();
  return !state_->errors.any();
}

Result<Report> Evaluation::run(std::size_t k, SplitMode mode) {
  State& s = *state_;
  const auto fail = [&](Status status) {
    s.messages(status.message());
    return status;
  };
  // Times are fixed and the item model filled in place: a second run would
  // see neither as the input gave them.
  if (s.ran) return fail(Status::internal("run() was called twice"));
  s.ran = true;
  if (k == 0) return fail(Status::invalid_field("k", "must be at least 1"));
  if (s.errors.any()) return Status::invalid_argument("bad input lines (each is reported)");

  Dataset& data = s.data;
  const TimeFix time_fix = fix_times(data);

  std::string why;
  std::optional<ScratchDir> scratch = ScratchDir::create(why);
  if (!scratch) return fail(Status::io(why));
  if (Status checked = validate_dataset(data, s.files, scratch->path(), s.messages); !checked) return checked;

  const Split split = split_users(data, mode);
  const bool popularity_filled = fill_missing_popularity(data, split);
  const bool related_filled = fill_missing_related(data, split);
  const std::vector<Candidate> no_related = without_related(data.catalog);
  auto replayed = replay_confidant(data, split, k, {&data.catalog, &no_related}, scratch->path());
  if (!replayed) {
    const Status& st = replayed.status();
    // A signal the SDK refused during the replay names its line.
    s.messages(st.code() == ErrorCode::kInvalidArgument ? s.files.interactions.string() + ": " + st.message()
                                                        : st.to_string());
    return st;
  }

  std::vector<MethodPositions> methods;
  methods.push_back({kConfidant, std::move(replayed->positions[0])});
  methods.push_back({kConfidantNoItemModel, std::move(replayed->positions[1])});
  methods.push_back({kConfidantNotPersonal, std::move(replayed->not_personal)});
  methods.push_back({kMostPopular, listed(most_popular_positions(data, split))});
  methods.push_back({kRecentPopular, listed(recent_popular_positions(data, split))});
  methods.push_back({kItemKnnRecent, listed(item_knn_recent_positions(data, split))});
  if (mode == SplitMode::kRepeat) {
    methods.push_back({kDecayedFrequency, listed(decayed_frequency_positions(data, split))});
  }

  Report report;
  report.all = figures_of(methods, split.cases, k, false);
  if (mode == SplitMode::kRepeat) report.repeat_users = figures_of(methods, split.cases, k, true);
  report.skipped = split.skipped;
  report.k = k;
  report.split = mode;
  report.dropped_signals = replayed->dropped;
  report.popularity_from_training = popularity_filled;
  report.related_from_training = related_filled;
  report.time_shift_days = time_fix.shift_days;
  report.times_in_seconds = time_fix.seconds_to_ms;
  if (report.all.users == 0) s.messages("no user could be evaluated (see the skipped counts)");
  return report;
}

}  // namespace confidant::eval

// The evaluation from first line to report (confidant_eval/eval.hpp): the
// input is loaded line by line, then run() checks it with the SDK's own
// validation, fixes the log's times, splits each user's history
// leave-last-out (split.hpp), fills in the item model a catalog lacks
// (item_model.hpp), replays each user into a throwaway store (replay.hpp),
// ranks the baselines on the same split (baselines.hpp) and averages HR@K,
// NDCG@K and MRR@K (metrics.hpp) for all three.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "confidant_eval/eval.hpp"
#include "eval/baselines.hpp"
#include "eval/dataset.hpp"
#include "eval/item_model.hpp"
#include "eval/line_errors.hpp"
#include "eval/metrics.hpp"
#include "eval/replay.hpp"
#include "eval/scratch_dir.hpp"
#include "eval/split.hpp"
#include "eval/time_shift.hpp"
#include "eval/validate.hpp"

namespace confidant::eval {

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

Result<Report> Evaluation::run(std::size_t k) {
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

  const Split split = split_users(data);
  const bool popularity_filled = fill_missing_popularity(data, split);
  const bool related_filled = fill_missing_related(data, split);
  auto replayed = replay_confidant(data, split, k, scratch->path());
  if (!replayed) {
    const Status& st = replayed.status();
    // A signal the SDK refused during the replay names its line.
    s.messages(st.code() == ErrorCode::kInvalidArgument ? s.files.interactions.string() + ": " + st.message()
                                                        : st.to_string());
    return st;
  }

  Report report;
  report.users = split.cases.size();
  report.skipped = split.skipped;
  report.k = k;
  report.dropped_signals = replayed->dropped;
  report.popularity_from_training = popularity_filled;
  report.related_from_training = related_filled;
  report.time_shift_days = time_fix.shift_days;
  report.times_in_seconds = time_fix.seconds_to_ms;
  MetricSum confidant(k), most_popular(k), recent_popular(k);
  const std::vector<std::size_t> popular = most_popular_positions(data, split);
  const std::vector<std::size_t> recent = recent_popular_positions(data, split);
  for (std::size_t i = 0; i < split.cases.size(); ++i) {
    confidant.add(replayed->positions[i]);
    most_popular.add(popular[i]);
    recent_popular.add(recent[i]);
  }
  report.confidant = confidant.mean();
  report.most_popular = most_popular.mean();
  report.recent_popular = recent_popular.mean();
  if (report.users == 0) s.messages("no user could be evaluated (see the skipped counts)");
  return report;
}

}  // namespace confidant::eval

#include "eval_command.hpp"

#include <string>

#include "eval_baselines.hpp"
#include "eval_dataset.hpp"
#include "eval_item_model.hpp"
#include "eval_replay.hpp"
#include "eval_report.hpp"
#include "eval_split.hpp"
#include "eval_time_shift.hpp"
#include "eval_validate.hpp"
#include "output.hpp"
#include "scratch_dir.hpp"

namespace confidant::cli {

Exit run_eval(const Eval& args) {
  auto loaded = load_dataset(args);
  if (const Exit* exit = std::get_if<Exit>(&loaded)) return *exit;
  Dataset& data = std::get<Dataset>(loaded);
  const TimeFix time_fix = fix_times(data);

  std::string why;
  std::optional<ScratchDir> scratch = ScratchDir::create(why);
  if (!scratch) {
    error("eval: " + why);
    return Exit::kFailure;
  }
  if (const Exit checked = validate_dataset(data, args, scratch->path()); checked != Exit::kOk) return checked;

  const Split split = split_users(data);
  const bool popularity_filled = fill_missing_popularity(data, split);
  const bool related_filled = fill_missing_related(data, split);
  auto replayed = replay_confidant(data, split, args.k, scratch->path());
  if (!replayed) {
    const ErrorCode code = replayed.status().code();
    error("eval: " + (code == ErrorCode::kInvalidArgument ? args.interactions.string() + ": " + replayed.status().message()
                                                           : replayed.status().to_string()));
    return exit_for(code);
  }

  EvalReport report;
  report.users = split.cases.size();
  report.skipped = split.skipped;
  report.k = args.k;
  report.dropped_signals = replayed->dropped;
  report.popularity_from_training = popularity_filled;
  report.related_from_training = related_filled;
  report.time_shift_days = time_fix.shift_days;
  report.times_in_seconds = time_fix.seconds_to_ms;
  MetricSum confidant(args.k), most_popular(args.k), recent_popular(args.k);
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

  if (report.users == 0) error("eval: no user could be evaluated (see the skipped counts)");
  if (!print_line(args.json ? report_json(report) : report_table(report))) {
    error("eval: cannot write to standard output");
    return Exit::kFailure;
  }
  return Exit::kOk;
}

}  // namespace confidant::cli

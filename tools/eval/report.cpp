// eval's result, as one JSON object or a table for a person
// (confidant_eval/eval.hpp declares both).
#include "confidant_eval/eval.hpp"

#include <charconv>
#include <cstdio>

#include "eval/bootstrap.hpp"

namespace confidant::eval {
namespace {

// Shortest text that reads back as the same double: exact values for tests
// and for anyone recomputing them.
std::string number(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("0");
}

// Text is appended to a string, never prepended to a temporary ("[" + text):
// GCC 12 at -O3 reports a false -Wrestrict inside libstdc++'s insert there.
std::string interval_json(const Interval& i) {
  std::string out = "[";
  out += number(i.low);
  out += ',';
  out += number(i.high);
  out += ']';
  return out;
}

// The figures first, under the names they always had, so a reader of the
// older report reads this one too; then HR@1 and the intervals.
std::string method_json(const MethodFigures& f) {
  const Metrics& m = f.mean;
  const Intervals& ci = f.ci95;
  return "{\"hr\":" + number(m.hr) + ",\"ndcg\":" + number(m.ndcg) + ",\"mrr\":" + number(m.mrr) +
         ",\"hr1\":" + number(m.hr1) + ",\"ci95\":{\"hr\":" + interval_json(ci.hr) +
         ",\"ndcg\":" + interval_json(ci.ndcg) + ",\"mrr\":" + interval_json(ci.mrr) +
         ",\"hr1\":" + interval_json(ci.hr1) + "}}";
}

// "name":{..},"name":{..} for every method of the group.
std::string methods_json(const Figures& figures) {
  std::string out;
  for (const MethodFigures& f : figures.methods) {
    if (!out.empty()) out += ',';
    out += "\"" + f.method + "\":" + method_json(f);
  }
  return out;
}

// "0.152 [0.130, 0.175]"
std::string cell(double mean, const Interval& interval) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f [%.3f, %.3f]", mean, interval.low, interval.high);
  return buffer;
}

std::string padded(const std::string& text, int width) {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, "%-*s", width, text.c_str());
  return buffer;
}

constexpr int kNameWidth = 24;
constexpr int kCellWidth = 22;

// The header and one row per method; HR@1 as a column of its own in the
// repeat split, where the first place is what counts.
std::string table_of(const Figures& figures, std::size_t k, bool with_hr1) {
  std::string at = "@";
  at += std::to_string(k);
  std::string out = padded("method", kNameWidth) + padded("HR" + at, kCellWidth) + padded("NDCG" + at, kCellWidth) +
                    (with_hr1 ? padded("MRR" + at, kCellWidth) + "HR@1" : "MRR" + at);
  for (const MethodFigures& f : figures.methods) {
    const Metrics& m = f.mean;
    out += '\n' + padded(f.method, kNameWidth) + padded(cell(m.hr, f.ci95.hr), kCellWidth) +
           padded(cell(m.ndcg, f.ci95.ndcg), kCellWidth) +
           (with_hr1 ? padded(cell(m.mrr, f.ci95.mrr), kCellWidth) + cell(m.hr1, f.ci95.hr1)
                     : cell(m.mrr, f.ci95.mrr));
  }
  return out;
}

}  // namespace

const MethodFigures* Figures::find(std::string_view method) const {
  for (const MethodFigures& f : methods)
    if (f.method == method) return &f;
  return nullptr;
}

std::string report_json(const Report& r) {
  std::string out = "{\"users\":" + std::to_string(r.all.users) + ",\"skipped\":" + std::to_string(r.skipped.total()) +
                    ",\"k\":" + std::to_string(r.k) + ",\"split\":\"" + split_mode_name(r.split) + "\"";
  if (!r.all.methods.empty()) {
    out += ',';
    out += methods_json(r.all);
  }
  if (r.repeat_users) {
    out += ",\"repeat_users\":{\"users\":" + std::to_string(r.repeat_users->users);
    if (!r.repeat_users->methods.empty()) {
      out += ',';
      out += methods_json(*r.repeat_users);
    }
    out += "}";
  }
  return out + ",\"skipped_by_reason\":{\"too_few\":" + std::to_string(r.skipped.too_few) +
         ",\"no_positive\":" + std::to_string(r.skipped.no_positive) +
         ",\"not_in_catalog\":" + std::to_string(r.skipped.not_in_catalog) +
         ",\"no_history\":" + std::to_string(r.skipped.no_history) +
         "},\"dropped_signals\":" + std::to_string(r.dropped_signals) +
         ",\"popularity_from_training\":" + (r.popularity_from_training ? "true" : "false") +
         ",\"related_from_training\":" + (r.related_from_training ? "true" : "false") +
         ",\"times_in_seconds\":" + (r.times_in_seconds ? "true" : "false") +
         ",\"time_shift_days\":" + std::to_string(r.time_shift_days) + "}";
}

std::string report_table(const Report& r) {
  const bool repeat = r.split == SplitMode::kRepeat;
  std::string out = "users evaluated: " + std::to_string(r.all.users) +
                    ", skipped: " + std::to_string(r.skipped.total()) + " (fewer than 2 interactions " +
                    std::to_string(r.skipped.too_few) + ", no positive " + std::to_string(r.skipped.no_positive) +
                    ", held-out item not in catalog " + std::to_string(r.skipped.not_in_catalog) +
                    ", nothing before the held-out " + std::to_string(r.skipped.no_history) + ")\n";
  out += repeat ? "split: repeat (earlier interactions with the held-out item kept; candidates: the whole catalog)\n"
                : "split: new (earlier interactions with the held-out item left out; candidates: the catalog minus "
                  "the training items)\n";
  out += table_of(r.all, r.k, repeat);
  if (r.repeat_users) {
    out += "\nrepeat users (a positive interaction with their held-out item before it): " +
           std::to_string(r.repeat_users->users) + '\n' + table_of(*r.repeat_users, r.k, true);
  }
  out += "\n(mean [95 % interval]: percentile bootstrap over users, " + std::to_string(kBootstrapResamples) +
         " resamples, seed " + std::to_string(kBootstrapSeed) + ")";
  if (r.popularity_from_training) out += "\n(the catalog has no popularity: Confidant's prior is the training popularity)";
  if (r.related_from_training)
    out += "\n(the catalog has no related items: Confidant's item model is the training co-occurrence)";
  if (r.times_in_seconds) out += "\n(every time is in the first months of 1970 as milliseconds: read as Unix seconds)";
  if (r.time_shift_days != 0)
    out += "\n(the log starts before 2000: every time was moved " + std::to_string(r.time_shift_days) +
           " days later, whole weeks, so gaps, hours and weekdays are kept)";
  return out;
}

}  // namespace confidant::eval

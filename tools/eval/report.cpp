// eval's result, as one JSON object or a table for a person
// (confidant_eval/eval.hpp declares both).
#include "confidant_eval/eval.hpp"

#include <charconv>
#include <cstdio>

namespace confidant::eval {
namespace {

// Shortest text that reads back as the same double: exact values for tests
// and for anyone recomputing them.
std::string number(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("0");
}

std::string metrics_json(const Metrics& m) {
  return "{\"hr\":" + number(m.hr) + ",\"ndcg\":" + number(m.ndcg) + ",\"mrr\":" + number(m.mrr) + "}";
}

std::string row(const char* name, const Metrics& m) {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, "%-16s %8.4f %8.4f %8.4f", name, m.hr, m.ndcg, m.mrr);
  return buffer;
}

}  // namespace

std::string report_json(const Report& r) {
  return "{\"users\":" + std::to_string(r.users) + ",\"skipped\":" + std::to_string(r.skipped.total()) +
         ",\"k\":" + std::to_string(r.k) + ",\"confidant\":" + metrics_json(r.confidant) +
         ",\"most_popular\":" + metrics_json(r.most_popular) + ",\"recent_popular\":" + metrics_json(r.recent_popular) +
         ",\"skipped_by_reason\":{\"too_few\":" + std::to_string(r.skipped.too_few) +
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
  const std::string k = std::to_string(r.k);
  std::string out = "users evaluated: " + std::to_string(r.users) + ", skipped: " + std::to_string(r.skipped.total()) +
                    " (fewer than 2 interactions " + std::to_string(r.skipped.too_few) + ", no positive " +
                    std::to_string(r.skipped.no_positive) + ", held-out item not in catalog " +
                    std::to_string(r.skipped.not_in_catalog) + ", nothing before the held-out " +
                    std::to_string(r.skipped.no_history) + ")\n";
  char header[128];
  std::snprintf(header, sizeof header, "%-16s %8s %8s %8s", "method", ("HR@" + k).c_str(), ("NDCG@" + k).c_str(),
                ("MRR@" + k).c_str());
  out += header;
  out += '\n' + row("confidant", r.confidant) + '\n' + row("most_popular", r.most_popular) + '\n' +
         row("recent_popular", r.recent_popular);
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

// The privacy center's sections about what left the device and what is
// allowed: what was shared (the sync ledger, decoded) and the consent matrix.
#include <algorithm>

#include "api/privacy_center_build.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "consent/types.hpp"

namespace confidant::api {
namespace {

std::string string_at(const json::Value& object, std::string_view key) {
  const json::Value* v = object.find(key);
  return v != nullptr ? v->as_string() : std::string();
}

// "top_drink" -> "top drink": a metric has no display name in the brand's
// config, and its id is written for people to read.
std::string metric_label(std::string id) {
  std::replace_if(id.begin(), id.end(), [](char c) { return c == '_' || c == '-'; }, ' ');
  return id;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

// One line of Sdk::shared_reports (docs/sync.md, "The sync ledger").
PrivacyRow report_row(const CenterInputs& in, const json::Value& line) {
  const json::Value empty;
  const json::Value* found = line.find("report");
  const json::Value& report = found != nullptr ? *found : empty;
  const std::string metric = string_at(report, "metric");
  const json::Value* eps = line.find("epsilon");
  const double epsilon = eps != nullptr ? eps->as_double() : 0;
  std::string status = string_at(line, "status");
  const auto created = timefmt::parse_iso8601(string_at(line, "created_at"));

  std::vector<std::string> buckets, bucket_labels;
  if (const json::Value* ones = report.find("ones")) {
    for (const json::Value& one : ones->as_array()) {
      buckets.push_back(one.as_string());
      bucket_labels.push_back(label_of_target(in, one.as_string()));
    }
  }
  std::vector<std::string> categories, category_labels;
  std::vector<DataCategory> parsed;
  if (const json::Value* list = line.find("data_categories")) {
    for (const json::Value& c : list->as_array()) {
      categories.push_back(c.as_string());
      auto category = consent::parse_category(c.as_string());
      if (!category) continue;
      parsed.push_back(category.value());
      category_labels.push_back(category_text(category.value()).text);
    }
  }

  PrivacyRow row;
  row.id = "report:" + string_at(report, "report_id");
  row.kind = "report";
  row.title = text("shared.report.title", {{"metric", metric_label(metric)}});
  row.lines.push_back(buckets.empty() ? text("shared.report.sent_none")
                                      : text("shared.report.sent", {{"buckets", joined(bucket_labels)}}));
  row.lines.push_back(text("shared.report.epsilon", {{"epsilon", number_text(epsilon)}}));
  if (created) row.lines.push_back(text("shared.report.date", {{"date", date_of(created.value())}}));
  if (!category_labels.empty()) row.lines.push_back(text("shared.report.from", {{"categories", joined(category_labels)}}));
  // Statuses are the ledger's four; anything else would be a newer SDK's
  // word, shown as pending rather than as a raw code.
  if (status != "sent" && status != "dropped" && status != "discarded") status = "pending";
  row.lines.push_back(text("shared.report.status." + status));
  row.facts = {{"metric", metric},
               {"buckets", joined(buckets)},
               {"epsilon", number_text(epsilon)},
               {"status", status},
               {"date", created ? date_of(created.value()) : std::string()},
               {"data_categories", joined(categories)}};
  for (const DataCategory category : parsed) {
    if (!in.states.granted(category, Use::kShare)) continue;
    PrivacyAction stop = cell_action("deny", category, Use::kShare, in);
    stop.label = text("action.stop_sharing", {{"category", category_text(category).text}});
    row.actions.push_back(std::move(stop));
  }
  return row;
}

PrivacyRow budget_row(const CenterInputs& in) {
  const Budget& b = in.budget;
  PrivacyRow row;
  row.id = "budget";
  row.kind = "budget";
  row.title = text("shared.budget.title");
  if (b.config_version == 0) {
    row.lines.push_back(text("shared.budget.none"));
    row.facts = {{"configured", "false"}};
    return row;
  }
  const double left = std::max(0.0, b.cap - b.spent);
  row.lines.push_back(text("shared.budget.left", {{"left", number_text(left)},
                                                  {"cap", number_text(b.cap)},
                                                  {"days", std::to_string(b.window_days)}}));
  for (const MetricBudget& m : b.metrics) {
    row.lines.push_back(text("shared.budget.metric", {{"metric", metric_label(m.metric_id)},
                                                      {"spent", number_text(m.spent)},
                                                      {"cap", number_text(m.cap)}}));
  }
  row.facts = {{"configured", "true"},       {"spent", number_text(b.spent)}, {"cap", number_text(b.cap)},
               {"left", number_text(left)}, {"window_days", std::to_string(b.window_days)}};
  return row;
}

PrivacyRow consent_row(const CenterInputs& in, DataCategory category, Use use) {
  const auto cell = static_cast<std::size_t>(category) * kAllUses.size() + static_cast<std::size_t>(use);
  const ConsentState state = in.states.of(category, use);
  const std::string state_name(consent::name(state));
  PrivacyRow row;
  row.id = "consent:" + std::string(consent::name(category)) + ":" + std::string(consent::name(use));
  row.kind = "consent";
  row.title = text("consent.cell.title", {{"category", category_text(category).text}, {"use", use_text(use).text}});
  row.lines.push_back(text("consent.state." + state_name));
  row.facts = {{"category", std::string(consent::name(category))},
               {"use", std::string(consent::name(use))},
               {"state", state_name}};
  if (const auto& origin = in.origins[cell]) {
    const std::string source(consent::name(origin->source));
    row.lines.push_back(text("consent.source." + source, {{"date", date_of(origin->at_ms)}}));
    row.lines.push_back(text("consent.policy", {{"policy_version", origin->policy_version}}));
    row.facts.emplace_back("source", source);
    row.facts.emplace_back("decided_on", date_of(origin->at_ms));
    row.facts.emplace_back("policy_version", origin->policy_version);
  }
  if (state != ConsentState::kGranted) row.actions.push_back(cell_action("grant", category, use, in));
  if (state != ConsentState::kDenied) row.actions.push_back(cell_action("deny", category, use, in));
  return row;
}

}  // namespace

PrivacySection shared_section(const CenterInputs& in) {
  PrivacySection s{"shared", text("section.shared.title"), text("section.shared.summary"),
                   text("section.shared.empty"), {}};
  std::string_view rest = in.shared_reports;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (line.empty()) continue;
    // Written by this SDK (sync/report_table.cpp): a line that does not
    // parse would be a bug there, and a row of nothing would hide it less
    // well than leaving it to the export, which carries the ledger verbatim.
    auto parsed = json::parse(line);
    if (parsed && parsed->is_object()) s.rows.push_back(report_row(in, parsed.value()));
  }
  s.rows.push_back(budget_row(in));
  return s;
}

PrivacySection consent_section(const CenterInputs& in) {
  PrivacySection s{"consent", text("section.consent.title"),
                   in.policy_version.empty()
                       ? text("section.consent.summary")
                       : text("section.consent.summary_policy", {{"policy_version", in.policy_version}}),
                   text("section.consent.empty"),
                   {}};
  for (const DataCategory category : kAllCategories) {
    for (const Use use : kAllUses) s.rows.push_back(consent_row(in, category, use));
  }
  return s;
}

}  // namespace confidant::api

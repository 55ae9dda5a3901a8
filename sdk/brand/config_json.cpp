#include "brand/config_json.hpp"

#include <cmath>
#include <initializer_list>
#include <limits>

#include "common/hex.hpp"
#include "common/json.hpp"
#include "common/json_fields.hpp"
#include "sync/experiment.hpp"

namespace confidant::brand {
namespace {

using json::Value;

Status only_keys(const std::string& field, const Value& object, std::initializer_list<std::string_view> allowed) {
  // The document itself has no key to name: call it "config".
  if (!object.is_object()) return json::wrong_type(field.empty() ? "config" : field, "an object", object);
  for (const auto& [key, value] : object.as_object()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || key == name;
    const std::string where = field.empty() ? json::field_label(key) : field + "." + json::field_label(key);
    if (!known) return Status::invalid_field(where, "unknown key");
  }
  return {};
}

std::string child(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

// Reads an optional non-negative integer member into `out`.
template <typename Int>
Status read_count(const Value& object, const std::string& parent, std::string_view key, Int& out) {
  const Value* value = object.find(key);
  if (value == nullptr) return {};
  if (!value->is_integer() || value->as_int64() < 0 ||
      static_cast<std::uint64_t>(value->as_int64()) > std::numeric_limits<Int>::max())
    return json::wrong_type(child(parent, key), "a non-negative integer", *value);
  out = static_cast<Int>(value->as_int64());
  return {};
}

Status read_number(const Value& object, const std::string& parent, std::string_view key, double& out) {
  const Value* value = object.find(key);
  if (value == nullptr) return {};
  if (!value->is_number()) return json::wrong_type(child(parent, key), "a number", *value);
  out = value->as_double();
  return {};
}

Status read_text(const Value& object, const std::string& parent, std::string_view key, std::string& out) {
  const Value* value = object.find(key);
  if (value == nullptr) return {};
  if (!value->is_string()) return json::wrong_type(child(parent, key), "a string", *value);
  out = value->as_string();
  return {};
}

// Calls read(item, "key[i]") for each element of an optional array member.
template <typename Read>
Status for_each_item(const Value& object, std::string_view key, Read&& read) {
  const Value* value = object.find(key);
  if (value == nullptr) return {};
  if (!value->is_array()) return json::wrong_type(std::string(key), "an array", *value);
  const auto& items = value->as_array();
  for (std::size_t i = 0; i < items.size(); ++i)
    if (Status s = read(items[i], std::string(key) + "[" + std::to_string(i) + "]"); !s.is_ok()) return s;
  return {};
}

Status read_metric(const Value& item, const std::string& field, proto::Metric& metric) {
  if (Status s = only_keys(field, item, {"id", "source", "domain", "attribute", "epsilon", "budget_cap"}); !s.is_ok())
    return s;
  std::string source;
  double epsilon = 0, cap = 0;
  std::string id, attribute;
  if (Status s = read_text(item, field, "id", id); !s.is_ok()) return s;
  if (Status s = read_text(item, field, "source", source); !s.is_ok()) return s;
  if (Status s = read_text(item, field, "attribute", attribute); !s.is_ok()) return s;
  if (Status s = read_number(item, field, "epsilon", epsilon); !s.is_ok()) return s;
  if (Status s = read_number(item, field, "budget_cap", cap); !s.is_ok()) return s;
  if (source == "top_category") metric.set_source(proto::TOP_CATEGORY);
  else if (source == "attribute_value") metric.set_source(proto::ATTRIBUTE_VALUE);
  else return Status::invalid_field(child(field, "source"), "expected \"top_category\" or \"attribute_value\"");
  std::vector<std::string> domain;
  if (const Value* value = item.find("domain"); value != nullptr) {
    if (Status s = json::read_string_array(child(field, "domain"), *value, domain); !s.is_ok()) return s;
  }
  metric.set_id(id);
  metric.set_attribute(attribute);
  metric.set_epsilon(epsilon);
  metric.set_budget_cap(cap == 0 ? epsilon : cap);
  for (std::string& member : domain) metric.add_domain(std::move(member));
  return {};
}

Status read_item(const Value& item, const std::string& field, proto::ItemModel& model) {
  if (Status s = only_keys(field, item, {"item", "related", "popularity"}); !s.is_ok()) return s;
  std::string id;
  double popularity = 0;
  if (Status s = read_text(item, field, "item", id); !s.is_ok()) return s;
  if (Status s = read_number(item, field, "popularity", popularity); !s.is_ok()) return s;
  model.set_item(id);
  model.set_popularity(popularity);
  return for_each_item(item, "related", [&](const Value& related, const std::string& sub) {
    const std::string where = field + "." + sub;
    if (Status s = only_keys(where, related, {"item", "weight"}); !s.is_ok()) return s;
    proto::RelatedItem* out = model.add_related();
    std::string other;
    double weight = 0;
    if (Status s = read_text(related, where, "item", other); !s.is_ok()) return s;
    if (Status s = read_number(related, where, "weight", weight); !s.is_ok()) return s;
    out->set_item(other);
    out->set_weight(weight);
    return Status{};
  });
}

Status read_outcome(const Value& item, const std::string& field, proto::Outcome& outcome) {
  if (Status s = only_keys(field, item, {"id", "source", "buckets", "epsilon", "budget_cap"}); !s.is_ok()) return s;
  std::string id, source;
  double epsilon = 0, cap = 0;
  if (Status s = read_text(item, field, "source", source); !s.is_ok()) return s;
  if (Status s = read_text(item, field, "id", id); !s.is_ok()) return s;
  if (Status s = read_number(item, field, "epsilon", epsilon); !s.is_ok()) return s;
  if (Status s = read_number(item, field, "budget_cap", cap); !s.is_ok()) return s;
  const auto parsed = sync::outcome_source(source);
  if (!parsed)
    return Status::invalid_field(child(field, "source"),
                                 "unknown outcome; expected \"orders\", \"purchases\", \"visits\" or \"active_days\"");
  outcome.set_source(*parsed);
  outcome.set_id(id.empty() ? source : id);  // one outcome per source needs no id
  outcome.set_epsilon(epsilon);
  outcome.set_budget_cap(cap == 0 ? epsilon : cap);
  return for_each_item(item, "buckets", [&](const Value& start, const std::string& sub) {
    if (!start.is_integer() || start.as_int64() < 0 || start.as_int64() > 1000000)
      return json::wrong_type(field + "." + sub, "an integer in 0..1000000", start);
    outcome.add_bucket_starts(static_cast<std::uint32_t>(start.as_int64()));
    return Status{};
  });
}

Status read_experiment(const Value& item, const std::string& field, std::uint64_t epoch_seconds,
                       proto::Experiment& experiment) {
  if (Status s = only_keys(field, item, {"id", "holdout_share", "period_seconds", "outcomes"}); !s.is_ok()) return s;
  std::string id;
  double share = 0;
  std::uint64_t period = epoch_seconds;  // default: one epoch
  if (Status s = read_text(item, field, "id", id); !s.is_ok()) return s;
  if (Status s = read_number(item, field, "holdout_share", share); !s.is_ok()) return s;
  if (Status s = read_count(item, field, "period_seconds", period); !s.is_ok()) return s;
  experiment.set_id(id);
  experiment.set_holdout_share(share);
  experiment.set_period_seconds(period);
  return for_each_item(item, "outcomes", [&](const Value& outcome, const std::string& sub) {
    return read_outcome(outcome, field + "." + sub, *experiment.add_outcomes());
  });
}

}  // namespace

Result<proto::BrandConfig> config_from_json(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed.is_ok()) return parsed.status();
  const Value& root = parsed.value();
  if (Status s = only_keys("", root,
                           {"version", "brand", "taxonomy", "metrics", "epoch_seconds", "budget_total_cap",
                            "budget_window_days", "min_group_size", "report_public_key", "items", "ranking",
                            "experiments"});
      !s.is_ok())
    return s;
  proto::BrandConfig config;
  std::uint64_t version = 0, epoch_seconds = 7 * 24 * 3600;
  std::uint32_t window_days = 30, min_group = 100;
  double total_cap = 0;
  std::string brand_name, report_key;
  if (Status s = read_count(root, "", "version", version); !s.is_ok()) return s;
  if (Status s = read_text(root, "", "brand", brand_name); !s.is_ok()) return s;
  if (Status s = read_count(root, "", "epoch_seconds", epoch_seconds); !s.is_ok()) return s;
  if (Status s = read_count(root, "", "budget_window_days", window_days); !s.is_ok()) return s;
  if (Status s = read_count(root, "", "min_group_size", min_group); !s.is_ok()) return s;
  if (Status s = read_number(root, "", "budget_total_cap", total_cap); !s.is_ok()) return s;
  if (Status s = read_text(root, "", "report_public_key", report_key); !s.is_ok()) return s;
  config.set_version(version);
  config.set_brand(brand_name);
  config.set_epoch_seconds(epoch_seconds);
  config.set_budget_window_days(window_days);
  config.set_min_group_size(min_group);
  config.set_budget_total_cap(total_cap);
  if (!report_key.empty()) {
    auto key = hex::from_hex(report_key);
    if (!key) return Status::invalid_field("report_public_key", "expected hex");
    config.set_report_public_key(std::string(key->begin(), key->end()));
  }
  Status s = for_each_item(root, "taxonomy", [&](const Value& item, const std::string& field) {
    if (Status e = only_keys(field, item, {"path", "sensitive"}); !e.is_ok()) return e;
    proto::TaxonomyNode* node = config.add_taxonomy();
    std::string path;
    if (Status e = read_text(item, field, "path", path); !e.is_ok()) return e;
    node->set_path(path);
    if (const Value* sensitive = item.find("sensitive"); sensitive != nullptr) {
      if (!sensitive->is_bool()) return json::wrong_type(field + ".sensitive", "a boolean", *sensitive);
      node->set_sensitive(sensitive->as_bool());
    }
    return Status{};
  });
  if (!s.is_ok()) return s;
  s = for_each_item(root, "metrics", [&](const Value& item, const std::string& field) {
    return read_metric(item, field, *config.add_metrics());
  });
  if (!s.is_ok()) return s;
  s = for_each_item(root, "items", [&](const Value& item, const std::string& field) {
    return read_item(item, field, *config.add_items());
  });
  if (!s.is_ok()) return s;
  s = for_each_item(root, "experiments", [&](const Value& item, const std::string& field) {
    return read_experiment(item, field, epoch_seconds, *config.add_experiments());
  });
  if (!s.is_ok()) return s;
  if (const Value* ranking = root.find("ranking"); ranking != nullptr) {
    if (Status e = only_keys("ranking", *ranking, {"per_category_cap", "exploration_share"}); !e.is_ok()) return e;
    std::uint32_t cap = 4;
    double share = 0.1;
    if (Status e = read_count(*ranking, "ranking", "per_category_cap", cap); !e.is_ok()) return e;
    if (Status e = read_number(*ranking, "ranking", "exploration_share", share); !e.is_ok()) return e;
    config.mutable_ranking()->set_per_category_cap(cap);
    config.mutable_ranking()->set_exploration_share(share);
  }
  return config;
}

}  // namespace confidant::brand

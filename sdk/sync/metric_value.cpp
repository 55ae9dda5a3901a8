#include "sync/metric_value.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "profile/target.hpp"
#include "signals/signal.hpp"

namespace confidant::sync {
namespace {

struct Bucket {
  double score = 0;
  CategoryMask from = 0;
};

}  // namespace

std::optional<TrueValue> true_value(const proto::Metric& metric, const profile::ProfileState& profile,
                                    const ShareGrants& grants, std::int64_t now_ms) {
  const profile::Taxonomy& taxonomy = profile.taxonomy();
  const bool sensitive_allowed = grants.allows(DataCategory::kSensitive);
  const bool by_category = metric.source() == proto::TOP_CATEGORY;
  std::unordered_map<std::string_view, std::uint32_t> index_of;
  for (int i = 0; i < metric.domain_size(); ++i) {
    const std::string& member = metric.domain(i);
    const bool sensitive_member = by_category && taxonomy.is_sensitive(member);
    if (sensitive_member && !sensitive_allowed) continue;  // never a possible answer
    index_of.emplace(member, static_cast<std::uint32_t>(i));
  }
  std::vector<Bucket> buckets(static_cast<std::size_t>(metric.domain_size()));
  const auto credit = [&](std::string_view member, double score, CategoryMask from) {
    const auto it = index_of.find(member);
    if (it == index_of.end()) return;
    buckets[it->second].score += score;
    buckets[it->second].from |= from;
  };

  profile.terms().for_each([&](const profile::RowKey& key, const profile::Term& term) {
    const DataCategory category = signals::data_category(key.type);
    if (!grants.allows(category)) return;
    // The row's flag, or its path: a row about a marked path is sensitive
    // even if it was learned before the mark, and then it credits neither
    // its path nor any ancestor.
    const bool sensitive =
        key.sensitive || (key.kind == profile::TargetKind::kCategory && taxonomy.is_sensitive(key.key));
    if (sensitive && !sensitive_allowed) return;
    const CategoryMask from = mask_of(category) | (sensitive ? mask_of(DataCategory::kSensitive) : 0);
    const double score = term.decayed.at(now_ms, profile.params().half_life_ms(key.type));
    if (by_category && key.kind == profile::TargetKind::kCategory) {
      profile::any_prefix(key.key, [&](std::string_view prefix) {
        credit(prefix, score, from);
        return false;
      });
    } else if (!by_category && key.kind == profile::TargetKind::kAttribute && key.key == metric.attribute()) {
      credit(key.value, score, from);
    }
  });

  std::optional<TrueValue> best;
  double best_score = 0;
  for (std::uint32_t i = 0; i < buckets.size(); ++i) {
    if (buckets[i].score > best_score) {  // ties keep the earlier member: the answer is a function of the profile
      best_score = buckets[i].score;
      best = TrueValue{i, buckets[i].from};
    }
  }
  return best;
}

}  // namespace confidant::sync

#include "ranking/index/path_facts.hpp"

#include <cmath>

#include "profile/target.hpp"
#include "common/field_rules.hpp"

namespace confidant::ranking {
namespace {

std::string_view parent_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

}  // namespace

bool is_valid_path(std::string_view path) noexcept {
  const fields::FieldLimits limits;
  if (path.empty() || path.size() > limits.max_category_bytes) return false;
  std::size_t segments = 1;
  bool segment_empty = true;
  for (const char c : path) {
    if (c == '/') {
      if (segment_empty) return false;
      ++segments;
      segment_empty = true;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
      segment_empty = false;
    } else {
      return false;
    }
  }
  return !segment_empty && segments <= limits.max_category_segments;
}

const PathFacts& PathMemo::facts(std::string_view path, std::uint64_t hash) {
  if (const PathFacts* known = facts_.find({path, {}}, hash)) return *known;
  const std::string_view owned = owned_.emplace_back(path);
  PathFacts& facts = facts_.get_or_insert({owned, {}}, hash);
  compute(owned, facts);
  return facts;
}

std::uint32_t PathMemo::group_of(std::string_view path) {
  if (path.empty()) return kNoGroup;
  bool inserted = false;
  std::uint32_t& group = groups_.get_or_insert({path, {}}, &inserted);
  if (inserted) group = static_cast<std::uint32_t>(groups_.size() - 1);
  return group;
}

void PathMemo::compute(std::string_view path, PathFacts& facts) {
  facts.valid = is_valid_path(path);
  if (!facts.valid) return;
  const profile::ProfileState& profile = *context_.profile;
  const profile::Taxonomy& taxonomy = profile.taxonomy();
  facts.blocked = profile.preferences().blocks_path(path);
  facts.sensitive = taxonomy.is_sensitive(path);
  facts.kind = taxonomy.kind(path);
  facts.group = group_of(path);
  facts.parent_group = group_of(parent_of(path));
  if (!context_.index->personal()) return;

  const std::int64_t now_ms = context_.valued_at_ms;
  const ProfileIndex& index = *context_.index;
  const RankingParams& params = *context_.params;
  facts.suppressed_until = profile.suppressions().path_until(path);
  facts.stated = index.path_preference(path);

  // Interest: the path's own, or an ancestor's discounted per level,
  // whichever is strongest; a negative own interest (dismissals) counts
  // only when nothing positive does.
  const std::size_t depth = profile::segment_count(path);
  double best = 0;
  profile::any_prefix(path, [&](std::string_view prefix) {
    const double own = index.category(prefix);
    const double discounted = own * std::pow(params.parent_backoff, static_cast<double>(depth - profile::segment_count(prefix)));
    if (discounted > best) {
      best = discounted;
      facts.interest_path = prefix;
    }
    return false;
  });
  const double own = index.category(path);
  facts.engaged = own > 0;
  if (best <= 0 && own < 0) {
    best = own;
    facts.interest_path = path;
  }
  // Positive: the path's share of the person's interest, so that a
  // shopper who buys from forty categories every week does not read as
  // fully interested in all of them. Negative (dismissals only): saturated.
  facts.interest = best > 0 ? interest_share(best, index.category_total(), params.interest_saturation)
                            : saturate(best, params.interest_saturation);

  if (context_.learned != nullptr && context_.learned->time_of_day.size() > 0) {
    // The most specific histogram on the path, discounted per level above it.
    const HourHistogram* deepest = nullptr;
    std::string_view deepest_path;
    profile::any_prefix(path, [&](std::string_view prefix) {
      if (const HourHistogram* histogram = context_.learned->time_of_day.find(prefix)) {
        deepest = histogram;
        deepest_path = prefix;
      }
      return false;
    });
    if (deepest != nullptr) {
      if (!usual_hour_share_) usual_hour_share_ = usual_share_near(context_.learned->time_of_day, now_ms, params);
      const double levels = static_cast<double>(depth - profile::segment_count(deepest_path));
      facts.time_of_day = time_of_day_value(*deepest, now_ms, params, *usual_hour_share_) * std::pow(params.parent_backoff, levels);
      facts.time_of_day_path = deepest_path;
    }
  }
}

}  // namespace confidant::ranking

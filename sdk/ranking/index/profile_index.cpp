#include "ranking/index/profile_index.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace confidant::ranking {

ProfileIndex::ProfileIndex(const profile::ProfileState& profile, const LearnedState* learned,
                           std::int64_t valued_at_ms, bool personal, bool sensitive_granted)
    : personal_(personal), sensitive_granted_(sensitive_granted) {
  if (personal_) {
    add_terms(profile, valued_at_ms);
    rank_recent_items();
    total_categories();
  }
  for (const profile::StoredPreference* preference : profile.preferences().in_stated_order()) {
    add_preference(*preference);
  }
  if (!personal_) return;
  add_suppressions(profile);
  if (learned != nullptr) add_impressions(*learned, valued_at_ms);
  usual_ = profile.usual(valued_at_ms);
  total_attributes();
}

template <typename Value>
Value& ProfileIndex::entry(text::FlatMap<Value>& map, std::string_view first, std::string_view second) {
  const text::TextKey key{first, second};
  const std::uint64_t hash = key.hash();
  if (Value* found = map.find(key, hash)) return *found;
  return map.get_or_insert({keys_.keep(first), keys_.keep(second)}, hash);
}

void ProfileIndex::add_terms(const profile::ProfileState& profile, std::int64_t valued_at_ms) {
  const profile::ModelParams& params = profile.params();
  const profile::TermTable& terms = profile.terms();
  items_.reserve(terms.size() / 2);
  // One pass. ExactSum: the same stored terms give the same numbers whatever
  // order the hash maps iterate in, so two equal candidates never swap
  // places after a restart.
  terms.for_each([&](const profile::RowKey& key, const profile::Term& term) {
    if (key.sensitive && !sensitive_granted_) return;
    switch (key.kind) {
      case profile::TargetKind::kCategory: {
        const double score = term.decayed.at(valued_at_ms, params.half_life_ms(key.type));
        profile::any_prefix(key.key, [&](std::string_view prefix) {
          entry(categories_, prefix) += score;
          return false;
        });
        break;
      }
      case profile::TargetKind::kAttribute:
        entry(attributes_, key.key, key.value).interest += term.decayed.at(valued_at_ms, params.half_life_ms(key.type));
        break;
      case profile::TargetKind::kItem: {
        ItemFacts& item = entry(items_, key.key);
        item.has_terms = true;
        if (key.type == SignalType::kImpression) {
          item.impressions += term.count;  // weight 0: no decay to compute
          break;
        }
        const double score = term.decayed.at(valued_at_ms, params.half_life_ms(key.type));
        item.score += score;
        item.last_ms = std::max(item.last_ms, term.last_ms);
        if (key.type == SignalType::kPurchase) item.purchase += score;
        break;
      }
    }
  });
}

void ProfileIndex::add_preference(const profile::StoredPreference& preference) {
  const profile::Target& target = preference.target;
  const bool block = preference.kind == PreferenceKind::kBlock;
  // A block narrows every list; likes and dislikes are personal, and a
  // sensitive one needs the grant.
  if (!block && (!personal_ || (preference.sensitive && !sensitive_granted_))) return;
  const Stated* stated = nullptr;
  if (!block) {
    stated = &stated_.emplace_back(Stated{preference.kind == PreferenceKind::kLike, target.kind, target.text,
                                          target.key, target.value, preference.text});
  }
  switch (target.kind) {
    case profile::TargetKind::kItem: {
      ItemFacts& item = entry(items_, target.key);
      if (block) {
        item.blocked = true;
      } else {
        item.stated = stated;
      }
      break;
    }
    case profile::TargetKind::kAttribute: {
      AttributeFacts& attribute = entry(attributes_, target.key, target.value);
      if (block) {
        attribute.blocked = true;
      } else {
        attribute.stated = stated;
      }
      break;
    }
    case profile::TargetKind::kCategory:
      // Blocks on paths are answered per distinct path (path_facts.hpp).
      if (!block) entry(path_preferences_, target.key) = stated;
      break;
  }
}

void ProfileIndex::add_suppressions(const profile::ProfileState& profile) {
  profile.suppressions().rows().for_each([this](const profile::RowKey& key, const profile::SuppressionSpan& span) {
    if (key.kind != profile::TargetKind::kItem) return;  // paths: path_until(), per distinct path
    if (key.sensitive && !sensitive_granted_) return;
    ItemFacts& item = entry(items_, key.key);
    item.suppressed_until = std::max(item.suppressed_until, span.until_ms);
  });
}

void ProfileIndex::add_impressions(const LearnedState& learned, std::int64_t valued_at_ms) {
  const std::int64_t today = utc_day(valued_at_ms);
  learned.impressions.for_each([&](const std::string& id, const DayCount& count) {
    if (count.day == today) entry(items_, id).shown_today = count.count;
  });
}

void ProfileIndex::rank_recent_items() {
  // The most recent positive items, newest first; items of one moment (a
  // basket) share a rank: the rank counts the distinct times before it.
  std::vector<std::pair<std::int64_t, ItemFacts*>> positive;
  items_.for_each([&](const text::TextKey&, ItemFacts& item) {
    if (item.score.value() > 0) positive.emplace_back(item.last_ms, &item);
  });
  const std::size_t kept = std::min(positive.size(), kRecentItems);
  const auto newer = [](const auto& a, const auto& b) { return a.first > b.first; };
  std::partial_sort(positive.begin(), positive.begin() + static_cast<std::ptrdiff_t>(kept), positive.end(), newer);
  std::size_t rank = 0;
  for (std::size_t i = 0; i < kept; ++i) {
    if (i > 0 && positive[i].first != positive[i - 1].first) ++rank;
    positive[i].second->recent_rank = static_cast<std::int32_t>(rank);
  }
}

void ProfileIndex::total_categories() {
  categories_.for_each([this](const text::TextKey& key, const profile::ExactSum& sum) {
    const double interest = sum.value();
    if (interest > 0 && key.first.find('/') == std::string_view::npos) category_total_ += interest;
  });
}

void ProfileIndex::total_attributes() {
  text::FlatMap<double> totals;
  attributes_.for_each([&](const text::TextKey& key, AttributeFacts& facts) {
    const double interest = facts.interest.value();
    if (interest > 0) totals.get_or_insert({key.first, {}}) += interest;
  });
  attributes_.for_each([&](const text::TextKey& key, AttributeFacts& facts) {
    if (const double* total = totals.find({key.first, {}})) facts.attribute_total = *total;
  });
}

double ProfileIndex::category(std::string_view path) const noexcept {
  const profile::ExactSum* sum = categories_.find({path, {}});
  return sum == nullptr ? 0.0 : sum->value();
}

const Stated* ProfileIndex::path_preference(std::string_view path) const noexcept {
  if (path_preferences_.empty()) return nullptr;
  const Stated* nearest = nullptr;
  profile::any_prefix(path, [&](std::string_view prefix) {
    if (const auto* found = path_preferences_.find({prefix, {}})) nearest = *found;  // deeper ones come later
    return false;
  });
  return nearest;
}

}  // namespace confidant::ranking

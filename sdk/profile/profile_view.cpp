// ProfileState::view(): the profile as the person reads it. What is stated
// comes back verbatim; what is inferred comes with the reason in plain words;
// nothing under a block is shown as an interest or a usual.
#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "profile/explain.hpp"
#include "profile/interest_tally.hpp"
#include "profile/profile_state.hpp"

namespace confidant::profile {
namespace {

// Stated preferences outrank inference, so an interest the person also
// stated a like for is listed first, and one they said they dislike last.
enum class Standing : int { kLiked = 0, kInferred = 1, kDisliked = 2 };

struct RankedInterest {
  Standing standing = Standing::kInferred;
  Interest interest;
};

Standing standing_of(const StoredPreference* stated) {
  if (stated == nullptr) return Standing::kInferred;
  return stated->kind == PreferenceKind::kDislike ? Standing::kDisliked : Standing::kLiked;
}

RankedInterest ranked(std::string target, std::string_view label, const TargetTally& tally,
                      const StoredPreference* stated, const ModelParams& params, std::int64_t now_ms) {
  const SignalType verb_type = tally.dominant_type();
  const TypeTally& verb = tally.by_type[static_cast<std::size_t>(verb_type)];
  const std::string activity = describe_activity(verb_type, verb.count, verb.last_ms, now_ms, params.recent_ms());
  RankedInterest entry;
  entry.standing = standing_of(stated);
  entry.interest.explanation = explain_interest(label, activity, stated ? &stated->kind : nullptr);
  entry.interest.target = std::move(target);
  entry.interest.score = tally.score.value();
  entry.interest.signals = tally.count;
  entry.interest.last_ms = tally.last_ms;
  return entry;
}

}  // namespace

Profile ProfileState::view(std::int64_t now_ms, bool paused) const {
  Profile profile;
  profile.as_of_ms = now_ms;
  profile.paused = paused;

  for (const StoredPreference* p : preferences_.in_stated_order()) {
    const std::string label = label_of(*taxonomy_, p->target.kind, p->target.key, p->target.value);
    profile.preferences.push_back({p->kind, p->target.text, p->text, p->at_ms, explain_preference(p->kind, label)});
  }

  const InterestTally tally = interest_tally(terms_, *params_, now_ms);
  std::vector<RankedInterest> interests;
  for (const auto& [path, of_path] : tally.categories) {
    if (of_path.score.value() < params_->view_min_score || preferences_.blocks_path(path)) continue;
    interests.push_back(ranked(path, taxonomy_->label(path), of_path, preferences_.stated_about_path(path), *params_,
                               now_ms));
  }
  for (const auto& [text, of_attribute] : tally.attributes) {
    if (of_attribute.score.value() < params_->view_min_score) continue;
    const std::size_t eq = text.find('=');  // keys never contain '='
    const std::string_view key = std::string_view(text).substr(0, eq);
    const std::string_view value = std::string_view(text).substr(eq + 1);
    if (preferences_.blocks_attribute(key, value)) continue;
    const StoredPreference* stated = preferences_.find(text);
    if (stated != nullptr && stated->kind == PreferenceKind::kBlock) stated = nullptr;
    interests.push_back(ranked(text, label_of(*taxonomy_, TargetKind::kAttribute, key, value), of_attribute, stated,
                               *params_, now_ms));
  }
  std::sort(interests.begin(), interests.end(), [](const RankedInterest& a, const RankedInterest& b) {
    return std::tie(a.standing, b.interest.score, a.interest.target) <
           std::tie(b.standing, a.interest.score, b.interest.target);
  });
  if (interests.size() > params_->view_max_interests) interests.resize(params_->view_max_interests);
  for (RankedInterest& entry : interests) profile.interests.push_back(std::move(entry.interest));

  for (const UsualChoice& choice : usual(now_ms)) {
    const std::string label = label_of(*taxonomy_, TargetKind::kAttribute, choice.attribute, choice.value);
    profile.usual.push_back({choice.attribute, choice.value, choice.orders, choice.share,
                             explain_usual(label, choice.orders, choice.attribute_orders)});
  }

  // One entry per (target, reason): rows split only by the sensitive flag
  // are one fact to the person.
  std::map<std::pair<std::string, SignalType>, SuppressionSpan> active;
  suppressions_.rows().for_each([&](const RowKey& key, const SuppressionSpan& span) {
    if (span.until_ms <= now_ms) return;
    SuppressionSpan& merged = active[{target_text(key.kind, key.key, key.value), key.type}];
    merged.since_ms = std::max(merged.since_ms, span.since_ms);
    merged.until_ms = std::max(merged.until_ms, span.until_ms);
  });
  for (const auto& [target_and_reason, span] : active) {
    const auto& [target, reason] = target_and_reason;
    const bool is_item = target.compare(0, kItemPrefix.size(), kItemPrefix) == 0;
    const std::string label = is_item ? target.substr(kItemPrefix.size()) : taxonomy_->label(target);
    profile.suppressions.push_back(
        {target, reason, span.since_ms, span.until_ms, explain_suppression(label, reason, is_item)});
  }
  std::stable_sort(profile.suppressions.begin(), profile.suppressions.end(),
                   [](const Suppression& a, const Suppression& b) { return a.until_ms < b.until_ms; });
  return profile;
}

}  // namespace confidant::profile

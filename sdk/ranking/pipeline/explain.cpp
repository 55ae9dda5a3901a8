#include "ranking/pipeline/explain.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>

#include "profile/target.hpp"
#include "signals/signal.hpp"

namespace confidant::ranking {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;

Reason make(std::string code, std::string text, std::map<std::string, std::string> params = {}) {
  return {std::move(code), std::move(text), std::move(params)};
}

std::string attribute_label(std::string_view key, std::string_view value) {
  return std::string(value) + " " + std::string(key);
}

// What the person did most with an item, by decayed weight: the verb of
// "You've ordered this before". Only for the few results shown.
SignalType dominant_item_type(const profile::ProfileState& profile, std::string_view id, std::int64_t now_ms) {
  constexpr std::array<SignalType, 8> kTypes = {SignalType::kOrder,     SignalType::kPurchase, SignalType::kVisit,
                                                SignalType::kAddToCart, SignalType::kClick,    SignalType::kView,
                                                SignalType::kRate,      SignalType::kSearch};
  SignalType best = SignalType::kView;
  double best_score = 0;
  for (const SignalType type : kTypes) {
    double score = 0;
    for (const bool sensitive : {false, true}) {
      if (const profile::Term* term = profile.terms().find({profile::TargetKind::kItem, type, sensitive, id, {}})) {
        score += term->decayed.at(now_ms, profile.params().half_life_ms(type));
      }
    }
    if (score > best_score) {
      best_score = score;
      best = type;
    }
  }
  return best;
}

std::string history_text(SignalType type) {
  switch (type) {
    case SignalType::kOrder: return "You've ordered this before";
    case SignalType::kPurchase: return "You've bought this before";
    case SignalType::kVisit: return "You've been here before";
    case SignalType::kAddToCart: return "You added this to your cart";
    case SignalType::kRate: return "You rated this highly";
    case SignalType::kSearch: return "You searched for this";
    default: return "You looked at this recently";
  }
}

std::string past_tense(SignalType type) {
  switch (type) {
    case SignalType::kOrder: return "ordered";
    case SignalType::kPurchase: return "bought";
    case SignalType::kVisit: return "visited";
    case SignalType::kAddToCart: return "added to your cart";
    case SignalType::kRate: return "rated";
    case SignalType::kSearch: return "searched for";
    default: return "looked at";
  }
}

std::string part_of_day_phrase(std::string_view part) {
  if (part == "morning") return "in the morning";
  if (part == "midday") return "around midday";
  if (part == "afternoon") return "in the afternoon";
  if (part == "evening") return "in the evening";
  return "at night";
}

Reason stated_reason(const Stated& stated, const profile::Taxonomy& taxonomy) {
  std::string text;
  switch (stated.kind) {
    case profile::TargetKind::kCategory:
      text = (stated.like ? "You told us you like " : "You told us you don't like ") + taxonomy.label(stated.key);
      break;
    case profile::TargetKind::kAttribute:
      text = (stated.like ? "You told us you prefer " : "You told us you'd rather not have ") +
             attribute_label(stated.key, stated.value);
      break;
    case profile::TargetKind::kItem:
      text = stated.like ? "You told us you like this" : "You told us you don't like this";
      break;
  }
  std::map<std::string, std::string> params{{"target", stated.target}};
  if (!stated.words.empty()) params.emplace("words", stated.words);
  return make(stated.like ? "stated_like" : "stated_dislike", std::move(text), std::move(params));
}

std::string usual_attributes(const Candidate& candidate, const std::vector<profile::UsualChoice>& choices,
                             std::string& labels) {
  std::string targets;
  for (const profile::UsualChoice& usual : choices) {
    const auto it = candidate.attrs.find(usual.attribute);
    if (it == candidate.attrs.end() || it->second != usual.value) continue;
    if (!targets.empty()) {
      targets += ',';
      labels += ", ";
    }
    targets += usual.attribute + "=" + usual.value;
    labels += attribute_label(usual.attribute, usual.value);
  }
  return targets;
}

// The reason for one component's contribution; empty code when the
// component is not explained (novelty: too weak to be a reason on its own).
Reason component_reason(Component component, const Candidate& candidate, const Evaluation& evaluation,
                        const ExplainContext& context) {
  const profile::ProfileState& profile = *context.profile;
  const profile::Taxonomy& taxonomy = profile.taxonomy();
  switch (component) {
    case Component::kCategoryInterest:
      return make("category_interest", "Based on your interest in " + taxonomy.label(evaluation.interest_path),
                  {{"category", std::string(evaluation.interest_path)}});
    case Component::kUsual: {
      std::string labels;
      std::string targets = usual_attributes(candidate, *context.usual, labels);
      if (targets.empty()) return {};
      return make("usual_attribute", "Your usual: " + labels, {{"attributes", std::move(targets)}});
    }
    case Component::kAttributeInterest:
      return make("attribute_interest",
                  "Based on your interest in " + attribute_label(evaluation.attribute_key, evaluation.attribute_value),
                  {{"attribute", std::string(evaluation.attribute_key) + "=" + std::string(evaluation.attribute_value)}});
    case Component::kItemHistory: {
      const SignalType type = dominant_item_type(profile, candidate.id, context.now_ms);
      return make("item_history", history_text(type), {{"verb", std::string(signals::name(type))}});
    }
    case Component::kRelatedToRecent: {
      const SignalType type = dominant_item_type(profile, evaluation.related_item, context.now_ms);
      return make("related_to_recent", "Related to something you " + past_tense(type) + " recently",
                  {{"item", std::string(evaluation.related_item)}, {"verb", std::string(signals::name(type))}});
    }
    case Component::kRelatedToItem:
      return make("related_to_item", "Goes with the item you are looking at", {{"item", context.request->slot.item}});
    case Component::kPopularity:
      if (candidate.popularity < context.params->popular_min) return {};
      return make("popular", "Popular right now");
    case Component::kTimeOfDay: {
      const HourHistogram* histogram =
          context.learned == nullptr ? nullptr : context.learned->time_of_day.find(evaluation.time_of_day_path);
      if (histogram == nullptr) return {};
      const int local_hour =
          utc_hour(context.now_ms + static_cast<std::int64_t>(context.request->utc_offset_minutes) * kMinuteMs);
      const std::string_view part = part_of_day(local_hour);
      const Engagement engagement = histogram->dominant();
      const std::string verb = engagement == Engagement::kOrder   ? "order this"
                               : engagement == Engagement::kVisit ? "come here"
                                                                  : "look at this";
      return make("time_of_day", "You often " + verb + " " + part_of_day_phrase(part),
                  {{"part_of_day", std::string(part)}, {"category", std::string(evaluation.time_of_day_path)}});
    }
    case Component::kMoment:
      if (context.moment == nullptr) return {};
      return make("moment", std::string(context.moment->text), {{"moment", std::string(context.moment->name)}});
    case Component::kNovelty: return {};
    case Component::kPlace:
      return make("at_this_place", "You often order this here",
                  {{"place", context.request->place}, {"category", std::string(evaluation.place_path)}});
  }
  return {};
}

Reason fallback_reason(const Candidate& candidate, const RankingParams& params) {
  if (candidate.popularity >= params.popular_min) return make("popular", "Popular right now");
  return make("general", "Recommended for everyone");
}

}  // namespace

std::vector<Reason> reasons_for(const Candidate& candidate, const Evaluation& evaluation, const ExplainContext& context,
                                bool exploration) {
  const RankingParams& params = *context.params;
  // Every term that may explain the score, with its strength; the texts are
  // built afterwards, strongest first, only until max_reasons are found (a
  // reason costs several strings, and most terms are never shown).
  enum class Source : std::uint8_t { kExploration, kStated, kComponent };
  struct Term {
    double strength;
    Source source;
    std::uint8_t index;  // into evaluation.stated, or the component
  };
  std::array<Term, 1 + kMaxStated + kComponentCount> terms{};
  std::size_t count = 0;
  if (exploration) terms[count++] = {params.stated_weight * 2, Source::kExploration, 0};
  if (context.personal) {
    for (std::size_t i = 0; i < evaluation.stated_count; ++i) {
      const double strength = evaluation.stated[i]->like ? params.stated_weight : -params.stated_weight;
      terms[count++] = {strength, Source::kStated, static_cast<std::uint8_t>(i)};
    }
  }
  for (std::size_t i = 0; i < kComponentCount; ++i) {
    const auto component = static_cast<Component>(i);
    if (!context.personal && component != Component::kPopularity && component != Component::kRelatedToItem) continue;
    const double contribution = (*context.weights)[i] * evaluation.values[i];
    if (contribution < params.reason_min_contribution) continue;
    terms[count++] = {contribution, Source::kComponent, static_cast<std::uint8_t>(i)};
  }
  // Strongest first, by size: a stated dislike is the strongest reason a
  // disliked item sits where it does. Stable: equal strengths keep the
  // order above (exploration, stated, then by component).
  std::stable_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(count),
                   [](const Term& a, const Term& b) { return std::abs(a.strength) > std::abs(b.strength); });

  std::vector<Reason> reasons;
  bool about_the_person = false;  // a reason drawn from what the person shared or told us
  for (std::size_t t = 0; t < count && reasons.size() < params.max_reasons; ++t) {
    Reason reason;
    switch (terms[t].source) {
      case Source::kExploration:
        reason = make("new_for_you", "New for you",
                      {{"category", candidate.categories.empty() ? std::string() : candidate.categories.front()}});
        break;
      case Source::kStated:
        reason = stated_reason(*evaluation.stated[terms[t].index], context.profile->taxonomy());
        break;
      case Source::kComponent:
        // Empty when the component has nothing to say (novelty, say).
        reason = component_reason(static_cast<Component>(terms[t].index), candidate, evaluation, context);
        break;
    }
    if (reason.code.empty()) continue;
    const bool general = terms[t].source == Source::kComponent &&
                         (terms[t].index == index_of(Component::kPopularity) ||
                          terms[t].index == index_of(Component::kRelatedToItem));
    if (!general) about_the_person = true;
    reasons.push_back(std::move(reason));
  }
  if (reasons.empty()) reasons.push_back(fallback_reason(candidate, params));
  // A personal list whose item owes nothing to the person says so, rather
  // than letting "Popular right now" pass for personalization.
  if (context.personal && !about_the_person && reasons.size() < params.max_reasons) {
    reasons.push_back(make("no_personal_evidence", "Not personalized: nothing you've shared points to this yet"));
  }
  return reasons;
}

Reason filter_reason(const Candidate& candidate, FilterReason reason, const ExplainContext& context) {
  const profile::ProfileState& profile = *context.profile;
  switch (reason) {
    case FilterReason::kNone: break;
    case FilterReason::kBlocked: return make("blocked", "You asked us not to personalize this");
    case FilterReason::kSensitive:
      return make("sensitive", "Sensitive, and you have not allowed us to use sensitive categories");
    case FilterReason::kSameItem:
      return make("same_item", "It is the item you are looking at", {{"item", context.request->slot.item}});
    case FilterReason::kNearDuplicate:
      return make("near_duplicate", "Too similar to the item you are looking at",
                  {{"item", context.request->slot.item}});
    case FilterReason::kShownOften: {
      const std::int64_t shown =
          context.learned == nullptr ? 0 : context.learned->impressions.shown_on_day_of(candidate.id, context.now_ms);
      return make("shown_often", "Already shown to you " + std::to_string(shown) + " times today",
                  {{"count", std::to_string(shown)}});
    }
    case FilterReason::kSuppressed: {
      // Which suppression: the active one ending last, on the item or one
      // of its paths (or their ancestors).
      SignalType why = SignalType::kDismiss;
      std::int64_t until = 0;
      profile.suppressions().rows().for_each([&](const profile::RowKey& key, const profile::SuppressionSpan& span) {
        if (span.until_ms <= context.now_ms || span.until_ms <= until) return;
        bool covers = key.kind == profile::TargetKind::kItem && key.key == candidate.id;
        for (const std::string& path : candidate.categories) {
          covers = covers || (key.kind == profile::TargetKind::kCategory && profile::is_under(path, key.key));
        }
        if (!covers) return;
        why = key.type;
        until = span.until_ms;
      });
      if (why == SignalType::kAlreadyHave) return make("already_have", "You told us you already have this");
      if (why == SignalType::kPurchase) return make("bought", "You bought this recently");
      return make("dismissed", "You dismissed this recently");
    }
  }
  return fallback_reason(candidate, *context.params);
}

}  // namespace confidant::ranking

#include "ranking/pipeline/evaluate.hpp"

#include <algorithm>
#include <bit>

namespace confidant::ranking {
namespace {

profile::ItemKind to_item_kind(CandidateKind kind) noexcept {
  switch (kind) {
    case CandidateKind::kConsumable: return profile::ItemKind::kConsumable;
    case CandidateKind::kExperience: return profile::ItemKind::kExperience;
    case CandidateKind::kDurable: break;
  }
  return profile::ItemKind::kDurable;
}

double related_weight(const Candidate& from, const std::string& to) {
  if (from.related.empty()) return 0;
  const auto it = from.related.find(to);
  return it == from.related.end() ? 0.0 : it->second;
}

// Positive evidence wins over negative: "the strongest reason to show it",
// unless there is none and something speaks against it.
struct Strongest {
  double positive = 0;
  double negative = 0;
  // true when `value` became the answer.
  bool add(double value) noexcept {
    const double before = this->value();
    positive = std::max(positive, value);
    negative = std::min(negative, value);
    return this->value() != before;
  }
  double value() const noexcept { return positive > 0 ? positive : negative; }
};

void add_stated(Evaluation& out, const Stated* preference) {
  if (preference == nullptr) return;
  for (std::size_t i = 0; i < out.stated_count; ++i) {
    if (out.stated[i] == preference) return;  // two paths under one liked ancestor: one like
  }
  if (out.stated_count == out.stated.size()) return;
  out.stated[out.stated_count++] = preference;
  out.stated_net += preference->like ? 1 : -1;
}

bool near_duplicate(const Candidate& candidate, const CallContext& context) {
  const RankingParams& params = *context.params;
  if (related_weight(candidate, *context.anchor_id) >= params.near_duplicate_relatedness) return true;
  const Candidate* anchor = context.anchor;
  if (anchor == nullptr) return false;
  if (related_weight(*anchor, candidate.id) >= params.near_duplicate_relatedness) return true;
  // The same thing under another id: same first category, same attributes.
  // Without attributes, sharing a category is what a related slot is for.
  return !candidate.attrs.empty() && !candidate.categories.empty() && !anchor->categories.empty() &&
         candidate.categories.front() == anchor->categories.front() && candidate.attrs == anchor->attrs;
}

// What the candidate's category paths say, folded over its paths.
struct PathEvidence {
  Strongest interest;
  double time_of_day = 0;
  double place = 0;
  double moment = 0;
  std::int64_t suppressed_until = 0;
  std::optional<profile::ItemKind> kind;
  bool blocked = false;
};

// Returns false when a path is invalid or repeated (out.bad_path says which).
bool read_paths(const ScannedCandidate& scanned, const CallContext& context, PathMemo& paths, Evaluation& out,
                PathEvidence& evidence) {
  const bool personal = context.index->personal();
  const auto& categories = scanned.candidate->categories;
  for (std::size_t i = 0; i < categories.size(); ++i) {
    for (std::size_t k = 0; k < i; ++k) {
      if (text::same_text(categories[k], categories[i])) {
        out.bad_path = i;
        out.duplicate_of = k;
        return false;
      }
    }
    // Used up before the next lookup: a new path may move the memo's entries.
    const PathFacts& facts = paths.facts(categories[i], scanned.path_hashes[i]);
    if (!facts.valid) {
      out.bad_path = i;
      return false;
    }
    evidence.blocked = evidence.blocked || facts.blocked;
    out.sensitive = out.sensitive || facts.sensitive;
    if (i == 0) {
      out.group = facts.group;
      out.parent_group = facts.parent_group;
    }
    if (!evidence.kind) evidence.kind = facts.kind;
    if (!personal) continue;
    evidence.suppressed_until = std::max(evidence.suppressed_until, facts.suppressed_until);
    if (evidence.interest.add(facts.interest)) out.interest_path = facts.interest_path;
    if (facts.time_of_day > evidence.time_of_day) {
      evidence.time_of_day = facts.time_of_day;
      out.time_of_day_path = facts.time_of_day_path;
    }
    if (context.place != nullptr) {
      std::string_view found;
      const double value = place_value(*context.place, categories[i], context.now_ms, *context.params, found);
      if (value > evidence.place) {
        evidence.place = value;
        out.place_path = found;
      }
    }
    if (context.moment != nullptr) evidence.moment = std::max(evidence.moment, moment_boost(*context.moment, categories[i]));
    out.engaged = out.engaged || facts.engaged;
    add_stated(out, facts.stated);
  }
  return true;
}

}  // namespace

void Evaluation::reset() noexcept {
  bad_path = kNoPath;
  duplicate_of = kNoPath;
  filtered = FilterReason::kNone;
  score = 0;
  score_without_usual = 0;
  usual_named = 0;
  usual_matched = 0;
  values = {};
  stated_net = 0;
  sensitive = false;
  engaged = false;
  group = kNoGroup;
  parent_group = kNoGroup;
  kind = profile::ItemKind::kDurable;
  stated_count = 0;
  interest_path = {};
  time_of_day_path = {};
  place_path = {};
  attribute_key = {};
  attribute_value = {};
  related_item = {};
}

void evaluate(const ScannedCandidate& scanned, const CallContext& context, PathMemo& paths, Evaluation& out) {
  out.reset();
  const Candidate& candidate = *scanned.candidate;
  const ProfileIndex& index = *context.index;
  const RankingParams& params = *context.params;
  const bool personal = index.personal();
  out.sensitive = candidate.sensitive;

  PathEvidence evidence;
  if (!read_paths(scanned, context, paths, out, evidence)) return;

  // ---- filters that hold for every ranking ----
  const ItemFacts* item = index.has_items() ? index.item(candidate.id, scanned.id_hash) : nullptr;
  if (evidence.blocked || (item != nullptr && item->blocked)) {
    out.filtered = FilterReason::kBlocked;
    return;
  }
  // Attribute facts, looked up once: blocks now, the rest below. A plain
  // array, left uninitialized: filling sixteen empty entries per candidate
  // showed in the profile.
  const std::size_t attribute_count = scanned.attribute_count;
  const AttributeFacts* attribute_facts[kMaxAttributes];
  for (std::size_t a = 0; a < attribute_count; ++a) {
    const AttributeFacts* facts = nullptr;
    if (index.has_attributes()) {
      const auto& [key, value] = *scanned.attributes[a];
      facts = index.attribute({key, value}, scanned.attribute_hashes[a]);
      if (facts != nullptr && facts->blocked) {
        out.filtered = FilterReason::kBlocked;
        return;
      }
    }
    attribute_facts[a] = facts;
  }
  if (out.sensitive && !context.sensitive_granted) {
    out.filtered = FilterReason::kSensitive;
    return;
  }
  double related_to_item = 0;
  if (context.anchor_id != nullptr) {
    if (candidate.id == *context.anchor_id) {
      out.filtered = FilterReason::kSameItem;
      return;
    }
    if (near_duplicate(candidate, context)) {
      out.filtered = FilterReason::kNearDuplicate;
      return;
    }
    related_to_item = related_weight(candidate, *context.anchor_id);
    if (context.anchor != nullptr) related_to_item = std::max(related_to_item, related_weight(*context.anchor, candidate.id));
  }

  ComponentVector& values = out.values;
  values[index_of(Component::kPopularity)] = candidate.popularity;
  values[index_of(Component::kRelatedToItem)] = related_to_item;
  if (!personal) {
    out.score = context.weights[index_of(Component::kPopularity)] * candidate.popularity +
                context.weights[index_of(Component::kRelatedToItem)] * related_to_item;
    return;
  }

  // ---- filters that read the profile ----
  if (evidence.suppressed_until > context.now_ms || (item != nullptr && item->suppressed_until > context.now_ms)) {
    out.filtered = FilterReason::kSuppressed;
    return;
  }
  if (item != nullptr && params.max_impressions_per_day > 0 && item->shown_today >= params.max_impressions_per_day) {
    out.filtered = FilterReason::kShownOften;
    return;
  }

  // ---- the person's evidence ----
  out.kind = candidate.kind ? to_item_kind(*candidate.kind) : evidence.kind.value_or(profile::ItemKind::kDurable);
  if (item != nullptr) add_stated(out, item->stated);
  Strongest attribute;
  std::uint32_t usual_named = 0;
  std::uint32_t usual_matched = 0;
  for (std::size_t a = 0; a < attribute_count; ++a) {
    const auto& [key, value] = *scanned.attributes[a];
    if (const AttributeFacts* facts = attribute_facts[a]) {
      add_stated(out, facts->stated);
      const double interest = facts->interest.value();
      // As for categories: a value's share of the person's interest in the
      // attribute, shrunk (path_facts.hpp); dismissals saturated.
      if (attribute.add(interest > 0 ? interest_share(interest, facts->attribute_total, params.interest_saturation)
                                     : saturate(interest, params.interest_saturation))) {
        out.attribute_key = key;
        out.attribute_value = value;
      }
    }
    const std::vector<profile::UsualChoice>& usuals = index.usual();
    for (std::size_t u = 0; u < usuals.size() && u < kMaxUsuals; ++u) {
      if (!text::same_text(usuals[u].attribute, key)) continue;
      usual_named |= 1u << u;
      if (text::same_text(usuals[u].value, value)) usual_matched |= 1u << u;
    }
  }

  double item_history = 0;
  double novelty = 1;
  if (item != nullptr && item->has_terms) {
    // A durable bought once is no reason to buy it again (its suppression
    // has ended if it is here); a consumable ordered before is.
    const double score = item->score.value();
    const double counted = out.kind == profile::ItemKind::kDurable ? score - item->purchase.value() : score;
    item_history = saturate(counted, params.interest_saturation);
    novelty = score > 0 ? 0.0 : 1.0 / (1.0 + static_cast<double>(item->impressions));
  }

  // The item model over what the person engaged with last: each recent
  // item the candidate relates to adds relatedness × the item's recency
  // weight (1 for the newest moment, halving every recent_half_rank
  // moments), so the last few items matter most and several of them add up,
  // as in item-kNN over recent items; read as sum / (sum + k). The reason
  // names the strongest.
  double related_to_recent = 0;
  if (index.has_items()) {
    double sum = 0;
    double strongest = 0;
    for (std::size_t r = 0; r < scanned.related_count; ++r) {
      const auto& [other, weight] = *scanned.related[r];
      const ItemFacts* related = index.item(other, scanned.related_hashes[r]);
      if (related == nullptr || related->recent_rank == kNotRecent) continue;
      const double value = weight * context.recency_weights[static_cast<std::size_t>(related->recent_rank)];
      if (!(value > 0)) continue;
      sum += value;
      if (value > strongest) {
        strongest = value;
        out.related_item = other;
      }
    }
    related_to_recent = sum / (sum + params.related_saturation);
  }

  values[index_of(Component::kCategoryInterest)] = evidence.interest.value();
  values[index_of(Component::kUsual)] = usual_value(usual_named, usual_matched, context.usual_strength);
  out.usual_named = usual_named;
  out.usual_matched = usual_matched;
  values[index_of(Component::kAttributeInterest)] = attribute.value();
  values[index_of(Component::kItemHistory)] = item_history;
  values[index_of(Component::kRelatedToRecent)] = related_to_recent;
  values[index_of(Component::kTimeOfDay)] = evidence.time_of_day;
  values[index_of(Component::kMoment)] = evidence.moment;
  values[index_of(Component::kNovelty)] = novelty;
  values[index_of(Component::kPlace)] = evidence.place;

  // The usual's term last, so the list's second look can put it back to the
  // bit (with_usual()).
  constexpr std::size_t kUsual = index_of(Component::kUsual);
  double score = params.stated_weight * out.stated_net;
  for (std::size_t i = 0; i < kComponentCount; ++i) {
    if (i != kUsual) score += context.weights[i] * values[i];
  }
  out.score_without_usual = score;
  out.score = with_usual(score, context.weights[kUsual], values[kUsual]);
}

double usual_value(std::uint32_t named, std::uint32_t matched, const std::array<double, kMaxUsuals>& strength) noexcept {
  if (named == 0) return 0;
  double sum = 0;
  for (std::uint32_t bits = matched; bits != 0; bits &= bits - 1) sum += strength[std::countr_zero(bits)];
  return sum / static_cast<double>(std::popcount(named));
}

std::array<double, kMaxUsuals> usual_strengths(const std::vector<profile::UsualChoice>& usuals,
                                               const std::array<std::uint32_t, kMaxUsuals>& matched,
                                               std::uint32_t listed) noexcept {
  std::array<double, kMaxUsuals> strength = filled_ones();
  for (std::size_t u = 0; u < usuals.size() && u < kMaxUsuals; ++u) {
    // The list is a sample of what could be offered: one more item, without
    // the value, keeps a short list (a single item's "why") from reading as
    // a shelf that offers nothing else.
    const double offered = static_cast<double>(matched[u]) / (static_cast<double>(listed) + 1.0);
    const double chosen = usuals[u].share;
    strength[u] = offered >= 1 ? 0.0 : std::clamp((chosen - offered) / (1.0 - offered), 0.0, 1.0);
  }
  return strength;
}

}  // namespace confidant::ranking

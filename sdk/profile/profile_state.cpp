#include "profile/profile_state.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "profile/profile_tables.hpp"
#include "signals/signal.hpp"

namespace confidant::profile {
namespace {

// What a purchase means: the kind of its first category that has one
// (apps list the primary category first), durable when none says — the
// cautious reading, since suppressing a consumable for months would hide the
// person's daily coffee, while a wrongly suppressed durable merely waits.
ItemKind purchase_kind(const Taxonomy& taxonomy, const Signal& signal) {
  for (const std::string& path : signal.categories) {
    if (const auto kind = taxonomy.kind(path)) return *kind;
  }
  return ItemKind::kDurable;
}

bool purged_by(DataCategory category, const RowKey& key) {
  if (category == DataCategory::kSensitive) return key.sensitive;
  return signals::data_category(key.type) == category;
}

}  // namespace

Result<std::unique_ptr<ProfileState>> ProfileState::load(store::Store& store, const Taxonomy& taxonomy,
                                                         const ModelParams& params) {
  if (Status status = check(params); !status) return status;
  std::unique_ptr<ProfileState> state(new ProfileState(taxonomy, params));
  if (Status status = tables::load_terms(store, state->terms_); !status) return status;
  if (Status status = tables::load_suppressions(store, state->suppressions_); !status) return status;
  if (Status status = tables::load_preferences(store, state->preferences_); !status) return status;
  return state;
}

bool ProfileState::blocks(const Signal& signal) const {
  if (!preferences_.has_blocks()) return false;
  if (signal.item && preferences_.blocks_item(*signal.item)) return true;
  return !signal.categories.empty() &&
         std::all_of(signal.categories.begin(), signal.categories.end(),
                     [this](const std::string& path) { return preferences_.blocks_path(path); });
}

void ProfileState::apply(const Signal& signal, bool sensitive) {
  const SignalType type = signal.type;
  if (signals::is_preference(type)) return;
  const std::string_view item = signal.item ? std::string_view(*signal.item) : std::string_view{};
  if (!item.empty() && preferences_.blocks_item(item)) return;

  const Contribution c = contribution(signal);
  const std::int64_t at = signal.at;
  if (type == SignalType::kDismiss && !item.empty()) {
    suppressions_.suppress(TargetKind::kItem, item, SignalType::kDismiss, sensitive, at,
                           params_->dismiss_suppression_ms());
  }
  if (c.owned) suppress_owned(signal, sensitive);
  if (!c.feeds_interest) return;

  if (!item.empty()) terms_.touch({TargetKind::kItem, c.type, sensitive, item, {}}).add(c.weight, at, c.half_life_ms);
  if (!c.feeds_paths) return;
  for (const std::string& path : signal.categories) {
    if (preferences_.blocks_path(path)) continue;
    terms_.touch({TargetKind::kCategory, c.type, sensitive, path, {}}).add(c.weight, at, c.half_life_ms);
  }
  for (const auto& [key, value] : signal.attrs) {
    if (preferences_.blocks_attribute(key, value)) continue;
    terms_.touch({TargetKind::kAttribute, c.type, sensitive, key, value}).add(c.weight, at, c.half_life_ms);
  }
}

ProfileState::Contribution ProfileState::contribution(const Signal& signal) const {
  Contribution c;
  c.type = signal.type;
  c.owned = c.type == SignalType::kAlreadyHave;
  if (c.type == SignalType::kPurchase) {
    switch (purchase_kind(*taxonomy_, signal)) {
      case ItemKind::kConsumable: c.type = SignalType::kOrder; break;  // builds the usual, suppresses nothing
      case ItemKind::kDurable: c.owned = true; break;
      case ItemKind::kExperience: break;
    }
  }
  // Owning something says nothing of taste; it only suppresses.
  c.feeds_interest = c.type != SignalType::kAlreadyHave;
  // An impression is kept on its item only, for ranking's frequency caps:
  // being shown something is no interest in its categories.
  c.feeds_paths = c.feeds_interest && c.type != SignalType::kImpression;
  c.weight = params_->weight(c.type, signal.rating.value_or(params_->neutral_rating));
  c.half_life_ms = params_->half_life_ms(c.type);
  return c;
}

// The item and its near-duplicates: the signal's paths deep enough to name a
// kind of thing ("electronics/camera/batteries") rather than a department.
void ProfileState::suppress_owned(const Signal& signal, bool sensitive) {
  const SignalType reason = signal.type;  // purchase or already_have
  const std::int64_t period = params_->durable_suppression_ms();
  if (signal.item) {
    suppressions_.suppress(TargetKind::kItem, *signal.item, reason, sensitive, signal.at, period);
  }
  for (const std::string& path : signal.categories) {
    if (segment_count(path) < params_->near_duplicate_min_segments || preferences_.blocks_path(path)) continue;
    suppressions_.suppress(TargetKind::kCategory, path, reason, sensitive, signal.at, period);
  }
}

Status ProfileState::save(store::Store& store) {
  if (Status status = tables::save_terms(store, terms_); !status) return status;
  return tables::save_suppressions(store, suppressions_.rows());
}

Status ProfileState::purge(store::Store& store, DataCategory category) {
  if (category == DataCategory::kPreferences) {
    if (Status status = tables::delete_likes_and_dislikes(store, false); !status) return status;
    preferences_.erase_if([](const StoredPreference& p) { return p.kind != PreferenceKind::kBlock; });
    return Status::ok();
  }
  if (Status status = tables::delete_inferred(store, category); !status) return status;
  const bool sensitive = category == DataCategory::kSensitive;
  if (sensitive) {
    if (Status status = tables::delete_likes_and_dislikes(store, true); !status) return status;
    preferences_.erase_if(
        [](const StoredPreference& p) { return p.sensitive && p.kind != PreferenceKind::kBlock; });
  }
  terms_.erase_if([category](const RowKey& key, const Term&) { return purged_by(category, key); });
  suppressions_.erase_if([category](const RowKey& key, const SuppressionSpan&) { return purged_by(category, key); });
  return Status::ok();
}

Status ProfileState::add_preference(store::Store& store, PreferenceKind kind, const Target& target,
                                    std::string_view text, std::int64_t at_ms) {
  StoredPreference preference;
  preference.kind = kind;
  preference.target = target;
  preference.text = std::string(text);
  preference.at_ms = at_ms;
  preference.seq = preferences_.next_seq();
  preference.sensitive = target.kind == TargetKind::kCategory && taxonomy_->is_sensitive(target.key);

  if (kind == PreferenceKind::kBlock) {
    if (Status status = tables::delete_terms_about(store, target); !status) return status;
  }
  if (Status status = tables::write_preference(store, preference); !status) return status;

  if (kind == PreferenceKind::kBlock) {
    terms_.erase_if([&target](const RowKey& key, const Term&) { return covers(target, key.kind, key.key, key.value); });
  }
  preferences_.put(std::move(preference));
  return Status::ok();
}

Status ProfileState::forget(store::Store& store, const Target& target) {
  const auto forgotten = [&target](const StoredPreference& p) {
    if (p.target.text == target.text) return true;
    return p.kind != PreferenceKind::kBlock && covers(target, p.target.kind, p.target.key, p.target.value);
  };
  std::vector<std::string> preference_targets;
  for (const StoredPreference* p : preferences_.in_stated_order()) {
    if (forgotten(*p)) preference_targets.push_back(p->target.text);
  }

  if (Status status = tables::delete_terms_about(store, target); !status) return status;
  if (Status status = tables::delete_suppressions_about(store, target); !status) return status;
  for (const std::string& text : preference_targets) {
    if (Status status = tables::delete_preference(store, text); !status) return status;
  }

  const auto about = [&target](const RowKey& key, const auto&) { return covers(target, key.kind, key.key, key.value); };
  terms_.erase_if(about);
  suppressions_.erase_if(about);
  preferences_.erase_if(forgotten);
  return Status::ok();
}

}  // namespace confidant::profile

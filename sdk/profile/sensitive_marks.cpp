// ProfileState::mark_sensitive: what was learned under paths a newly
// installed brand config marks sensitive (PRIVACY.md, promise 4).
#include <algorithm>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "profile/profile_state.hpp"
#include "profile/profile_tables.hpp"
#include "signals/signal.hpp"

namespace confidant::profile {
namespace {

using KeySet = std::unordered_set<RowKey, RowKeyHash, RowKeyEqual>;

RowKey flagged(RowKey key) {
  key.sensitive = true;
  return key;
}

void note(std::vector<DataCategory>& categories, SignalType type) {
  const DataCategory category = signals::data_category(type);
  if (std::find(categories.begin(), categories.end(), category) == categories.end()) categories.push_back(category);
}

}  // namespace

Result<std::vector<DataCategory>> ProfileState::mark_sensitive(store::Store& store, const Taxonomy& taxonomy,
                                                               std::span<const Signal> moved, bool keep) {
  std::unordered_set<std::string_view> moved_items;
  for (const Signal& signal : moved) {
    if (signal.item) moved_items.insert(*signal.item);
  }
  // A row all of whose contributions lie under a marked path.
  const auto whole = [&](const RowKey& key) {
    if (key.sensitive) return false;
    switch (key.kind) {
      case TargetKind::kCategory: return taxonomy.is_sensitive(key.key);
      case TargetKind::kItem: return moved_items.contains(key.key);
      case TargetKind::kAttribute: return false;
    }
    return false;
  };
  std::vector<DataCategory> categories;

  // Terms: whole rows first, then the moved signals' share of attribute rows.
  std::vector<std::pair<RowKey, Term>> whole_terms;
  terms_.for_each([&](const RowKey& key, const Term& term) {
    if (whole(key)) whole_terms.emplace_back(key, term);
  });
  KeySet doomed;
  for (auto& [key, term] : whole_terms) {
    note(categories, key.type);
    doomed.insert(key);
    if (keep) terms_.touch(flagged(key).view()).merge(term, params_->half_life_ms(key.type));
  }
  for (const Signal& signal : moved) {
    if (signals::is_preference(signal.type)) continue;
    const Contribution c = contribution(signal);
    if (!c.feeds_paths) continue;
    for (const auto& [attribute, value] : signal.attrs) {
      const RowKeyView key{TargetKind::kAttribute, c.type, false, attribute, value};
      // Missing when a block deleted the row after the signal fed it.
      if (terms_.find(key) == nullptr) continue;
      Term& term = terms_.touch(key);
      term.subtract(c.weight, signal.at, c.half_life_ms);
      if (term.count <= 0) doomed.insert(RowKey::from(key));
      note(categories, c.type);
      if (keep) terms_.touch({key.kind, key.type, true, key.key, key.value}).add(c.weight, signal.at, c.half_life_ms);
    }
  }
  for (const RowKey& key : doomed) {
    if (Status status = tables::delete_term(store, key); !status) return status;
  }
  terms_.erase_if([&doomed](const RowKey& key, const Term&) { return doomed.contains(key); });

  // Suppressions: whole rows (nothing suppresses an attribute).
  std::vector<std::pair<RowKey, SuppressionSpan>> whole_spans;
  suppressions_.rows().for_each([&](const RowKey& key, const SuppressionSpan& span) {
    if (whole(key)) whole_spans.emplace_back(key, span);
  });
  for (const auto& [key, span] : whole_spans) {
    note(categories, key.type);
    if (Status status = tables::delete_suppression(store, key); !status) return status;
  }
  suppressions_.erase_if([&](const RowKey& key, const SuppressionSpan&) { return whole(key); });
  if (keep) {
    for (const auto& [key, span] : whole_spans) {
      suppressions_.suppress(key.kind, key.key, key.type, true, span.since_ms, span.until_ms - span.since_ms);
    }
  }

  // Stated preferences on a marked path: flagged, or (likes and dislikes
  // without the grant) deleted, as a withdrawal of `sensitive` would.
  std::vector<StoredPreference> reflagged;
  std::vector<std::string> dropped;
  for (const StoredPreference* p : preferences_.in_stated_order()) {
    if (p->sensitive || p->target.kind != TargetKind::kCategory || !taxonomy.is_sensitive(p->target.key)) continue;
    if (keep || p->kind == PreferenceKind::kBlock) {
      StoredPreference copy = *p;
      copy.sensitive = true;
      reflagged.push_back(std::move(copy));
    } else {
      dropped.push_back(p->target.text);
    }
  }
  if (!reflagged.empty() || !dropped.empty()) note(categories, SignalType::kLike);
  for (StoredPreference& p : reflagged) {
    if (Status status = tables::write_preference(store, p); !status) return status;
    preferences_.put(std::move(p));
  }
  for (const std::string& target : dropped) {
    if (Status status = tables::delete_preference(store, target); !status) return status;
  }
  preferences_.erase_if([&dropped](const StoredPreference& p) {
    return std::find(dropped.begin(), dropped.end(), p.target.text) != dropped.end();
  });

  if (Status status = save(store); !status) return status;
  return categories;
}

}  // namespace confidant::profile

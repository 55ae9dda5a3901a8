#include "profile/profile_tables.hpp"

#include <string>
#include <utility>

#include "consent/types.hpp"
#include "signals/signal.hpp"
#include "store/rows.hpp"

namespace confidant::profile::tables {
namespace {

// A row the store holds but this build cannot read: refuse to guess.
Status corrupt(std::string_view table, const Status& why) {
  return {ErrorCode::kUnsupported, std::string(table) + ": " + why.message()};
}

std::int64_t flag(bool value) { return value ? 1 : 0; }

using store::for_each_row;

Status run(store::Store& store, std::string_view sql, std::string_view text1 = {}, std::string_view text2 = {}) {
  auto stmt = store.prepare(sql);
  if (!stmt) return stmt.status();
  if (!text1.empty()) stmt->bind(1, text1);
  if (!text2.empty()) stmt->bind(2, text2);
  return stmt->run();
}

// kind + key (+ value) of a target, as a WHERE clause over ?1 (?2).
// A category covers its descendants: keys in ["P/", "P0"), '0' being the
// character after '/'.
std::string where_about(const Target& target) {
  switch (target.kind) {
    case TargetKind::kCategory:
      return "kind = 'category' AND (key = ?1 OR (key >= ?1 || '/' AND key < ?1 || '0'))";
    case TargetKind::kAttribute: return "kind = 'attribute' AND key = ?1 AND value = ?2";
    case TargetKind::kItem: return "kind = 'item' AND key = ?1";
  }
  return "0";
}

}  // namespace

Status load_terms(store::Store& store, TermTable& terms) {
  return for_each_row(
      store, "SELECT kind, key, value, type, sensitive, score, ref_ms, count, first_ms, last_ms FROM profile_terms",
      [&terms](store::Statement& row) -> Status {
        auto kind = parse_target_kind(row.column_text(0));
        if (!kind) return corrupt("profile_terms", kind.status());
        auto type = signals::parse_signal_type(row.column_text(3));
        if (!type) return corrupt("profile_terms", type.status());
        Term term;
        term.decayed.score = row.column_double(5);
        term.decayed.ref_ms = row.column_int64(6);
        term.count = row.column_int64(7);
        term.first_ms = row.column_int64(8);
        term.last_ms = row.column_int64(9);
        terms.insert_saved({kind.value(), type.value(), row.column_int64(4) != 0, std::string(row.column_text(1)),
                            std::string(row.column_text(2))},
                           term);
        return Status::ok();
      });
}

Status load_suppressions(store::Store& store, Suppressions& suppressions) {
  return for_each_row(store, "SELECT kind, key, reason, sensitive, since_ms, until_ms FROM profile_suppressions",
                      [&suppressions](store::Statement& row) -> Status {
                        auto kind = parse_target_kind(row.column_text(0));
                        if (!kind) return corrupt("profile_suppressions", kind.status());
                        auto reason = signals::parse_signal_type(row.column_text(2));
                        if (!reason) return corrupt("profile_suppressions", reason.status());
                        suppressions.insert_saved({kind.value(), reason.value(), row.column_int64(3) != 0,
                                                   std::string(row.column_text(1)), {}},
                                                  {row.column_int64(4), row.column_int64(5)});
                        return Status::ok();
                      });
}

Status load_preferences(store::Store& store, Preferences& preferences) {
  return for_each_row(store, "SELECT target, kind, text, at_ms, seq, sensitive FROM profile_preferences",
                      [&preferences](store::Statement& row) -> Status {
                        auto target = parse_target(row.column_text(0));
                        if (!target) return corrupt("profile_preferences", target.status());
                        auto kind = parse_preference_kind(row.column_text(1));
                        if (!kind) return corrupt("profile_preferences", kind.status());
                        StoredPreference preference;
                        preference.kind = kind.value();
                        preference.target = std::move(target.value());
                        preference.text = std::string(row.column_text(2));
                        preference.at_ms = row.column_int64(3);
                        preference.seq = row.column_int64(4);
                        preference.sensitive = row.column_int64(5) != 0;
                        preferences.put(std::move(preference));
                        return Status::ok();
                      });
}

Status save_terms(store::Store& store, TermTable& terms) {
  if (terms.changed_count() == 0) return Status::ok();
  // An upsert measured faster here than UPDATE-else-INSERT. The category
  // follows from the type, part of the key, so an update leaves it (and its
  // index) alone.
  auto stmt = store.prepare(
      "INSERT INTO profile_terms(kind, key, value, type, sensitive, category, score, ref_ms, count, first_ms, last_ms)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
      " ON CONFLICT(kind, key, value, type, sensitive) DO UPDATE SET"
      " score = excluded.score, ref_ms = excluded.ref_ms, count = excluded.count,"
      " first_ms = excluded.first_ms, last_ms = excluded.last_ms");
  if (!stmt) return stmt.status();
  Status status;
  terms.for_each_changed([&](const RowKey& key, const Term& term) {
    if (!status) return;
    stmt->bind(1, name(key.kind))
        .bind(2, std::string_view(key.key))
        .bind(3, std::string_view(key.value))
        .bind(4, signals::name(key.type))
        .bind(5, flag(key.sensitive))
        .bind(6, consent::name(signals::data_category(key.type)))
        .bind(7, term.decayed.score)
        .bind(8, term.decayed.ref_ms)
        .bind(9, term.count)
        .bind(10, term.first_ms)
        .bind(11, term.last_ms);
    status = stmt->run();
    if (status) status = stmt->reset();
  });
  if (status) terms.mark_saved();
  return status;
}

Status save_suppressions(store::Store& store, Suppressions::Table& suppressions) {
  if (suppressions.changed_count() == 0) return Status::ok();
  auto stmt = store.prepare(
      "INSERT INTO profile_suppressions(kind, key, reason, sensitive, category, since_ms, until_ms)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
      " ON CONFLICT(kind, key, reason, sensitive) DO UPDATE SET"
      " since_ms = excluded.since_ms, until_ms = excluded.until_ms");
  if (!stmt) return stmt.status();
  Status status;
  suppressions.for_each_changed([&](const RowKey& key, const SuppressionSpan& span) {
    if (!status) return;
    stmt->bind(1, name(key.kind))
        .bind(2, std::string_view(key.key))
        .bind(3, signals::name(key.type))
        .bind(4, flag(key.sensitive))
        .bind(5, consent::name(signals::data_category(key.type)))
        .bind(6, span.since_ms)
        .bind(7, span.until_ms);
    status = stmt->run();
    if (status) status = stmt->reset();
  });
  if (status) suppressions.mark_saved();
  return status;
}

Status write_preference(store::Store& store, const StoredPreference& preference) {
  auto stmt = store.prepare(
      "INSERT OR REPLACE INTO profile_preferences(target, kind, text, at_ms, seq, sensitive)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return stmt.status();
  stmt->bind(1, std::string_view(preference.target.text))
      .bind(2, std::string_view(preference_kind_name(preference.kind)))
      .bind(4, preference.at_ms)
      .bind(5, preference.seq)
      .bind(6, flag(preference.sensitive));
  if (preference.text.empty()) {
    stmt->bind_null(3);
  } else {
    stmt->bind(3, std::string_view(preference.text));
  }
  return stmt->run();
}

Status delete_inferred(store::Store& store, DataCategory category) {
  if (category == DataCategory::kSensitive) {
    if (Status status = run(store, "DELETE FROM profile_terms WHERE sensitive = 1"); !status) return status;
    return run(store, "DELETE FROM profile_suppressions WHERE sensitive = 1");
  }
  const std::string_view category_name = consent::name(category);
  if (Status status = run(store, "DELETE FROM profile_terms WHERE category = ?1", category_name); !status) {
    return status;
  }
  return run(store, "DELETE FROM profile_suppressions WHERE category = ?1", category_name);
}

Status delete_likes_and_dislikes(store::Store& store, bool sensitive_only) {
  return run(store, sensitive_only ? "DELETE FROM profile_preferences WHERE kind != 'block' AND sensitive = 1"
                                   : "DELETE FROM profile_preferences WHERE kind != 'block'");
}

Status delete_terms_about(store::Store& store, const Target& target) {
  return run(store, "DELETE FROM profile_terms WHERE " + where_about(target), target.key, target.value);
}

Status delete_suppressions_about(store::Store& store, const Target& target) {
  if (target.kind == TargetKind::kAttribute) return Status::ok();  // nothing suppresses an attribute
  return run(store, "DELETE FROM profile_suppressions WHERE " + where_about(target), target.key);
}

Status delete_term(store::Store& store, const RowKey& key) {
  auto stmt = store.prepare(
      "DELETE FROM profile_terms WHERE kind = ?1 AND key = ?2 AND value = ?3 AND type = ?4 AND sensitive = ?5");
  if (!stmt) return stmt.status();
  stmt->bind(1, name(key.kind))
      .bind(2, std::string_view(key.key))
      .bind(3, std::string_view(key.value))
      .bind(4, signals::name(key.type))
      .bind(5, flag(key.sensitive));
  return stmt->run();
}

Status delete_suppression(store::Store& store, const RowKey& key) {
  auto stmt = store.prepare(
      "DELETE FROM profile_suppressions WHERE kind = ?1 AND key = ?2 AND reason = ?3 AND sensitive = ?4");
  if (!stmt) return stmt.status();
  stmt->bind(1, name(key.kind))
      .bind(2, std::string_view(key.key))
      .bind(3, signals::name(key.type))
      .bind(4, flag(key.sensitive));
  return stmt->run();
}

Status delete_preference(store::Store& store, std::string_view target_text) {
  return run(store, "DELETE FROM profile_preferences WHERE target = ?1", target_text);
}

}  // namespace confidant::profile::tables

#include "ranking/learned/ranking_tables.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "store/rows.hpp"

namespace confidant::ranking::tables {
namespace {

constexpr std::string_view kMultiplierPrefix = "multiplier.";

Status unsupported(std::string_view table, const std::string& why) {
  return {ErrorCode::kUnsupported, std::string(table) + ": " + why};
}

Status run(store::Store& store, std::string_view sql, std::string_view text = {}) {
  auto stmt = store.prepare(sql);
  if (!stmt) return stmt.status();
  if (!text.empty()) stmt->bind(1, text);
  return stmt->run();
}

std::string hours_json(const HourHistogram& histogram) {
  std::string out = "[";
  for (std::size_t i = 0; i < histogram.hours.size(); ++i) {
    if (i > 0) out += ',';
    json::append_json_double(out, histogram.hours[i]);
  }
  return out + "]";
}

Status parse_hours(std::string_view text, HourHistogram& histogram) {
  auto parsed = json::parse(text);
  if (!parsed || !parsed->is_array() || parsed->as_array().size() != histogram.hours.size()) {
    return unsupported("ranking_time_of_day", "hours: expected an array of 24 numbers");
  }
  const json::Value::Array& hours = parsed->as_array();
  for (std::size_t i = 0; i < hours.size(); ++i) {
    if (!hours[i].is_number()) return unsupported("ranking_time_of_day", "hours: expected numbers");
    histogram.hours[i] = hours[i].as_double();
  }
  return Status::ok();
}

Status parse_paths(std::string_view text, PlaceHabit& habit) {
  auto parsed = json::parse(text);
  if (!parsed || !parsed->is_object()) return unsupported("ranking_places", "paths: expected an object");
  for (const auto& [path, weight] : parsed->as_object()) {
    if (!weight.is_number()) return unsupported("ranking_places", "paths: expected numbers");
    habit.paths.emplace(path, weight.as_double());
  }
  return Status::ok();
}

Status load_model(store::Store& store, Learner& learner) {
  return store::for_each_row(store, "SELECT name, value FROM ranking_model", [&learner](store::Statement& row) -> Status {
    const std::string_view name = row.column_text(0);
    const double value = row.column_double(1);
    if (name == "bias") {
      learner.bias = value;
      return Status::ok();
    }
    if (name == "updates") {
      learner.updates = static_cast<std::int64_t>(value);
      return Status::ok();
    }
    if (name.substr(0, kMultiplierPrefix.size()) == kMultiplierPrefix) {
      const std::string_view component = name.substr(kMultiplierPrefix.size());
      for (std::size_t i = 0; i < kComponentCount; ++i) {
        if (ranking::name(static_cast<Component>(i)) == component) {
          learner.multipliers[i] = value;
          return Status::ok();
        }
      }
    }
    return unsupported("ranking_model", "unknown name '" + std::string(name) + "'");
  });
}

Status save_model(store::Store& store, Learner& learner) {
  if (!learner.changed) return Status::ok();
  auto stmt = store.prepare(
      "INSERT INTO ranking_model(name, value) VALUES (?1, ?2)"
      " ON CONFLICT(name) DO UPDATE SET value = excluded.value");
  if (!stmt) return stmt.status();
  const auto put = [&stmt](std::string_view name, double value) -> Status {
    stmt->bind(1, name).bind(2, value);
    if (Status st = stmt->run(); !st) return st;
    return stmt->reset();
  };
  if (Status st = put("bias", learner.bias); !st) return st;
  if (Status st = put("updates", static_cast<double>(learner.updates)); !st) return st;
  for (std::size_t i = 0; i < kComponentCount; ++i) {
    const std::string name = std::string(kMultiplierPrefix) + std::string(ranking::name(static_cast<Component>(i)));
    if (Status st = put(name, learner.multipliers[i]); !st) return st;
  }
  learner.changed = false;
  return Status::ok();
}

// Writes what changed in one in-memory table since its last save and deletes
// what went: `bind_row(statement, key, row)` binds one upsert.
template <typename Table, typename BindRow>
Status save_pending(store::Store& store, Table& table, std::string_view upsert_sql, std::string_view delete_sql,
                    BindRow&& bind_row) {
  if (!table.has_pending()) return Status::ok();
  auto upsert = store.prepare(upsert_sql);
  if (!upsert) return upsert.status();
  auto remove = store.prepare(delete_sql);
  if (!remove) return remove.status();
  Status status;
  table.for_each_pending(
      [&](std::string_view key, const auto& row) {
        if (!status) return;
        bind_row(upsert.value(), key, row);
        status = upsert->run();
        if (status) status = upsert->reset();
      },
      [&](std::string_view key) {
        if (!status) return;
        remove->bind(1, key);
        status = remove->run();
        if (status) status = remove->reset();
      });
  if (status) table.mark_saved();
  return status;
}

Status save_time_of_day(store::Store& store, TimeOfDay& time_of_day) {
  return save_pending(
      store, time_of_day,
      "INSERT INTO ranking_time_of_day(path, ref_ms, hours, orders, visits, views) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
      " ON CONFLICT(path) DO UPDATE SET ref_ms = excluded.ref_ms, hours = excluded.hours,"
      " orders = excluded.orders, visits = excluded.visits, views = excluded.views",
      "DELETE FROM ranking_time_of_day WHERE path = ?1",
      [](store::Statement& upsert, std::string_view path, const HourHistogram& histogram) {
        upsert.bind(1, path)
            .bind(2, histogram.ref_ms)
            .bind(3, std::string_view(hours_json(histogram)))
            .bind(4, histogram.engagement[static_cast<std::size_t>(Engagement::kOrder)])
            .bind(5, histogram.engagement[static_cast<std::size_t>(Engagement::kVisit)])
            .bind(6, histogram.engagement[static_cast<std::size_t>(Engagement::kView)]);
      });
}

Status save_places(store::Store& store, Places& places) {
  return save_pending(
      store, places,
      "INSERT INTO ranking_places(place, ref_ms, orders, paths) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT(place) DO UPDATE SET ref_ms = excluded.ref_ms, orders = excluded.orders, paths = excluded.paths",
      "DELETE FROM ranking_places WHERE place = ?1",
      [](store::Statement& upsert, std::string_view place, const PlaceHabit& habit) {
        upsert.bind(1, place).bind(2, habit.ref_ms).bind(3, habit.orders).bind(4, std::string_view(paths_json(habit)));
      });
}

Status save_impressions(store::Store& store, ImpressionLog& impressions) {
  return save_pending(
      store, impressions,
      "INSERT INTO ranking_impressions(item, day, count) VALUES (?1, ?2, ?3)"
      " ON CONFLICT(item) DO UPDATE SET day = excluded.day, count = excluded.count",
      "DELETE FROM ranking_impressions WHERE item = ?1",
      [](store::Statement& upsert, std::string_view item, const DayCount& count) {
        upsert.bind(1, item).bind(2, count.day).bind(3, count.count);
      });
}

}  // namespace

Status load(store::Store& store, LearnedState& state) {
  if (Status st = load_model(store, state.learner); !st) return st;
  Status st = store::for_each_row(
      store, "SELECT path, ref_ms, hours, orders, visits, views FROM ranking_time_of_day",
      [&state](store::Statement& row) -> Status {
        HourHistogram histogram;
        histogram.ref_ms = row.column_int64(1);
        if (Status parsed = parse_hours(row.column_text(2), histogram); !parsed) return parsed;
        histogram.engagement[static_cast<std::size_t>(Engagement::kOrder)] = row.column_double(3);
        histogram.engagement[static_cast<std::size_t>(Engagement::kVisit)] = row.column_double(4);
        histogram.engagement[static_cast<std::size_t>(Engagement::kView)] = row.column_double(5);
        state.time_of_day.insert_saved(std::string(row.column_text(0)), histogram);
        return Status::ok();
      });
  if (!st) return st;
  st = store::for_each_row(store, "SELECT place, ref_ms, orders, paths FROM ranking_places",
                           [&state](store::Statement& row) -> Status {
                             PlaceHabit habit;
                             habit.ref_ms = row.column_int64(1);
                             habit.orders = row.column_double(2);
                             if (Status parsed = parse_paths(row.column_text(3), habit); !parsed) return parsed;
                             state.places.insert_saved(std::string(row.column_text(0)), std::move(habit));
                             return Status::ok();
                           });
  if (!st) return st;
  return store::for_each_row(store, "SELECT item, day, count FROM ranking_impressions",
                             [&state](store::Statement& row) -> Status {
                               state.impressions.insert_saved(std::string(row.column_text(0)),
                                                              {row.column_int64(1), row.column_int64(2)});
                               return Status::ok();
                             });
}

Status save(store::Store& store, LearnedState& state) {
  if (Status st = save_model(store, state.learner); !st) return st;
  if (Status st = save_time_of_day(store, state.time_of_day); !st) return st;
  if (Status st = save_places(store, state.places); !st) return st;
  return save_impressions(store, state.impressions);
}

Status clear(store::Store& store) {
  return store.exec(
      "DELETE FROM ranking_model; DELETE FROM ranking_time_of_day; DELETE FROM ranking_places;"
      " DELETE FROM ranking_impressions;");
}

Status forget(store::Store& store, const profile::Target& target) {
  switch (target.kind) {
    case profile::TargetKind::kItem:
      if (Status st = run(store, "DELETE FROM ranking_places WHERE place = ?1", target.key); !st) return st;
      return run(store, "DELETE FROM ranking_impressions WHERE item = ?1", target.key);
    case profile::TargetKind::kCategory:
      // The path and what lies under it: keys in ["P/", "P0"), '0' being the
      // character after '/' (as the profile's tables do it).
      return run(store,
                 "DELETE FROM ranking_time_of_day WHERE path = ?1 OR (path >= ?1 || '/' AND path < ?1 || '0')",
                 target.key);
    case profile::TargetKind::kAttribute: return Status::ok();
  }
  return Status::ok();
}

}  // namespace confidant::ranking::tables

#include "sync/arm_table.hpp"

namespace confidant::sync {

Result<std::optional<Arm>> ArmTable::arm(std::string_view experiment, std::uint64_t period) {
  auto stmt = store_.prepare("SELECT holdout FROM experiment_arms WHERE experiment = ?1 AND period = ?2");
  if (!stmt) return stmt.status();
  stmt->bind(1, experiment).bind(2, static_cast<std::int64_t>(period));
  auto row = stmt->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<Arm>();
  return std::optional<Arm>(stmt->column_int64(0) != 0 ? Arm::kHoldout : Arm::kPersonalized);
}

Status ArmTable::save_arm(std::string_view experiment, std::uint64_t period, Arm arm, std::int64_t now_ms) {
  auto stmt = store_.prepare("INSERT INTO experiment_arms(experiment, period, holdout, drawn_ms) VALUES (?1, ?2, ?3, ?4)");
  if (!stmt) return stmt.status();
  stmt->bind(1, experiment)
      .bind(2, static_cast<std::int64_t>(period))
      .bind(3, std::int64_t{arm == Arm::kHoldout ? 1 : 0})
      .bind(4, now_ms);
  return stmt->run();
}

Result<bool> ArmTable::left(std::string_view experiment) {
  auto stmt = store_.prepare("SELECT 1 FROM experiment_exits WHERE experiment = ?1");
  if (!stmt) return stmt.status();
  stmt->bind(1, experiment);
  return stmt->step();
}

Status ArmTable::leave(std::string_view experiment, std::int64_t now_ms) {
  auto stmt = store_.prepare("INSERT OR IGNORE INTO experiment_exits(experiment, left_ms) VALUES (?1, ?2)");
  if (!stmt) return stmt.status();
  stmt->bind(1, experiment).bind(2, now_ms);
  return stmt->run();
}

}  // namespace confidant::sync

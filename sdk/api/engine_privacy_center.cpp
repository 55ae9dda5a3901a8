// Engine::privacy_center_inputs: one consistent read of everything the
// privacy center shows (the model itself is built off the worker).
#include "api/engine.hpp"
#include "api/privacy_center_inputs.hpp"

namespace confidant::api {

Result<CenterInputs> Engine::privacy_center_inputs() {
  if (!store_) return Status{ErrorCode::kClosed, "the SDK is closed"};
  CenterInputs in;
  in.now_ms = now();
  auto profile = this->profile();
  if (!profile) return profile.status();
  in.profile = std::move(profile.value());
  in.states = consent_states();
  // The ledger is short (one record per decision) and read whole, as the
  // receipt does: the latest record per pair says who made the choice.
  auto records = gate_->ledger().records();
  if (!records) return records.status();
  for (const consent::ConsentRecord& r : records.value()) {
    const auto cell = static_cast<std::size_t>(r.category) * kAllUses.size() + static_cast<std::size_t>(r.use);
    in.origins[cell] = CellOrigin{r.source, r.at_unix_ms, r.policy_version};
    in.policy_version = r.policy_version;
  }
  auto reports = shared_reports();
  if (!reports) return reports.status();
  in.shared_reports = std::move(reports.value());
  auto budget = this->budget();
  if (!budget) return budget.status();
  in.budget = std::move(budget.value());
  in.taxonomy = taxonomy_;
  return in;
}

}  // namespace confidant::api

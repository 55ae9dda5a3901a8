// Engine::notify_consent: a committed consent change as one event per ledger
// record it wrote, for the host's listeners (api/consent_events.hpp).
//
// Called after the transaction committed (so the records and the purge they
// caused are durable) and after the gate published the new states, on the
// worker; the receiver only queues, so no host code runs here.
#include "api/engine.hpp"

namespace confidant::api {

void Engine::notify_consent(std::span<const consent::Choice> choices, const consent::Change& change,
                            const consent::Provenance& provenance) const {
  if (!config_.on_consent_changed || change.seqs.size() != choices.size()) return;
  std::vector<ConsentEvent> events;
  events.reserve(choices.size());
  for (std::size_t i = 0; i < choices.size(); ++i) {
    ConsentEvent event;
    event.sequence = static_cast<std::uint64_t>(change.seqs[i]);
    event.category = choices[i].category;
    event.use = choices[i].use;
    event.state = consent::state_after(choices[i].decision);
    event.source = provenance.source;
    event.policy_version = provenance.policy_version;
    event.at_unix_ms = provenance.at_unix_ms;
    events.push_back(std::move(event));
  }
  config_.on_consent_changed(std::move(events));
}

}  // namespace confidant::api

// Consent events: what an app's screens need to stay in step with the
// person's consent, whoever changed it (the person on a consent screen, an
// app default, the app's CMP through Sdk::apply_cmp).
//
// One event per consent ledger record, delivered after the record and the
// purge it caused have committed to the store: a listener that reads the
// consent, the receipt or the profile sees the change, and a withdrawn
// category's data already gone. Pausing personalization and erase() are not
// consent records and send no event (docs/consent.md, "Consent events").
//
// Thread-safety: listeners run on the SDK's consent-event thread, one event
// at a time, in ledger order, never while an SDK lock is held (so a
// listener may call any Sdk function, see Sdk::add_consent_listener for the
// one exception). ConsentEvent is a plain value.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "confidant/consent.hpp"

namespace confidant {

struct ConsentEvent {
  // The ledger record's number (1, 2, 3 ... in the order the changes were
  // recorded, also across restarts of the same store): strictly increasing
  // from one event to the next. A gap means events were missed, or a
  // ledger record that changes no pair's state (the person leaving a
  // brand's experiment, docs/sync.md): either way, re-read Sdk::consent().
  std::uint64_t sequence = 0;
  DataCategory category = DataCategory::kPreferences;
  Use use = Use::kPersonalize;
  // The pair's state after the change: kGranted or kDenied (a withdrawal).
  // A record may repeat the state it finds (e.g. a grant under a new policy
  // version): it is an event all the same.
  ConsentState state = ConsentState::kUnknown;
  Source source = Source::kUser;
  // As recorded: the app's policy or screen version, or for source kCmp the
  // CMP's versions ("tcf:policy=5,...").
  std::string policy_version;
  // When the change was recorded, from Options::clock (Unix ms, UTC).
  std::int64_t at_unix_ms = 0;
  // Events dropped just before this one because listeners fell more than
  // Options::consent_event_capacity events behind (0 normally). After a
  // drop, read Sdk::consent() for the current states.
  std::uint64_t missed = 0;
};

// Called on the consent-event thread. An exception it throws is caught and
// counted (SdkStats::consent_listener_errors); delivery goes on.
using ConsentListener = std::function<void(const ConsentEvent&)>;

// Names one registered listener (never 0).
using ConsentListenerId = std::uint64_t;

}  // namespace confidant

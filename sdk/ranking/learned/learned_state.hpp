// LearnedState: everything the ranking learns on the device from the
// person's own signals, kept in its own tables (schema.hpp): when they
// engage with each category (time_of_day.hpp), what they order where
// (places.hpp), how often each item was
// shown today (impressions.hpp), and how they respond to each kind of
// evidence (learner.hpp).
//
// All of it derives from signals the consent gate let through, so the engine
// clears all of it (Ranker::reset) when any personalize consent is withdrawn.
//
// Thread-safety: the owner's; one thread at a time.
#pragma once

#include <cstdint>

#include "ranking/learned/impressions.hpp"
#include "ranking/learned/learner.hpp"
#include "ranking/learned/places.hpp"
#include "ranking/learned/time_of_day.hpp"

namespace confidant::ranking {

struct LearnedState {
  TimeOfDay time_of_day;
  Places places;
  ImpressionLog impressions;
  Learner learner;
  // Bumped by the owner on every change (and on every signal observed, which
  // the profile receives too): what a cached index is keyed by.
  std::uint64_t version = 0;

  // Whether something changed since the last save.
  bool has_pending() const noexcept {
    return time_of_day.has_pending() || places.has_pending() || impressions.has_pending() || learner.changed;
  }
};

}  // namespace confidant::ranking

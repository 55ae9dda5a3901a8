// What the ranking learned, as the person may read it: one JSON object for
// the SDK's export (Sdk::export_json, PRIVACY.md promise 8), so that
// nothing the device keeps about the person is left out of it.
//
//   {"model":{"updates":12,"bias":-0.4,"multipliers":{"category_interest":1.02,...}},
//    "time_of_day":[{"path":"drinks/coffee","as_of":"2026-11-20T08:00:00.000Z",
//                    "hours_utc":[0.0,...],"orders":9.6,"visits":0.0,"views":0.0}],
//    "impressions":[{"item":"muffin-1","day":"2026-11-20","count":2}]}
//
// Paths and items in sorted order, so the same state always reads the same.
//
// Thread-safety: a pure function.
#pragma once

#include <string>

#include "ranking/learned/learned_state.hpp"

namespace confidant::ranking {

std::string export_json(const LearnedState& state);

}  // namespace confidant::ranking
